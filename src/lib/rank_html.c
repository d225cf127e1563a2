/* The shortlist as one self-contained page (rank -f html): no network, no
 * external file.  The table is written as HTML, so that it reads and
 * prints without a script; a small inline script sorts it by any column,
 * filters it by tier, eligibility and name, and opens each row on the
 * applicant's full report, drawn from the reports embedded as JSON. */
#include <string.h>
#include "rank.h"

static const char css[] =
    ":root{--ink:#1d2430;--muted:#5b6472;--line:#d8dde5;--good:#2f7d4f;--mid:#b7791f;--low:#b83232;"
    "--bar:#3b6ea5;--soft:#eef2f7}"
    "*{box-sizing:border-box}"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:var(--ink);"
    "max-width:84rem;margin:1.5rem auto;padding:0 1rem}"
    "h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;"
    "border-bottom:1px solid var(--line)}h3{font-size:.95rem;margin:.8rem 0 .3rem}"
    ".meta,.muted{color:var(--muted)}code,.src{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;"
    "word-break:break-all}"
    ".cards{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.cards figure{margin:0}"
    "figcaption{color:var(--muted);font-size:.8rem}svg{max-width:100%;height:auto}"
    ".controls{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.75rem 0;padding:.5rem .75rem;"
    "background:var(--soft);border-radius:6px}.controls label{white-space:nowrap}"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .45rem;"
    "border-bottom:1px solid var(--line);vertical-align:top}thead th{position:sticky;top:0;background:#fff;"
    "z-index:1}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;"
    "color:inherit}th[aria-sort=ascending] button::after{content:' \\25b2'}"
    "th[aria-sort=descending] button::after{content:' \\25bc'}"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.open button{background:none;border:1px solid var(--line);border-radius:4px;cursor:pointer;"
    "width:1.6rem;font:inherit;line-height:1.2}tr.row:hover{background:#f7f9fc}"
    ".yes{color:var(--good)}.no{color:var(--low);font-weight:600}"
    ".t1{color:var(--good);font-weight:600}.dup{color:var(--mid);font-size:.8em;display:block}"
    "tr.detail>td{background:#fbfcfe;padding:.6rem 1rem 1rem}"
    ".q{display:grid;grid-template-columns:minmax(9rem,16rem) 1fr 3rem;gap:.2rem .6rem;align-items:center;"
    "max-width:44rem}.bar{height:.7rem;background:var(--soft);border-radius:3px;overflow:hidden}"
    ".bar i{display:block;height:100%;background:var(--bar)}"
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}"
    "ul.plain{margin:.2rem 0;padding-left:1.1rem}ul.plain li{margin:.15rem 0}"
    "details{margin:.15rem 0}summary{cursor:pointer}"
    "@page{margin:12mm}"
    "@media print{body{margin:0;max-width:none;font-size:9pt}.controls,td.open,th.open{display:none}"
    "thead th{position:static}tr{break-inside:avoid}a{color:inherit}}";

/* The script: plain ES5, no library.  Rows carry their data index; the
 * reports are in #cf-data. */
static const char js[] =
    "(function(){'use strict';"
    "var data=JSON.parse(document.getElementById('cf-data').textContent);"
    "var table=document.getElementById('list'),tbody=table.tBodies[0];"
    "var rows=Array.prototype.slice.call(tbody.rows);"
    "var ncols=table.tHead.rows[0].cells.length;"
    "function esc(s){return String(s==null?'':s).replace(/[&<>\"']/g,function(c){return '&#'+c.charCodeAt(0)+';';});}"
    "function num(x,d){return typeof x==='number'?x.toFixed(d):'';}"
    "function bar(v){var w=Math.max(0,Math.min(100,v||0));return '<span class=\"bar\"><i style=\"width:'+w+'%\"></i></span>';}"
    "function report(r){var h=[];"
    "if(r.held_back){h.push('<p>The score reaches '+esc(r.held_back.tier_label)+', which needs: '+esc((r.held_back.requires||[]).join('; '))+'.</p>');}"
    "h.push('<div class=\"cols\"><div><h3>Qualities</h3><div class=\"q\">');"
    "(r.qualities||[]).forEach(function(q){h.push('<span>'+esc(q.name||q.id)+' <span class=\"muted\">(weight '+esc(q.weight)+')</span></span>'+bar(q.score)+'<span class=\"num\">'+num(q.score,1)+'</span>');});"
    "h.push('</div></div><div><h3>Gates</h3><ul class=\"plain\">');"
    "(r.gates||[]).forEach(function(g){h.push('<li><span class=\"'+(g.passed?'yes':'no')+'\">'+(g.passed?'passed':'failed')+'</span> '+esc(g.label||g.id)+(g.passed||!g.advice?'':'<br><span class=\"muted\">'+esc(g.advice)+'</span>')+'</li>');});"
    "if(!(r.gates||[]).length)h.push('<li class=\"muted\">none</li>');"
    "h.push('</ul><h3>What would raise the score most</h3><ul class=\"plain\">');"
    "(r.gaps||[]).slice(0,6).forEach(function(g){h.push('<li><strong>+'+num(g.points,1)+'</strong> '+esc(g.label)+(g.advice?'<br><span class=\"muted\">'+esc(g.advice)+'</span>':'')+'</li>');});"
    "if(!(r.gaps||[]).length)h.push('<li class=\"muted\">nothing left to gain</li>');"
    "h.push('</ul></div></div><h3>Evidence</h3>');"
    "(r.qualities||[]).forEach(function(q){h.push('<details><summary>'+esc(q.name||q.id)+' &middot; '+num(q.score,1)+'</summary><ul class=\"plain\">');"
    "(q.criteria||[]).forEach(function(c){var ev=(c.evidence||[]).map(function(e){return '<code>'+esc(e.path)+'</code> '+esc(e.value)+(e.note?' <span class=\"muted\">('+esc(e.note)+')</span>':'');}).join('; ');"
    "h.push('<li>'+esc(c.label||c.id)+': '+num(c.points,1)+' of '+num(c.max_points,1)+(c.missing?' <span class=\"muted\">not stated</span>':'')+(ev?'<br>'+ev:'')+'</li>');});"
    "h.push('</ul></details>');});"
    "if((r.warnings||[]).length){h.push('<h3>Warnings</h3><ul class=\"plain\">');r.warnings.forEach(function(w){h.push('<li>line '+esc(w.line)+', column '+esc(w.column)+': '+esc(w.message)+'</li>');});h.push('</ul>');}"
    "return h.join('');}"
    "function toggle(tr){var b=tr.querySelector('td.open button'),open=b.getAttribute('aria-expanded')==='true';"
    "if(open){tr.parentNode.removeChild(tr.cfDetail);tr.cfDetail=null;}"
    "else{var d=document.createElement('tr');d.className='detail';var td=document.createElement('td');td.colSpan=ncols;"
    "td.innerHTML=report(data[+tr.getAttribute('data-i')]||{});d.appendChild(td);tr.parentNode.insertBefore(d,tr.nextSibling);tr.cfDetail=d;}"
    "b.setAttribute('aria-expanded',open?'false':'true');b.textContent=open?'+':'\\u2212';}"
    "tbody.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('td.open button');if(b)toggle(b.closest('tr'));});"
    "var heads=Array.prototype.slice.call(table.tHead.rows[0].cells);"
    "function key(tr,i,n){var c=tr.cells[i];if(n){var v=c.getAttribute('data-v');return v===null||v===''?-Infinity:+v;}return c.textContent.toLowerCase();}"
    "function sort(i){var th=heads[i],n=th.getAttribute('data-type')==='num';"
    "var dir=th.getAttribute('aria-sort')==='ascending'?'descending':th.getAttribute('aria-sort')==='descending'?'ascending':(n?'descending':'ascending');"
    "heads.forEach(function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir);"
    "var s=dir==='ascending'?1:-1,ks=rows.map(function(tr,j){return {k:key(tr,i,n),j:j,tr:tr};});"
    "ks.sort(function(a,b){return a.k<b.k?-s:a.k>b.k?s:a.j-b.j;});"
    "var f=document.createDocumentFragment();ks.forEach(function(x){f.appendChild(x.tr);if(x.tr.cfDetail)f.appendChild(x.tr.cfDetail);});"
    "rows=ks.map(function(x){return x.tr;});tbody.appendChild(f);}"
    "heads.forEach(function(th,i){var b=th.querySelector('button');if(b)b.addEventListener('click',function(){sort(i);});});"
    "var tier=document.getElementById('f-tier'),elig=document.getElementById('f-elig'),q=document.getElementById('f-name'),"
    "shown=document.getElementById('shown');"
    "function filter(){var t=tier.value,e=elig.checked,s=q.value.toLowerCase(),n=0;"
    "rows.forEach(function(tr){var ok=(!t||tr.getAttribute('data-tier')===t)&&(!e||tr.getAttribute('data-elig')==='1')&&"
    "(!s||tr.textContent.toLowerCase().indexOf(s)>=0);tr.hidden=!ok;if(tr.cfDetail)tr.cfDetail.hidden=!ok;if(ok)n++;});"
    "shown.textContent=n+' of '+rows.length+' shown';}"
    "tier.addEventListener('change',filter);elig.addEventListener('change',filter);q.addEventListener('input',filter);"
    "filter();document.documentElement.setAttribute('data-ready','1');"
    "})();";

/* A report's JSON inside a script element: "<" (only ever in a string)
 * written as \u003c, so that no "</script>" can end it. */
static void script_json(cf_buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '<') {
            cf_buf_add(b, s + from, i - from);
            cf_buf_puts(b, "\\u003c");
            from = i + 1;
        }
    cf_buf_add(b, s + from, n - from);
}

static void put_tenths(cf_buf *b, int v10)
{
    cf_buf_printf(b, "%d.%d", v10 / 10, v10 % 10);
}

/* The scores in ten bands (the last one 90 to 100) and the tiers, as bars. */
static void charts(cf_ranking *rk, cf_buf *b)
{
    unsigned long band[10] = {0}, most = 1;
    const unsigned *h = rk->hist + MAXQ * HIST;
    for (int v = 0; v < HIST; v++)
        band[v >= 900 ? 9 : v / 100] += h[v];
    for (int i = 0; i < 10; i++)
        most = band[i] > most ? band[i] : most;
    cf_buf_puts(b, "<div class=\"cards\"><figure><svg role=\"img\" aria-labelledby=\"dist-t\" viewBox=\"0 0 420 170\" "
                   "width=\"420\" height=\"170\"><title id=\"dist-t\">Scores of everyone scored, in bands of ten "
                   "points</title>");
    for (int i = 0; i < 10; i++) {
        int bh = (int)(120.0 * (double)band[i] / (double)most + 0.5);
        cf_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"34\" height=\"%d\" fill=\"#3b6ea5\"><title>%d to %d: %lu"
                         "</title></rect>",
                      10 + i * 40, 135 - bh, bh, i * 10, i == 9 ? 100 : i * 10 + 9, band[i]);
        cf_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2430\">%lu</text>",
                      27 + i * 40, 131 - bh, band[i]);
        cf_buf_printf(b, "<text x=\"%d\" y=\"152\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6472\">%d</text>",
                      27 + i * 40, i * 10);
    }
    cf_buf_puts(b, "<text x=\"210\" y=\"167\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6472\">score</text>"
                   "</svg><figcaption>Score distribution: how many applicants scored in each band of ten points."
                   "</figcaption></figure>");
    int order[MAXT];
    for (int i = 0; i < rk->ntiers; i++)
        order[i] = i;
    /* the rubric's order, highest tier first */
    for (int i = 1; i < rk->ntiers; i++)
        for (int j = i; j > 0 && rk->tiers[order[j]].rank && rk->tiers[order[j - 1]].rank &&
                        rk->tiers[order[j]].rank < rk->tiers[order[j - 1]].rank;
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    unsigned long tmost = 1;
    for (int i = 0; i < rk->ntiers; i++)
        tmost = rk->tiers[i].count > tmost ? rk->tiers[i].count : tmost;
    int th = 14 + 26 * (rk->ntiers ? rk->ntiers : 1);
    cf_buf_printf(b, "<figure><svg role=\"img\" aria-labelledby=\"tier-t\" viewBox=\"0 0 420 %d\" width=\"420\" "
                     "height=\"%d\"><title id=\"tier-t\">Applicants in each tier</title>",
                  th, th);
    for (int i = 0; i < rk->ntiers; i++) {
        const named *t = &rk->tiers[order[i]];
        int w = (int)(220.0 * (double)t->count / (double)tmost + 0.5);
        cf_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"#1d2430\">", 22 + i * 26);
        cf_buf_html(b, t->label ? t->label : t->id);
        cf_buf_printf(b, "</text><rect x=\"160\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#3b6ea5\"></rect>"
                         "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1d2430\">%lu</text>",
                      10 + i * 26, w, 166 + w, 22 + i * 26, t->count);
    }
    cf_buf_puts(b, "</svg><figcaption>Tiers: how many applicants are in each.</figcaption></figure></div>\n");
}

void cf_rank_write_html(cf_ranking *rk, out *o)
{
    cf_buf *b = &o->b;
    int named_any = 0;
    for (size_t k = 0; k < rk->nrecs && !named_any; k++)
        named_any = rk->recs[k]->s[R_NAME] != NULL;
    cf_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>Shortlist");
    if (rk->rubric_id) {
        cf_buf_puts(b, ": ");
        cf_buf_html(b, rk->rubric_id);
    }
    cf_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>Shortlist</h1>\n<p class=\"meta\">",
                  css);
    if (rk->rubric_id) {
        cf_buf_puts(b, "Rubric <code>");
        cf_buf_html(b, rk->rubric_id);
        cf_buf_puts(b, "</code> ");
        cf_buf_html(b, rk->rubric_version ? rk->rubric_version : "");
        cf_buf_puts(b, " &middot; as of ");
        cf_buf_html(b, rk->as_of ? rk->as_of : "");
        cf_buf_puts(b, " &middot; ");
    }
    unsigned long inputs = rk->scored + rk->failed;
    cf_buf_printf(b, "%lu input%s: %lu scored, %lu failed", inputs, inputs == 1 ? "" : "s", rk->scored,
                  rk->failed);
    if (rk->nskipped)
        cf_buf_printf(b, ", %zu file%s skipped (not JSON)", rk->nskipped, rk->nskipped == 1 ? "" : "s");
    if (rk->dups)
        cf_buf_printf(b, ", %lu duplicate%s%s", rk->dups, rk->dups == 1 ? "" : "s",
                      rk->dropped ? " (left out)" : "");
    cf_buf_printf(b, ", %lu not eligible</p>\n</header>\n<main>\n<section aria-labelledby=\"s-sum\">"
                     "<h2 id=\"s-sum\">Summary</h2>\n",
                  rk->ineligible);
    charts(rk, b);
    cf_buf_puts(b, "</section>\n<section aria-labelledby=\"s-list\"><h2 id=\"s-list\">Applicants</h2>\n"
                   "<div class=\"controls\"><label>Tier <select id=\"f-tier\"><option value=\"\">all</option>");
    int order[MAXT];
    for (int i = 0; i < rk->ntiers; i++)
        order[i] = i;
    for (int i = 1; i < rk->ntiers; i++)
        for (int j = i; j > 0 && rk->tiers[order[j]].rank < rk->tiers[order[j - 1]].rank; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < rk->ntiers; i++) {
        cf_buf_puts(b, "<option value=\"");
        cf_buf_html(b, rk->tiers[order[i]].id);
        cf_buf_puts(b, "\">");
        cf_buf_html(b, rk->tiers[order[i]].label ? rk->tiers[order[i]].label : rk->tiers[order[i]].id);
        cf_buf_puts(b, "</option>");
    }
    cf_buf_puts(b, "</select></label><label><input type=\"checkbox\" id=\"f-elig\"> eligible only</label>"
                   "<label>Find <input type=\"search\" id=\"f-name\" placeholder=\"name, tier, source\"></label>"
                   "<span id=\"shown\" class=\"muted\" aria-live=\"polite\"></span></div>\n"
                   "<table id=\"list\"><thead><tr><th class=\"open\"><span class=\"muted\">open</span></th>"
                   "<th class=\"num\" data-type=\"num\" aria-sort=\"ascending\"><button type=\"button\">rank</button></th>");
    if (named_any)
        cf_buf_puts(b, "<th><button type=\"button\">name</button></th>");
    cf_buf_puts(b, "<th class=\"num\" data-type=\"num\"><button type=\"button\">score</button></th>"
                   "<th data-type=\"num\"><button type=\"button\">tier</button></th>"
                   "<th><button type=\"button\">eligible</button></th>"
                   "<th class=\"num\" data-type=\"num\"><button type=\"button\">stated</button></th>");
    for (int i = 0; i < rk->nq; i++) {
        char head[5];
        snprintf(head, sizeof head, "%s", rk->qid[i]);
        cf_buf_puts(b, "<th class=\"num\" data-type=\"num\" title=\"");
        cf_buf_html(b, rk->qname[i]);
        cf_buf_puts(b, "\"><button type=\"button\">");
        cf_buf_html(b, head);
        cf_buf_puts(b, "</button></th>");
    }
    cf_buf_puts(b, "<th><button type=\"button\">top gap</button></th><th><button type=\"button\">contact</button></th>"
                   "<th><button type=\"button\">source</button></th></tr></thead>\n<tbody>\n");
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        const named *t = &rk->tiers[r->tier];
        cf_buf_printf(b, "<tr class=\"row\" data-i=\"%zu\" data-elig=\"%d\" data-tier=\"", k, r->eligible);
        cf_buf_html(b, t->id);
        cf_buf_printf(b, "\"><td class=\"open\"><button type=\"button\" aria-expanded=\"false\" "
                         "aria-label=\"open the report\">+</button></td><td class=\"num\" data-v=\"%zu\">%zu</td>",
                      k + 1, k + 1);
        if (named_any) {
            cf_buf_puts(b, "<td>");
            cf_buf_html(b, r->s[R_NAME] ? r->s[R_NAME] : "");
            if (r->dup >= 0)
                cf_buf_printf(b, "<span class=\"dup\">same person as #%ld</span>", r->dup + 1);
            cf_buf_puts(b, "</td>");
        }
        cf_buf_printf(b, "<td class=\"num\" data-v=\"%d\"><strong>", r->score10);
        put_tenths(b, r->score10);
        cf_buf_printf(b, "</strong></td><td data-v=\"%d\"%s>", -(r->trank ? r->trank : MAXT + 1),
                      r->trank == 1 ? " class=\"t1\"" : "");
        cf_buf_html(b, t->label ? t->label : t->id);
        cf_buf_printf(b, "</td><td class=\"%s\">%s</td><td class=\"num\" data-v=\"%d\">", r->eligible ? "yes" : "no",
                      r->eligible ? "yes" : "no", r->comp1000);
        if (r->comp1000 >= 0)
            cf_buf_printf(b, "%d%%", (r->comp1000 + 5) / 10);
        cf_buf_puts(b, "</td>");
        for (int i = 0; i < rk->nq; i++)
            cf_buf_printf(b, "<td class=\"num\" data-v=\"%d\">%d</td>", r->q10[i], (r->q10[i] + 5) / 10);
        cf_buf_puts(b, "<td>");
        cf_buf_html(b, r->s[R_GAP] ? r->s[R_GAP] : "");
        cf_buf_puts(b, "</td><td>");
        for (int i = R_EMAIL; i <= R_LOCATION; i++) {
            if (!r->s[i])
                continue;
            if (i == R_EMAIL) {
                cf_buf_puts(b, "<a href=\"mailto:");
                cf_buf_html(b, r->s[i]);
                cf_buf_puts(b, "\">");
                cf_buf_html(b, r->s[i]);
                cf_buf_puts(b, "</a>");
            } else {
                cf_buf_html(b, r->s[i]);
            }
            cf_buf_puts(b, "<br>");
        }
        src.len = 0;
        cf_rank_source(&src, r);
        cf_buf_puts(b, "</td><td class=\"src\">");
        cf_buf_html(b, src.s ? src.s : "");
        cf_buf_puts(b, "</td></tr>\n");
        cf_rank_flush(o, 0);
    }
    cf_buf_puts(b, "</tbody></table>\n</section>\n");
    if (rk->nerrs || rk->nskipped) {
        cf_buf_puts(b, "<section aria-labelledby=\"s-err\"><h2 id=\"s-err\">Not scored</h2>\n<ul class=\"plain\">\n");
        for (size_t k = 0; k < rk->nerrs; k++) {
            const err_rec *e = &rk->errs[k];
            cf_buf_puts(b, "<li><code>");
            cf_buf_html(b, e->source);
            if (e->line)
                cf_buf_printf(b, ":%u:%u", e->line, e->col);
            cf_buf_puts(b, "</code>: ");
            cf_buf_html(b, e->message);
            cf_buf_puts(b, "</li>\n");
        }
        for (size_t k = 0; k < rk->nskipped; k++) {
            cf_buf_puts(b, "<li><code>");
            cf_buf_html(b, rk->skipped[k]);
            cf_buf_puts(b, "</code>: not JSON; convert it to JSON Resume first</li>\n");
        }
        cf_buf_puts(b, "</ul></section>\n");
    }
    cf_buf_puts(b, "</main>\n<script type=\"application/json\" id=\"cf-data\">[");
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        if (k)
            cf_buf_putc(b, ',');
        if (r->report)
            script_json(b, r->report, r->report_len);
        else
            cf_buf_puts(b, "{}");
        cf_rank_flush(o, 0);
    }
    cf_buf_printf(b, "]</script>\n<script>%s</script>\n</body>\n</html>\n", js);
    b->oom |= src.oom;
    cf_buf_free(&src);
}
