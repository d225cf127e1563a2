/* The shortlist as one self-contained page (rank -f html): no network, no
 * external file.  The table is written as HTML, so that it reads and
 * prints without a script; a small inline script sorts it by any column,
 * filters it by tier, eligibility and name, and opens each row on the
 * applicant's full report, drawn from the reports embedded as JSON. */
#include <string.h>
#include "rank_html.h"

static const char css[] =
    ":root{--ink:#1d2430;--muted:#5b6472;--line:#d8dde5;--good:#2f7d4f;--mid:#b7791f;--low:#b83232;"
    "--bar:#3b6ea5;--soft:#eef2f7}"
    "*{box-sizing:border-box}[hidden]{display:none!important}"
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
    ".wide{overflow-x:auto}table{border-collapse:collapse;width:100%}td.nm,td.tr{white-space:nowrap}th,td{text-align:left;padding:.3rem .45rem;"
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
    ".report{position:sticky;left:1rem;max-width:min(78rem,calc(100vw - 4rem))}"
    ".q{display:grid;grid-template-columns:minmax(9rem,16rem) 1fr 3rem;gap:.2rem .6rem;align-items:center;"
    "max-width:44rem}.bar{height:.7rem;background:var(--soft);border-radius:3px;overflow:hidden}"
    ".bar i{display:block;height:100%;background:var(--bar)}"
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}"
    "ul.plain{margin:.2rem 0;padding-left:1.1rem}ul.plain li{margin:.15rem 0}"
    "details{margin:.15rem 0}summary{cursor:pointer}"
    "td.fx{min-width:16rem;max-width:34rem}"
    /* a phone's width: each applicant a card (name, score, tier, facts), no sideways scrolling */
    "@media (max-width:40rem){.wide{overflow:visible}#list thead{display:none}#list,#list tbody{display:block}"
    "#list tr.row{display:grid;grid-template-columns:2rem 1fr auto;gap:.15rem .5rem;align-items:baseline;"
    "border:1px solid var(--line);border-radius:6px;padding:.5rem;margin:.5rem 0}"
    "#list tr.row>td{border:0;padding:0;display:none}#list tr.row>td.open,#list tr.row>td.nm,#list tr.row>td.sc{display:block}"
    "#list tr.row>td.nm{white-space:normal;font-weight:600}"
    "#list tr.row>td.tr,#list tr.row>td.fx{display:block;grid-column:2/-1;min-width:0;white-space:normal}"
    "#list tr.detail,#list tr.detail>td{display:block}.report{position:static;max-width:100%}"
    ".q{grid-template-columns:minmax(6rem,1fr) 4rem 2.5rem}.cols{grid-template-columns:1fr}body{padding:0 .5rem}}"
    "@page{margin:12mm}"
    "@media print{body{margin:0;max-width:none;font-size:9pt}.wide{overflow:visible}.controls,td.open,th.open{display:none}"
    "thead th{position:static}tr{break-inside:avoid}a{color:inherit}}";

/* The script: plain ES5, no library.  It draws the table from #cf-data
 * (rows, and each applicant's report with its strings in one table),
 * a page of rows at a time, so that thousands of applicants open at once. */
static const char js[] =
    "(function(){'use strict';"
    "var D=JSON.parse(document.getElementById('cf-data').textContent),S=D.s,T=D.t,rows=D.r,named=D.named;"
    "var table=document.getElementById('list'),tbody=table.tBodies[0],heads=Array.prototype.slice.call(table.tHead.rows[0].cells);"
    "var ncols=heads.length,PAGE=200,limit=PAGE,order=rows.map(function(r,i){return i;}),shown=order,open={};"
    "function esc(s){return String(s==null?'':s).replace(/[&<>\"']/g,function(c){return '&#'+c.charCodeAt(0)+';';});}"
    "function str(i){return i<0?'':S[i];}"
    "function t10(v){return (v/10).toFixed(1);}"
    "function bar(v){var w=Math.max(0,Math.min(100,v||0));return '<span class=\"bar\"><i style=\"width:'+w+'%\"></i></span>';}"
    /* a row: [name, email, phone, location, source, score10, tier, eligible, completeness1000, [q10], facts, dup rank, warnings, id] */
    "function cell(r,i){var t=T[r[6]],h='<tr class=\"row\" data-i=\"'+i+'\" data-elig=\"'+r[7]+'\" data-tier=\"'+esc(t[0])+'\">'+"
    "'<td class=\"open\"><button type=\"button\" aria-expanded=\"'+(open[i]?'true':'false')+'\" aria-label=\"open the report\">'+(open[i]?'\\u2212':'+')+'</button></td>'+"
    "'<td class=\"num rk\" data-v=\"'+(i+1)+'\">'+(i+1)+'</td>';"
    "if(named)h+='<td class=\"nm\">'+esc(r[0])+(r[11]?'<span class=\"dup\">same person as #'+r[11]+'</span>':'')+'</td>';"
    "h+='<td class=\"num sc\" data-v=\"'+r[5]+'\"><strong>'+t10(r[5])+'</strong></td><td class=\"tr'+(t[2]===1?' t1':'')+'\">'+esc(t[1])+'</td>'+"
    "'<td class=\"'+(r[7]?'yes':'no')+'\">'+(r[7]?'yes':'no')+'</td><td class=\"num\">'+(r[8]<0?'':Math.round(r[8]/10)+'%')+'</td>';"
    "r[9].forEach(function(q){h+='<td class=\"num\" data-v=\"'+q+'\">'+Math.round(q/10)+'</td>';});"
    "h+='<td class=\"fx\">'+esc(r[10])+'</td><td class=\"ct\">'+(r[1]?'<a href=\"mailto:'+esc(r[1])+'\">'+esc(r[1])+'</a><br>':'')+(r[2]?esc(r[2])+'<br>':'')+(r[3]?esc(r[3]):'')+'</td>'+"
    "'<td class=\"src\" title=\"'+esc(r[4])+'\">'+esc(r[13]||r[4].replace(/^.*\\//,''))+'</td></tr>';"
    "if(open[i])h+='<tr class=\"detail\"><td colspan=\"'+ncols+'\"><div class=\"report\">'+report(D.d[i])+'</div></td></tr>';"
    "return h;}"
    /* a report: [held tier, [requires], [qualities], [gates], [gaps], [warnings]] */
    "function report(p){if(!p)return '<p class=\"muted\">No report kept.</p>';var h=[];"
    "if(p[0]>=0)h.push('<p>The score reaches '+esc(str(p[0]))+', which needs: '+esc(p[1].map(str).join('; '))+'.</p>');"
    "h.push('<div class=\"cols\"><div><h3>Qualities</h3><div class=\"q\">');"
    "p[2].forEach(function(q){h.push('<span>'+esc(str(q[0]))+' <span class=\"muted\">(weight '+q[1]+')</span></span>'+bar(q[2])+'<span class=\"num\">'+q[2].toFixed(1)+'</span>');});"
    "h.push('</div></div><div><h3>Gates</h3><ul class=\"plain\">');"
    "p[3].forEach(function(g){h.push('<li><span class=\"'+(g[1]?'yes':'no')+'\">'+(g[1]?'passed':'failed')+'</span> '+esc(str(g[0]))+(g[1]||g[2]<0?'':'<br><span class=\"muted\">'+esc(str(g[2]))+'</span>')+'</li>');});"
    "if(!p[3].length)h.push('<li class=\"muted\">none</li>');"
    "h.push('</ul><h3>What would raise the score most</h3><ul class=\"plain\">');"
    "p[4].forEach(function(g){h.push('<li><strong>+'+g[1].toFixed(1)+'</strong> '+esc(str(g[0]))+(g[2]<0?'':'<br><span class=\"muted\">'+esc(str(g[2]))+'</span>')+'</li>');});"
    "if(!p[4].length)h.push('<li class=\"muted\">nothing left to gain</li>');"
    "h.push('</ul></div></div><h3>Evidence</h3>');"
    "p[2].forEach(function(q){h.push('<details><summary>'+esc(str(q[0]))+' &middot; '+q[2].toFixed(1)+'</summary><ul class=\"plain\">');"
    "q[3].forEach(function(c){var ev=c[4].map(function(e){return '<code>'+esc(str(e[0]))+'</code> '+esc(str(e[1]))+(e[2]<0?'':' <span class=\"muted\">('+esc(str(e[2]))+')</span>');}).join('; ');"
    "h.push('<li>'+esc(str(c[0]))+': '+c[1].toFixed(1)+' of '+c[2].toFixed(1)+(c[3]?' <span class=\"muted\">not stated</span>':'')+(ev?'<br>'+ev:'')+'</li>');});"
    "h.push('</ul></details>');});"
    "if(p[5].length){h.push('<h3>Warnings</h3><ul class=\"plain\">');p[5].forEach(function(w){h.push('<li>line '+w[0]+', column '+w[1]+': '+esc(str(w[2]))+'</li>');});h.push('</ul>');}"
    "return h.join('');}"
    "var more=document.getElementById('more'),all=document.getElementById('all'),pager=more.parentNode,count=document.getElementById('shown');"
    "function draw(){var h=[],n=Math.min(limit,shown.length);for(var k=0;k<n;k++)h.push(cell(rows[shown[k]],shown[k]));"
    "tbody.innerHTML=h.join('');count.textContent=(n<shown.length?n+' of '+shown.length+' shown':shown.length+' shown')+(shown.length<rows.length?' ('+rows.length+' in all)':'');"
    "pager.hidden=n>=shown.length;}"
    "more.addEventListener('click',function(){limit+=PAGE;draw();});all.addEventListener('click',function(){limit=shown.length;draw();});"
    "window.addEventListener('beforeprint',function(){limit=shown.length;draw();});"
    "tbody.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('td.open button');if(!b)return;var i=+b.closest('tr').getAttribute('data-i');"
    "if(open[i])delete open[i];else open[i]=1;draw();});"
    /* sort keys by column: the header's data-key */
    "function key(i,k){var r=rows[i];switch(k){case 'rank':return i;case 'name':return String(r[0]).toLowerCase();case 'score':return r[5];"
    "case 'tier':return -T[r[6]][2];case 'elig':return r[7];case 'stated':return r[8];case 'facts':return String(r[10]).toLowerCase();"
    "case 'contact':return String(r[1]||'').toLowerCase();case 'source':return String(r[13]||r[4]).toLowerCase();default:return r[9][+k.slice(1)];}}"
    "function sort(th){var k=th.getAttribute('data-key'),n=th.getAttribute('data-type')==='num',cur=th.getAttribute('aria-sort');"
    "var dir=cur==='ascending'?'descending':cur==='descending'?'ascending':(n&&k!=='rank'?'descending':'ascending');"
    "heads.forEach(function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir);"
    "var s=dir==='ascending'?1:-1,ks=order.map(function(i){return [key(i,k),i];});"
    "ks.sort(function(a,b){return a[0]<b[0]?-s:a[0]>b[0]?s:a[1]-b[1];});order=ks.map(function(x){return x[1];});filter();}"
    "heads.forEach(function(th){var b=th.querySelector('button');if(b)b.addEventListener('click',function(){sort(th);});});"
    "var tier=document.getElementById('f-tier'),elig=document.getElementById('f-elig'),q=document.getElementById('f-name');"
    "function filter(){var t=tier.value,e=elig.checked,s=q.value.toLowerCase();"
    "shown=order.filter(function(i){var r=rows[i];return (!t||T[r[6]][0]===t)&&(!e||r[7])&&"
    "(!s||(r[0]+' '+r[1]+' '+r[4]+' '+T[r[6]][1]).toLowerCase().indexOf(s)>=0);});draw();}"
    "tier.addEventListener('change',function(){limit=PAGE;filter();});elig.addEventListener('change',function(){limit=PAGE;filter();});"
    "q.addEventListener('input',function(){limit=PAGE;filter();});"
    "filter();document.documentElement.setAttribute('data-ready','1');"
    "})();";

/* Strings of the reports, each kept once: the page's string table. */
typedef struct strtab {
    cf_buf json;              /* the table as JSON array items */
    char **v;                 /* interned copies, by index */
    size_t n, cap;
    size_t *slot;             /* open addressing: index + 1, 0 empty */
    size_t nslot;
    int oom;
} strtab;

static long intern_str(strtab *t, const char *s)
{
    if (!s)
        return -1;
    if (t->n * 2 >= t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 1024;
        size_t *slot = cf_calloc(ns, sizeof *slot);
        if (!slot) {
            t->oom = 1;
            return -1;
        }
        for (size_t i = 0; i < t->n; i++) {
            size_t j = (size_t)cf_fnv1a(t->v[i], strlen(t->v[i]), CF_FNV_INIT) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        cf_free(t->slot);
        t->slot = slot;
        t->nslot = ns;
    }
    size_t j = (size_t)cf_fnv1a(s, strlen(s), CF_FNV_INIT) & (t->nslot - 1);
    while (t->slot[j]) {
        if (strcmp(t->v[t->slot[j] - 1], s) == 0)
            return (long)(t->slot[j] - 1);
        j = (j + 1) & (t->nslot - 1);
    }
    char **v = cf_grow(t->v, &t->cap, t->n + 1, sizeof *v);
    if (!v || !(v[t->n] = cf_strdup(s))) {
        if (v)
            t->v = v;
        t->oom = 1;
        return -1;
    }
    t->v = v;
    if (t->n)
        cf_buf_putc(&t->json, ',');
    cf_buf_json_str(&t->json, s);
    t->slot[j] = ++t->n;
    return (long)(t->n - 1);
}

static void strtab_free(strtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        cf_free(t->v[i]);
    cf_free(t->v);
    cf_free(t->slot);
    cf_buf_free(&t->json);
}

/* The members of o named in spec ("slabel npoints bmissing": s a string,
 * n a number, b a boolean as 0 or 1), comma-separated, strings as indices
 * into t; sep first when any member was written before. */
static void members(cf_buf *b, strtab *t, const cJSON *o, const char *spec)
{
    char key[32];
    for (int first = 1; *spec; first = 0) {
        char kind = *spec++;
        size_t n = strcspn(spec, " ");
        snprintf(key, sizeof key, "%.*s", (int)n, spec);
        spec += n + (spec[n] == ' ');
        if (!first)
            cf_buf_putc(b, ',');
        const cJSON *v = cf_get(o, key);
        if (kind == 's')
            cf_buf_printf(b, "%ld", intern_str(t, cJSON_IsString(v) ? v->valuestring : NULL));
        else if (kind == 'b')
            cf_buf_putc(b, cJSON_IsTrue(v) ? '1' : '0');
        else
            cf_buf_num(b, cJSON_IsNumber(v) ? v->valuedouble : 0, 2);
    }
}

/* The items of an array (at most max), each as [members, then what more()
 * adds], comma-separated inside []. */
static void items(cf_buf *b, strtab *t, const cJSON *arr, const char *spec, int max,
                  void (*more)(cf_buf *, strtab *, const cJSON *))
{
    const cJSON *x;
    int n = 0;
    cf_buf_putc(b, '[');
    cJSON_ArrayForEach(x, arr) {
        if (n == max)
            break;
        cf_buf_puts(b, n++ ? ",[" : "[");
        members(b, t, x, spec);
        if (more)
            more(b, t, x);
        cf_buf_putc(b, ']');
    }
    cf_buf_putc(b, ']');
}

static void criterion_evidence(cf_buf *b, strtab *t, const cJSON *c)
{
    cf_buf_putc(b, ',');
    items(b, t, cf_get(c, "evidence"), "spath svalue snote", -1, NULL);
}

static void quality_criteria(cf_buf *b, strtab *t, const cJSON *q)
{
    cf_buf_putc(b, ',');
    items(b, t, cf_get(q, "criteria"), "slabel npoints nmax_points bmissing", -1, criterion_evidence);
}

/* A report as the script reads it: the parts the page shows, as arrays,
 * its strings as indices into t (see report() in the script):
 * [held tier, [requires], [qualities], [gates], [gaps, at most 6], [warnings]]. */
static void compact_report(cf_buf *b, strtab *t, const char *json, size_t len)
{
    cJSON *r = json ? cJSON_ParseWithLength(json, len) : NULL;
    if (!r) {
        cf_buf_puts(b, "null");
        if (json)
            b->oom = 1;   /* our own report, unreadable: only when memory ran out */
        return;
    }
    const cJSON *held = cf_get(r, "held_back"), *x;
    cf_buf_printf(b, "[%ld,[", intern_str(t, cf_get_str(held, "tier_label")));
    int n = 0;
    cJSON_ArrayForEach(x, cf_get(held, "requires"))
        cf_buf_printf(b, n++ ? ",%ld" : "%ld", intern_str(t, cJSON_IsString(x) ? x->valuestring : NULL));
    cf_buf_puts(b, "],");
    items(b, t, cf_get(r, "qualities"), "sname nweight nscore", -1, quality_criteria);
    cf_buf_putc(b, ',');
    items(b, t, cf_get(r, "gates"), "slabel bpassed sadvice", -1, NULL);
    cf_buf_putc(b, ',');
    items(b, t, cf_get(r, "gaps"), "slabel npoints sadvice", 6, NULL);
    cf_buf_putc(b, ',');
    items(b, t, cf_get(r, "warnings"), "nline ncolumn smessage", -1, NULL);
    cf_buf_putc(b, ']');
    cJSON_Delete(r);
}

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

/* The tiers in the rubric's order, highest first, those of unknown place
 * (merged from reports that do not say it) last: an allocated array of
 * indices (NULL: out of memory, b is marked). */
static int *tiers_by_rank(const cf_ranking *rk, cf_buf *b)
{
    int *order = cf_malloc((rk->ntiers ? (size_t)rk->ntiers : 1) * sizeof *order);
    if (!order) {
        b->oom = 1;
        return NULL;
    }
    for (int i = 0; i < rk->ntiers; i++)
        order[i] = i;
    /* by place, then by id: never by the order they were met in, which
     * follows thread timing and the order of a merge's operands */
    for (int i = 1; i < rk->ntiers; i++)
        for (int j = i; j > 0; j--) {
            const cf_rank_named *x = &rk->tiers[order[j - 1]], *y = &rk->tiers[order[j]];
            int before = x->rank && y->rank ? x->rank < y->rank || (x->rank == y->rank && strcmp(x->id, y->id) <= 0)
                         : x->rank || y->rank ? x->rank != 0
                                              : strcmp(x->id, y->id) <= 0;
            if (before)
                break;
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return order;
}

/* The scores in ten bands (the last one 90 to 100) and the tiers, as bars. */
static void charts(cf_ranking *rk, cf_buf *b)
{
    unsigned long band[10] = {0}, most = 1;
    const unsigned *h = cf_rank_hist(rk, -1);
    for (int v = 0; h && v < CF_RANK_HIST; v++)
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
    int *order = tiers_by_rank(rk, b);
    if (!order)
        return;
    unsigned long tmost = 1;
    for (int i = 0; i < rk->ntiers; i++)
        tmost = rk->tiers[i].count > tmost ? rk->tiers[i].count : tmost;
    int th = 14 + 26 * (rk->ntiers ? rk->ntiers : 1);
    cf_buf_printf(b, "<figure><svg role=\"img\" aria-labelledby=\"tier-t\" viewBox=\"0 0 420 %d\" width=\"420\" "
                     "height=\"%d\"><title id=\"tier-t\">Applicants in each tier</title>",
                  th, th);
    for (int i = 0; i < rk->ntiers; i++) {
        const cf_rank_named *t = &rk->tiers[order[i]];
        int w = (int)(220.0 * (double)t->count / (double)tmost + 0.5);
        cf_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"#1d2430\">", 22 + i * 26);
        cf_buf_html(b, t->label ? t->label : t->id);
        cf_buf_printf(b, "</text><rect x=\"160\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#3b6ea5\"></rect>"
                         "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1d2430\">%lu</text>",
                      10 + i * 26, w, 166 + w, 22 + i * 26, t->count);
    }
    cf_buf_puts(b, "</svg><figcaption>Tiers: how many applicants are in each.</figcaption></figure></div>\n");
    cf_free(order);
}

void cf_rank_write_html(cf_ranking *rk, cf_rank_out *o)
{
    cf_buf *b = &o->b;
    int named_any = 0;
    for (size_t k = 0; k < rk->nrecs && !named_any; k++)
        named_any = rk->recs[k]->s[CF_RANK_NAME] != NULL;
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
        if (rk->rubric_title) {
            cf_buf_puts(b, " &middot; tiers for the opening: ");
            cf_buf_html(b, rk->rubric_title);
        }
        cf_buf_puts(b, " &middot; ");
    }
    unsigned long inputs = rk->scored + rk->failed;
    cf_buf_printf(b, "%lu input%s: %lu scored, %lu failed", inputs, inputs == 1 ? "" : "s", rk->scored,
                  rk->failed);
    if (rk->nskipped)
        cf_buf_printf(b, ", %zu file%s skipped (not read)", rk->nskipped, rk->nskipped == 1 ? "" : "s");
    if (rk->dups)
        cf_buf_printf(b, ", %lu duplicate%s%s", rk->dups, rk->dups == 1 ? "" : "s",
                      rk->dropped ? " (left out)" : "");
    cf_buf_printf(b, ", %lu not eligible</p>\n</header>\n<main>\n<section aria-labelledby=\"s-sum\">"
                     "<h2 id=\"s-sum\">Summary</h2>\n",
                  rk->ineligible);
    charts(rk, b);
    cf_buf_puts(b, "</section>\n<section aria-labelledby=\"s-list\"><h2 id=\"s-list\">Applicants</h2>\n"
                   "<div class=\"controls\"><label>Tier <select id=\"f-tier\"><option value=\"\">all</option>");
    int *order = tiers_by_rank(rk, b);
    for (int i = 0; order && i < rk->ntiers; i++) {
        cf_buf_puts(b, "<option value=\"");
        cf_buf_html(b, rk->tiers[order[i]].id);
        cf_buf_puts(b, "\">");
        cf_buf_html(b, rk->tiers[order[i]].label ? rk->tiers[order[i]].label : rk->tiers[order[i]].id);
        cf_buf_puts(b, "</option>");
    }
    cf_free(order);
    cf_buf_puts(b, "</select></label><label><input type=\"checkbox\" id=\"f-elig\"> eligible only</label>"
                   "<label>Find <input type=\"search\" id=\"f-name\" placeholder=\"name, tier, source\"></label>"
                   "<span id=\"shown\" class=\"muted\" aria-live=\"polite\"></span></div>\n"
                   "<div class=\"wide\"><table id=\"list\"><thead><tr><th class=\"open\"><span class=\"muted\">open</span></th>"
                   "<th class=\"num\" data-type=\"num\" data-key=\"rank\" aria-sort=\"ascending\"><button type=\"button\">"
                   "rank</button></th>");
    if (named_any)
        cf_buf_puts(b, "<th data-key=\"name\"><button type=\"button\">name</button></th>");
    cf_buf_puts(b, "<th class=\"num\" data-type=\"num\" data-key=\"score\"><button type=\"button\">score</button></th>"
                   "<th data-type=\"num\" data-key=\"tier\"><button type=\"button\">tier</button></th>"
                   "<th data-type=\"num\" data-key=\"elig\"><button type=\"button\">eligible</button></th>"
                   "<th class=\"num\" data-type=\"num\" data-key=\"stated\" title=\"the share of the rubric's weight the "
                   "profile states\"><button type=\"button\">stated</button></th>");
    for (int i = 0; i < rk->nq; i++) {
        char head[5];
        snprintf(head, sizeof head, "%s", rk->qid[i]);
        cf_buf_printf(b, "<th class=\"num\" data-type=\"num\" data-key=\"q%d\" title=\"", i);
        cf_buf_html(b, rk->qname[i]);
        cf_buf_puts(b, "\"><button type=\"button\">");
        cf_buf_html(b, head);
        cf_buf_puts(b, "</button></th>");
    }
    cf_buf_puts(b, "<th data-key=\"facts\" title=\"credentials, years of coding and settings, remote, accuracy and "
                   "productivity as stated; a failed gate or what holds the applicant back\"><button "
                   "type=\"button\">facts</button></th>"
                   "<th data-key=\"contact\"><button type=\"button\">contact</button></th>"
                   "<th data-key=\"source\" title=\"the input's own id, else its file's name; the whole "
                   "source on hover\"><button type=\"button\">id</button></th></tr></thead>\n<tbody></tbody>"
                   "</table></div>\n<p class=\"controls\"><button type=\"button\" id=\"more\">Show 200 more</button> "
                   "<button type=\"button\" id=\"all\">Show all</button></p>\n<noscript><p>The list is drawn by the "
                   "page's script, which is off: <code>rank -f csv</code> gives the same list as a table.</p>"
                   "</noscript>\n");
    cf_buf_puts(b, "</section>\n");
    if (rk->nerrs || rk->nskipped) {
        cf_buf_puts(b, "<section aria-labelledby=\"s-err\"><h2 id=\"s-err\">Not scored</h2>\n<ul class=\"plain\">\n");
        for (size_t k = 0; k < rk->nerrs; k++) {
            const cf_rank_err *e = &rk->errs[k];
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
            cf_buf_puts(b, "</code>: not read; " CF_CONVERT_HINT "</li>\n");
        }
        cf_buf_puts(b, "</ul></section>\n");
    }
    /* the data: strings once, tiers, rows, reports (see the script) */
    strtab t = {0};
    cf_buf rows = {0}, reps = {0};
    /* the tiers in a fixed order, and each row's tier by its place there */
    int *tier_order = tiers_by_rank(rk, b);
    int *place = tier_order ? cf_malloc((rk->ntiers ? (size_t)rk->ntiers : 1) * sizeof *place) : NULL;
    if (tier_order && !place)
        b->oom = 1;
    for (int k = 0; place && k < rk->ntiers; k++)
        place[tier_order[k]] = k;
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const cf_rank_rec *r = rk->recs[k];
        cf_buf_puts(&rows, k ? ",[" : "[");
        for (int i = CF_RANK_NAME; i <= CF_RANK_LOCATION; i++) {
            cf_buf_json_str(&rows, r->s[i] ? r->s[i] : "");
            cf_buf_putc(&rows, ',');
            if (i == CF_RANK_LOCATION) {
                src.len = 0;
                cf_rank_source(&src, r);
                cf_buf_json_str(&rows, src.s ? src.s : "");
            }
        }
        cf_buf_printf(&rows, ",%d,%d,%d,%d,[", r->score10, place ? place[r->tier] : r->tier, r->eligible, r->comp1000);
        for (int i = 0; i < rk->nq; i++)
            cf_buf_printf(&rows, i ? ",%d" : "%d", r->q10[i]);
        cf_buf_puts(&rows, "],");
        cf_buf_json_str(&rows, r->s[CF_RANK_FACTS] ? r->s[CF_RANK_FACTS] : "");
        cf_buf_printf(&rows, ",%ld,%u,", r->dup + 1, r->nwarn);
        cf_buf_json_str(&rows, r->s[CF_RANK_ID] ? r->s[CF_RANK_ID] : "");
        cf_buf_putc(&rows, ']');
        if (k)
            cf_buf_putc(&reps, ',');
        compact_report(&reps, &t, r->report, r->report_len);
    }
    cf_buf data = {0};
    int last = 0;   /* a tier of unknown place sorts after every known one */
    for (int i = 0; i < rk->ntiers; i++)
        last = rk->tiers[i].rank > last ? rk->tiers[i].rank : last;
    cf_buf_printf(&data, "{\"named\":%s,\"t\":[", named_any ? "true" : "false");
    for (int k = 0; tier_order && k < rk->ntiers; k++) {
        const cf_rank_named *tn = &rk->tiers[tier_order[k]];
        cf_buf_puts(&data, k ? ",[" : "[");
        cf_buf_json_str(&data, tn->id);
        cf_buf_putc(&data, ',');
        cf_buf_json_str(&data, tn->label ? tn->label : tn->id);
        cf_buf_printf(&data, ",%d]", tn->rank ? tn->rank : last + 1);
    }
    cf_free(tier_order);
    cf_free(place);
    cf_buf_puts(&data, "],\"s\":[");
    cf_buf_add(&data, t.json.s ? t.json.s : "", t.json.len);
    cf_buf_puts(&data, "],\"r\":[");
    cf_buf_add(&data, rows.s ? rows.s : "", rows.len);
    cf_buf_puts(&data, "],\"d\":[");
    cf_buf_add(&data, reps.s ? reps.s : "", reps.len);
    cf_buf_puts(&data, "]}");
    b->oom |= t.oom || t.json.oom || rows.oom || reps.oom || data.oom || src.oom;
    cf_buf_puts(b, "</main>\n<script type=\"application/json\" id=\"cf-data\">");
    if (data.s)
        script_json(b, data.s, data.len);
    cf_buf_free(&data);
    cf_buf_free(&rows);
    cf_buf_free(&reps);
    cf_buf_free(&src);
    strtab_free(&t);
    cf_buf_printf(b, "</script>\n<script>%s</script>\n</body>\n</html>\n", js);
}
