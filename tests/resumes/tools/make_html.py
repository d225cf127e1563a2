#!/usr/bin/env python3
"""Write html/NAME.html for every profile in ../panel/profiles.

Each HTML file is the resume "as the applicant sent it": the facts of the JSON
Resume twin (names, employers, titles, dates, locations, credentials,
education, skills, figures), no more and no less, laid out in one of eleven
layouts that real resumes use (Word/Google Docs templates, LinkedIn's
"Save to PDF", a plain typed resume, ...).

Run from the corpus folder (tests/resumes):  python3 tools/make_html.py
Only relative paths are used.
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)                      # tests/resumes
PROFILES = os.path.join(ROOT, '..', 'panel', 'profiles')
OUT = os.path.join(ROOT, 'html')
AS_OF = (2026, 11)                                # "now" = 2026-11-26

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']
MON3 = [m[:3] for m in MONTHS]
STATES = {'Illinois': 'IL', 'Ohio': 'OH', 'Florida': 'FL'}


def esc(s):
    return html.escape(s, quote=False)


# ---------------------------------------------------------------- dates
class D:
    """A parsed JSON Resume date: year, month or None, day or None; or a
    'present' word; or None (missing / empty)."""

    def __init__(self, raw):
        self.raw = raw
        self.y = self.m = self.d = None
        self.word = None
        s = (raw or '').strip()
        if not s:
            return
        if s.lower() in ('present', 'current', 'now'):
            self.word = s
            return
        if re.fullmatch(r'\d{4}', s):
            self.y = int(s)
        elif re.fullmatch(r'\d{4}-\d{2}', s):
            self.y, self.m = int(s[:4]), int(s[5:7])
        elif re.fullmatch(r'\d{4}-\d{2}-\d{2}', s):
            self.y, self.m, self.d = int(s[:4]), int(s[5:7]), int(s[8:10])
        elif re.fullmatch(r'\d{2}/\d{4}', s):
            self.y, self.m = int(s[3:]), int(s[:2])
        else:
            m = re.fullmatch(r'([A-Za-z]+)\.? (\d{4})', s)
            if not m:
                raise ValueError('date %r' % raw)
            name = m.group(1)[:3].title()
            self.y, self.m = int(m.group(2)), MON3.index(name) + 1

    @property
    def empty(self):
        return self.y is None and self.word is None

    def fmt(self, style):
        if self.word:
            return self.word
        if self.y is None:
            return ''
        if self.m is None:
            return str(self.y)
        if style == 'mm/yyyy':
            if self.d:
                return '%02d/%02d/%d' % (self.m, self.d, self.y)
            return '%02d/%d' % (self.m, self.y)
        if style == 'm/yyyy':
            if self.d:
                return '%d/%d/%d' % (self.m, self.d, self.y)
            return '%d/%d' % (self.m, self.y)
        if style == 'mon':
            if self.d:
                return '%s %d, %d' % (MON3[self.m - 1], self.d, self.y)
            return '%s %d' % (MON3[self.m - 1], self.y)
        if style == 'month':
            if self.d:
                return '%s %d, %d' % (MONTHS[self.m - 1], self.d, self.y)
            return '%s %d' % (MONTHS[self.m - 1], self.y)
        raise ValueError(style)


def drange(start, end, sp, is_work=True):
    """'03/2019 – Present' in the profile's style."""
    s, e = D(start), D(end)
    style = sp.get('dates', 'mon')
    dash = sp.get('dash', ' – ')
    if e.empty and is_work and sp.get('open_end'):
        return s.fmt(style) + dash.rstrip()          # "July 2017 –": left open, as typed
    if e.empty:
        etxt = sp.get('present', 'Present') if is_work else ''
    elif e.word:
        etxt = sp.get('present_word', {}).get(e.word, e.word)
    else:
        etxt = e.fmt(style)
    stxt = s.fmt(style)
    if stxt and etxt:
        return stxt + dash + etxt
    if stxt and not etxt and sp.get('open_end'):
        return stxt + dash.rstrip()
    return stxt or etxt


def months_between(start, end):
    """LinkedIn-style inclusive month count."""
    s, e = D(start), D(end)
    if e.empty or e.word:
        ey, em = AS_OF
    else:
        ey, em = e.y, e.m
    return (ey * 12 + em) - (s.y * 12 + s.m) + 1


def linkedin_duration(n):
    y, m = divmod(n, 12)
    parts = []
    if y:
        parts.append('%d year%s' % (y, '' if y == 1 else 's'))
    if m:
        parts.append('%d month%s' % (m, '' if m == 1 else 's'))
    return ' '.join(parts) or 'less than a month'


# ---------------------------------------------------------------- model
def where(p, sp):
    loc = p['basics'].get('location') or {}
    city, region = loc.get('city', ''), loc.get('region', '')
    if sp.get('abbrev_state'):
        region = STATES.get(region, region)
    out = ', '.join(x for x in (city, region) if x)
    if sp.get('show_country') and loc.get('countryCode'):
        out += ', ' + sp['show_country']
    return out


def skill_items(p, sp):
    """[(category or None, level or None, [keywords])]; a skill with no
    keywords becomes (None, None, [name])."""
    out = []
    for s in p.get('skills', []):
        kws = s.get('keywords') or []
        if not kws:
            out.append((None, s.get('level'), [s['name']]))
        else:
            cat = s['name']
            if cat.lower() == 'skills':
                cat = None
            out.append((cat, s.get('level'), kws))
    return out


def skills_html(p, sp, mode='lines', sep=', ', bold_cat=True):
    items = skill_items(p, sp)
    if mode == 'inline':
        # all on one line: categories kept as "Cat: a, b"
        bits = []
        for cat, lvl, kws in items:
            t = esc(sep.join(kws))
            if cat:
                c = esc(cat) + (' (%s)' % esc(lvl) if lvl else '')
                t = ('<b>%s:</b> ' % c if bold_cat else c + ': ') + t
            bits.append(t)
        return bits
    lines = []
    loose = []
    for cat, lvl, kws in items:
        if cat is None and len(kws) == 1 and lvl is None:
            loose.append(kws[0])
            continue
        t = esc(sep.join(kws))
        if cat:
            c = esc(cat) + (' (%s)' % esc(lvl) if lvl else '')
            t = ('<b>%s:</b> ' % c if bold_cat else c + ': ') + t
        elif lvl:
            t += ' (%s)' % esc(lvl)
        lines.append(t)
    if loose:
        lines.append(esc(sep.join(loose)))
    return lines


def cert_text(c, sp):
    style = sp.get('cert', 'comma')
    name, issuer = c['name'], c.get('issuer', '')
    date = D(c.get('date')).fmt(sp.get('dates', 'mon')) if c.get('date') else ''
    if style == 'comma':
        t = esc(name)
        if issuer:
            t += ', ' + esc(issuer)
        if date:
            t += ' (%s)' % date
    elif style == 'dash':
        t = '<b>%s</b>' % esc(name)
        if issuer:
            t += ' – ' + esc(issuer)
        if date:
            t += ', ' + date
    elif style == 'pipe':
        t = ' | '.join(x for x in (esc(name), esc(issuer), date) if x)
    elif style == 'issued':
        t = '<b>%s</b>' % esc(name)
        if issuer:
            t += ', ' + esc(issuer)
        if date:
            t += ' – issued ' + date
    else:
        raise ValueError(style)
    return t


def edu_parts(e, sp):
    """(degree line, institution, dates) for an education entry."""
    st, area = e.get('studyType', ''), e.get('area', '')
    if st and area and st.lower() in area.lower():
        deg = area
    elif st and area:
        deg = '%s, %s' % (st, area) if sp.get('edu_comma', True) else '%s in %s' % (st, area)
    else:
        deg = st or area
    dates = drange(e.get('startDate'), e.get('endDate'), sp, is_work=False)
    return deg, e['institution'], dates


def lang_text(p, sp):
    langs = p.get('languages') or []
    if not langs:
        return ''
    return ', '.join('%s (%s)' % (esc(l['language']), esc(l['fluency'])) for l in langs)


def ul(items, bullet, cls='', raw=False):
    """A list whose marker is the given character (CSS string marker, so the
    character is real text in the PDF)."""
    if not items:
        return ''
    lis = ''.join('<li>%s</li>' % (i if raw else esc(i)) for i in items)
    return '<ul class="%s" style="list-style-type:\'%s  \'">%s</ul>' % (cls, bullet, lis)


def typed_bullets(items, bullet, cls='tb'):
    """Bullets typed by hand in the text (no list)."""
    return ''.join('<p class="%s">%s %s</p>' % (cls, bullet, esc(i)) for i in items)


def highlights(w):
    return [h for h in (w.get('highlights') or []) if h]


# Chromium knows Calibri/Cambria/Arial/Times New Roman/Courier New through
# fontconfig's metric aliases; for the others give it a look-alike fallback.
# (LibreOffice keeps the list as one name; tools/fix_docx.py keeps the first.)
FALLBACK = {'Verdana': '"DejaVu Sans", sans-serif', 'Segoe UI': '"DejaVu Sans", sans-serif',
            'Century Gothic': '"DejaVu Sans", sans-serif', 'Open Sans': '"DejaVu Sans", sans-serif',
            'Georgia': '"DejaVu Serif", serif', 'Merriweather': '"DejaVu Serif", serif',
            'Garamond': '"Liberation Serif", serif'}


def head(title, css, lang='en'):
    for f, fb in FALLBACK.items():
        css = css.replace('"%s";' % f, '"%s", %s;' % (f, fb))
    return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n'
            '<title>%s</title>\n<style>\n%s\n</style>\n</head>\n' % (lang, esc(title), css.strip()))


def refs_html(p, cls='p'):
    out = []
    for r in p.get('references') or []:
        out.append('<p class="%s">&ldquo;%s&rdquo;<br>&mdash; %s</p>' % (cls, esc(r['reference']), esc(r['name'])))
    return ''.join(out)


def contact_bits(p, sp):
    b = p['basics']
    return [x for x in (where(p, sp), b.get('phone', ''), b.get('email', '')) if x]


# ================================================================ layouts
# 1. classic: single column, bold ALL-CAPS headings with a rule under them
def L_classic(p, sp):
    b = p['basics']
    font, size = sp.get('font', 'Calibri'), sp.get('size', 11)
    align = sp.get('name_align', 'center')
    css = '''
@page { size: 8.5in 11in; margin: 0.6in 0.7in; }
body { font-family: "%(font)s"; font-size: %(size)spt; color: #000; margin: 0; line-height: 1.25; }
h1 { font-size: 20pt; margin: 0; text-align: %(align)s; font-weight: bold; }
p { margin: 0 0 3pt 0; }
p.label { text-align: %(align)s; font-size: 11.5pt; margin: 1pt 0 2pt 0; }
p.contact { text-align: %(align)s; margin: 0 0 4pt 0; }
h2 { font-size: 11.5pt; font-weight: bold; text-transform: uppercase; border-bottom: 1.2pt solid #000;
     margin: 10pt 0 4pt 0; padding-bottom: 1pt; letter-spacing: 0.5pt; }
div.job { display: flex; justify-content: space-between; margin-top: 5pt; }
div.job span.d { white-space: nowrap; padding-left: 12pt; }
p.emp { font-style: italic; margin: 0 0 2pt 0; }
ul { margin: 1pt 0 4pt 0; padding-left: 18pt; }
li { margin: 0 0 1pt 0; padding-left: 2pt; }
''' % dict(font=font, size=size, align=align)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n']
    o.append('<h1>%s</h1>\n' % esc(b['name']))
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    o.append('<p class="contact">%s</p>\n' % sp.get('csep', ' &bull; ').join(esc(x) for x in contact_bits(p, sp)))
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<div class="job"><span><b>%s</b></span> <span class="d">%s</span></div>\n'
                         % (esc(w['position']), drange(w.get('startDate'), w.get('endDate'), sp)))
                emp = esc(w['name']) + (', ' + esc(w['location']) if w.get('location') else '')
                o.append('<p class="emp">%s</p>\n' % emp)
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<div class="job"><span><b>%s</b></span> <span class="d">%s</span></div>\n' % (esc(deg), dates))
                o.append('<p class="emp">%s</p>\n' % esc(inst))
                if e.get('score'):
                    o.append('<p>GPA: %s</p>\n' % esc(e['score']))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            o.append(ul([cert_text(c, sp) for c in p['certificates']], sp['bullet'], raw=True))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            for line in skills_html(p, sp):
                o.append('<p>%s</p>\n' % line)
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
        elif sec == 'refs' and p.get('references'):
            o.append('<h2>%s</h2>\n%s' % (h.get('refs', 'References'), refs_html(p)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 2. title-case headings in a larger font, single column
def L_titlecase(p, sp):
    b = p['basics']
    font, hfont, color = sp.get('font', 'Cambria'), sp.get('hfont', 'Cambria'), sp.get('color', '#1F3864')
    css = '''
@page { size: 8.5in 11in; margin: 0.7in 0.8in; }
body { font-family: "%(font)s"; font-size: 11pt; margin: 0; line-height: 1.3; color: #222; }
h1 { font-family: "%(hfont)s"; font-size: 24pt; font-weight: normal; margin: 0; color: %(color)s; }
p { margin: 0 0 4pt 0; }
p.label { font-size: 12pt; font-style: italic; margin: 0 0 2pt 0; }
p.contact { font-size: 10pt; margin: 0 0 6pt 0; color: #444; }
h2 { font-family: "%(hfont)s"; font-size: 15pt; font-weight: bold; color: %(color)s; margin: 12pt 0 3pt 0; }
h3 { font-size: 11.5pt; font-weight: bold; margin: 6pt 0 0 0; }
div.row { display: flex; justify-content: space-between; }
div.row span.d { white-space: nowrap; padding-left: 12pt; font-style: normal; }
div.emp { font-style: italic; margin-bottom: 2pt; }
ul { margin: 1pt 0 3pt 0; padding-left: 20pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font, hfont=hfont, color=color)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    o.append('<p class="contact">%s</p>\n' % ' &middot; '.join(esc(x) for x in contact_bits(p, sp)))
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<h3>%s</h3>\n' % esc(w['position']))
                o.append('<div class="row emp"><span>%s</span> <span class="d">%s</span></div>\n'
                         % (esc(w['name']), drange(w.get('startDate'), w.get('endDate'), sp)))
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<h3>%s</h3>\n' % esc(deg))
                o.append('<div class="row emp"><span>%s</span> <span class="d">%s</span></div>\n' % (esc(inst), dates))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            o.append(ul([cert_text(c, sp) for c in p['certificates']], sp['bullet'], raw=True))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            o.append(ul(skills_html(p, sp), sp['bullet'], raw=True))
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 3. two columns: sidebar (contact, skills, certifications) + main, as a table
def L_sidebar(p, sp, whole_table=False):
    b = p['basics']
    font = sp.get('font', 'Arial')
    side_bg, accent = sp.get('side_bg', '#EEF1F5'), sp.get('color', '#2E5C8A')
    css = '''
@page { size: 8.5in 11in; margin: 0.5in 0.55in; }
body { font-family: "%(font)s"; font-size: 10pt; margin: 0; color: #222; line-height: 1.3; }
h1 { font-size: 22pt; margin: 0; color: %(accent)s; letter-spacing: 0.5pt; }
p { margin: 0 0 3pt 0; }
p.label { font-size: 12pt; margin: 0 0 8pt 0; color: #555; }
table.cols { width: 100%%; border-collapse: collapse; }
td.side { width: 31%%; background: %(side)s; vertical-align: top; padding: 10pt 10pt; }
td.main { vertical-align: top; padding: 10pt 4pt 10pt 16pt; }
h2 { font-size: 11pt; text-transform: uppercase; color: %(accent)s; margin: 10pt 0 4pt 0; letter-spacing: 0.8pt;
     border-bottom: 1pt solid %(accent)s; padding-bottom: 1pt; }
td.side h2 { margin-top: 0; margin-bottom: 4pt; }
td.side p { margin: 0 0 3pt 0; }
td.side div.blk { margin-bottom: 12pt; }
p.job { margin: 6pt 0 0 0; }
p.dates { color: #555; margin: 0 0 2pt 0; }
ul { margin: 1pt 0 3pt 0; padding-left: 14pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font, accent=accent, side=side_bg)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n']
    namebox = '<h1>%s</h1>\n' % esc(b['name']) + ('<p class="label">%s</p>\n' % esc(b['label']) if b.get('label') else '')
    if not whole_table:
        o.append(namebox)
    o.append('<table class="cols" width="100%%" cellspacing="0" cellpadding="8"><tr>\n'
             '<td class="side" width="31%%" valign="top" bgcolor="%s">\n' % side_bg)
    if whole_table:
        o.append(namebox)
    o.append('<div class="blk"><h2>%s</h2>\n' % h.get('contact', 'Contact'))
    for x in contact_bits(p, sp):
        o.append('<p>%s</p>\n' % esc(x))
    o.append('</div>\n')
    for sec in sp['side']:
        if sec == 'skills':
            o.append('<div class="blk"><h2>%s</h2>\n' % h['skills'])
            for line in skills_html(p, sp, bold_cat=True):
                o.append('<p>%s</p>\n' % line)
            o.append('</div>\n')
        elif sec == 'certs' and p.get('certificates'):
            o.append('<div class="blk"><h2>%s</h2>\n' % h['certs'])
            for c in p['certificates']:
                o.append('<p>%s</p>\n' % cert_text(c, sp))
            o.append('</div>\n')
        elif sec == 'lang' and p.get('languages'):
            o.append('<div class="blk"><h2>%s</h2>\n' % h.get('lang', 'Languages'))
            for l in p['languages']:
                o.append('<p>%s &ndash; %s</p>\n' % (esc(l['language']), esc(l['fluency'])))
            o.append('</div>\n')
    o.append('</td>\n<td class="main" width="69%" valign="top">\n')
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<p class="job"><b>%s</b> | %s</p>\n' % (esc(w['position']), esc(w['name'])))
                o.append('<p class="dates">%s</p>\n' % drange(w.get('startDate'), w.get('endDate'), sp))
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<p class="job"><b>%s</b></p>\n<p>%s</p>\n<p class="dates">%s</p>\n' % (esc(deg), esc(inst), dates))
                if e.get('score'):
                    o.append('<p>GPA %s</p>\n' % esc(e['score']))
                if e.get('courses'):
                    o.append('<p><i>%s:</i> %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc('; '.join(e['courses']))))
        elif sec == 'refs' and p.get('references'):
            o.append('<h2>%s</h2>\n%s' % (h.get('refs', 'References'), refs_html(p)))
    o.append('</td>\n</tr></table>\n</body>\n</html>\n')
    return ''.join(o)


# 4. experience as a two-cell table per job: title/employer left, dates right
def L_jobtable(p, sp):
    b = p['basics']
    font = sp.get('font', 'Times New Roman')
    css = '''
@page { size: 8.5in 11in; margin: 0.7in 0.75in; }
body { font-family: "%(font)s"; font-size: 11pt; margin: 0; line-height: 1.25; }
h1 { font-size: 18pt; margin: 0; font-weight: bold; }
p { margin: 0 0 3pt 0; }
p.contact { margin: 2pt 0 0 0; }
p.label { margin: 2pt 0 0 0; font-weight: bold; }
h2 { font-size: 12.5pt; font-weight: bold; margin: 12pt 0 4pt 0; border-bottom: 0.75pt solid #777; }
table.job { width: 100%%; border-collapse: collapse; margin-top: 5pt; }
table.job td { padding: 0; vertical-align: top; }
table.job td.r { text-align: right; white-space: nowrap; width: 32%%; }
ul { margin: 2pt 0 4pt 0; padding-left: 22pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    o.append('<p class="contact">%s</p>\n' % esc(where(p, sp)))
    o.append('<p>%s &nbsp;&nbsp; %s</p>\n' % (esc(b['phone']), esc(b['email'])))
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<table class="job" width="100%%" cellspacing="0" cellpadding="0"><tr><td width="68%%" valign="top"><b>%s</b><br>%s</td><td class="r" width="32%%" align="right" valign="top">%s</td></tr></table>\n'
                         % (esc(w['position']), esc(w['name']), drange(w.get('startDate'), w.get('endDate'), sp)))
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<table class="job" width="100%%" cellspacing="0" cellpadding="0"><tr><td width="68%%" valign="top"><b>%s</b><br>%s</td><td class="r" width="32%%" align="right" valign="top">%s</td></tr></table>\n'
                         % (esc(inst), esc(deg), dates))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            for c in p['certificates']:
                d = D(c.get('date')).fmt(sp.get('dates', 'mon')) if c.get('date') else ''
                left = '<b>%s</b>%s' % (esc(c['name']), ('<br>' + esc(c['issuer'])) if c.get('issuer') else '')
                o.append('<table class="job" width="100%%" cellspacing="0" cellpadding="0"><tr><td width="68%%" valign="top">%s</td><td class="r" width="32%%" align="right" valign="top">%s</td></tr></table>\n' % (left, d))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            for line in skills_html(p, sp):
                o.append('<p>%s</p>\n' % line)
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 5. name and contact in a centered header with "|" separators
def L_centered(p, sp):
    b = p['basics']
    font = sp.get('font', 'Garamond')
    css = '''
@page { size: 8.5in 11in; margin: 0.6in 0.75in; }
body { font-family: "%(font)s"; font-size: 11pt; margin: 0; line-height: 1.28; }
h1 { font-size: 22pt; text-align: center; margin: 0; font-weight: bold; letter-spacing: 1pt; }
p { margin: 0 0 3pt 0; }
p.c { text-align: center; margin: 0; }
p.label { text-align: center; font-style: italic; margin: 2pt 0 0 0; }
h2 { font-size: 11.5pt; text-align: center; font-weight: bold; letter-spacing: 2pt; text-transform: uppercase;
     border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; padding: 1pt 0; margin: 11pt 0 5pt 0; }
p.job { margin: 6pt 0 1pt 0; }
ul { margin: 1pt 0 3pt 0; padding-left: 20pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    o.append('<p class="c">%s</p>\n' % ' | '.join(esc(x) for x in contact_bits(p, sp)))
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<p class="job"><b>%s</b> | %s | %s</p>\n'
                         % (esc(w['name']), esc(w['position']), drange(w.get('startDate'), w.get('endDate'), sp)))
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<p class="job"><b>%s</b> | %s | %s</p>\n' % (esc(inst), esc(deg), dates))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            for c in p['certificates']:
                o.append('<p>%s</p>\n' % cert_text(c, sp))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            for line in skills_html(p, sp, sep=sp.get('skill_sep', ', ')):
                o.append('<p class="c">%s</p>\n' % line)
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p class="c">%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 6. functional resume: skills summary first, brief work history last
def L_functional(p, sp):
    b = p['basics']
    font = sp.get('font', 'Arial')
    css = '''
@page { size: 8.5in 11in; margin: 0.55in 0.75in; }
body { font-family: "%(font)s"; font-size: %(size)spt; margin: 0; line-height: 1.3; }
h1 { font-size: 20pt; margin: 0; font-weight: bold; }
p { margin: 0 0 3pt 0; }
p.contact { margin: 2pt 0 0 0; }
p.label { margin: 1pt 0 0 0; color: #333; }
h2 { font-size: 12pt; font-weight: bold; margin: 10pt 0 4pt 0; break-after: avoid; page-break-after: avoid; padding-bottom: 2pt; border-bottom: 2pt solid #999; }
h3 { font-size: 10.5pt; font-weight: bold; font-style: italic; margin: 6pt 0 1pt 0; }
table.grid { width: 100%%; border-collapse: collapse; }
table.grid td { vertical-align: top; padding: 0 6pt 1pt 0; width: 33%%; }
table.hist { width: 100%%; border-collapse: collapse; }
table.hist td { padding: 1pt 0; vertical-align: top; }
table.hist td.r { text-align: right; white-space: nowrap; }
ul { margin: 1pt 0 3pt 0; padding-left: 18pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font, size=sp.get('size', 10.5))
    h = sp['heads']
    f = sp['functional']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    o.append('<p class="contact">%s</p>\n' % ' &nbsp;&#9679;&nbsp; '.join(esc(x) for x in contact_bits(p, sp)))
    o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
    # skills grid: all skill keywords, three to a row, by category
    o.append('<h2>%s</h2>\n' % h['skills'])
    for cat, lvl, kws in skill_items(p, sp):
        if cat:
            o.append('<p><b>%s%s</b></p>\n' % (esc(cat), (' (%s)' % esc(lvl)) if lvl else ''))
        rows = [kws[i:i + 3] for i in range(0, len(kws), 3)]
        o.append('<table class="grid" width="100%%" cellspacing="0" cellpadding="0">%s</table>\n' % ''.join(
            '<tr>%s</tr>' % ''.join('<td width="33%%" valign="top">%s %s</td>' % (sp['bullet'], esc(k)) for k in r) for r in rows))
    # highlights grouped under skill areas
    o.append('<h2>%s</h2>\n' % h['accomp'])
    for area, refs in f['groups']:
        items = [p['work'][wi]['highlights'][hi] for wi, hi in refs]
        o.append('<h3>%s</h3>\n' % esc(area))
        o.append(ul(items, sp['bullet']))
    for sec in sp['order']:
        if sec == 'work':
            o.append('<h2>%s</h2>\n<table class="hist" width="100%%" cellspacing="0" cellpadding="1">' % h['work'])
            for w in p['work']:
                o.append('<tr><td width="75%%">%s, %s</td><td class="r" width="32%%" align="right" valign="top">%s</td></tr>\n'
                         % (esc(w['position']), esc(w['name']), drange(w.get('startDate'), w.get('endDate'), sp)))
            o.append('</table>\n')
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<p><b>%s</b>, %s, %s</p>\n' % (esc(deg), esc(inst), dates))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            for c in p['certificates']:
                o.append('<p>%s</p>\n' % cert_text(c, sp))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 7. LinkedIn "Save to PDF"
def L_linkedin(p, sp):
    b = p['basics']
    css = '''
@page { size: 8.5in 11in; margin: 0.45in 0.45in 0.6in 0.45in;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: Arial; font-size: 8pt; color: #999; } }
body { font-family: Arial; font-size: 10pt; margin: 0; color: #181818; line-height: 1.3; }
table.li { width: 100%; border-collapse: collapse; }
td.side { width: 30%; background: #E3E9EF; vertical-align: top; padding: 18pt 12pt; }
td.main { vertical-align: top; padding: 18pt 10pt 10pt 22pt; }
td.side h3 { font-size: 12.5pt; font-weight: normal; margin: 0 0 5pt 0; color: #000; }
td.side p { margin: 0 0 3pt 0; font-size: 9.5pt; }
td.side p.kw { color: #555; margin: 0 0 6pt 0; }
td.side div.blk { margin-bottom: 18pt; }
h1 { font-size: 24pt; font-weight: normal; margin: 0; }
p.headline { font-size: 11.5pt; margin: 2pt 0 3pt 0; }
p.loc { font-size: 10pt; color: #B0B0B0; margin: 0 0 14pt 0; }
h2 { font-size: 15pt; font-weight: normal; margin: 12pt 0 6pt 0; }
p.co { font-size: 11.5pt; margin: 8pt 0 0 0; }
p.tenure { color: #666; margin: 0 0 2pt 0; }
p.pos { font-size: 11pt; margin: 4pt 0 0 0; }
p.dt { color: #B0B0B0; margin: 0 0 3pt 0; }
p { margin: 0 0 3pt 0; }
'''
    o = [head(sp['title'], css), '<body>\n<table class="li" width="100%" cellspacing="0" cellpadding="12"><tr>\n<td class="side" width="30%" valign="top" bgcolor="#E3E9EF">\n']
    o.append('<div class="blk"><h3>Contact</h3>\n<p>%s</p>\n<p>%s</p>\n</div>\n' % (esc(b['email']), esc(b['phone'])))
    o.append('<div class="blk"><h3>Top Skills</h3>\n')
    for cat, lvl, ks in skill_items(p, sp):
        if cat:
            o.append('<p>%s%s</p>\n' % (esc(cat), (' (%s)' % esc(lvl)) if lvl else ''))
            o.append('<p class="kw">%s</p>\n' % esc(', '.join(ks)))
        else:
            o.append('<p>%s</p>\n' % esc(', '.join(ks)))
    o.append('</div>\n')
    if p.get('languages'):
        o.append('<div class="blk"><h3>Languages</h3>\n%s</div>\n' % ''.join(
            '<p>%s (%s)</p>\n' % (esc(l['language']), esc(l['fluency'])) for l in p['languages']))
    if p.get('certificates'):
        o.append('<div class="blk"><h3>Certifications</h3>\n')
        for c in p['certificates']:
            bits = [esc(c['name'])]
            if c.get('issuer'):
                bits.append(esc(c['issuer']))
            if c.get('date'):
                bits.append('Issued ' + D(c['date']).fmt('mon'))
            o.append('<p>%s</p>\n' % ' &middot; '.join(bits))
        o.append('</div>\n')
    o.append('</td>\n<td class="main" width="70%%" valign="top">\n<h1>%s</h1>\n' % esc(b['name']))
    if b.get('label'):
        o.append('<p class="headline">%s</p>\n' % esc(b['label']))
    o.append('<p class="loc">%s</p>\n' % esc(where(p, sp)))
    o.append('<h2>Summary</h2>\n<p>%s</p>\n' % esc(b['summary']))
    o.append('<h2>Experience</h2>\n')
    # group consecutive positions at the same company, as LinkedIn does
    groups = []
    for w in p['work']:
        if groups and groups[-1][0] == w['name']:
            groups[-1][1].append(w)
        else:
            groups.append((w['name'], [w]))
    for co, ws in groups:
        o.append('<p class="co"><b>%s</b></p>\n' % esc(co))
        if len(ws) > 1:
            o.append('<p class="tenure">%s</p>\n' % linkedin_duration(months_between(ws[-1]['startDate'], ws[0].get('endDate'))))
        for w in ws:
            o.append('<p class="pos">%s</p>\n' % esc(w['position']))
            dur = linkedin_duration(months_between(w['startDate'], w.get('endDate')))
            o.append('<p class="dt">%s&nbsp;(%s)</p>\n' % (drange(w['startDate'], w.get('endDate'), sp), dur))
            if w.get('summary'):
                o.append('<p>%s</p>\n' % esc(w['summary']))
            for hl in highlights(w):
                o.append('<p>- %s</p>\n' % esc(hl))
    o.append('<h2>Education</h2>\n')
    for e in p['education']:
        st, area = e.get('studyType', ''), e.get('area', '')
        deg = ', '.join(x for x in (st, area) if x)
        s, en = D(e.get('startDate')), D(e.get('endDate'))
        when = ' - '.join(x for x in (s.fmt('month'), en.fmt('month')) if x)
        o.append('<p class="co"><b>%s</b></p>\n<p>%s&nbsp;&middot;&nbsp;(%s)</p>\n' % (esc(e['institution']), esc(deg), when))
        if e.get('courses'):
            o.append('<p>Activities and courses: %s</p>\n' % esc(', '.join(e['courses'])))
    o.append('</td>\n</tr></table>\n</body>\n</html>\n')
    return ''.join(o)


# 8. modern template: coloured sidebar, section icons (unicode), small caps
def L_modern(p, sp):
    b = p['basics']
    font, col = sp.get('font', 'Verdana'), sp.get('color', '#24455E')
    light = sp.get('light', '#DCE6EE')
    css = '''
@page { size: 8.5in 11in; margin: 0; }
body { font-family: "%(font)s"; font-size: 9.5pt; margin: 0; color: #222; line-height: 1.35; }
table.page { width: 100%%; border-collapse: collapse; height: 11in; }
td.side { width: 32%%; background: %(col)s; color: #FFFFFF; vertical-align: top; padding: 0.55in 14pt 0.4in 0.45in; }
td.main { vertical-align: top; padding: 0.55in 0.5in 0.4in 18pt; }
td.side h1 { font-size: 20pt; font-weight: bold; margin: 0 0 4pt 0; color: #FFFFFF; line-height: 1.1; }
td.side p.label { font-variant: small-caps; font-size: 11pt; color: %(light)s; margin: 0 0 14pt 0; }
td.side h2 { font-variant: small-caps; font-size: 12.5pt; color: #FFFFFF; border-bottom: 1pt solid %(light)s; margin: 14pt 0 5pt 0; }
td.side p { margin: 0 0 4pt 0; }
td.main h2 { font-variant: small-caps; font-size: 14pt; color: %(col)s; margin: 12pt 0 5pt 0; border-bottom: 1.5pt solid %(col)s; }
td.main h2.first { margin-top: 0; }
p { margin: 0 0 3pt 0; }
p.job { font-size: 10.5pt; margin: 6pt 0 0 0; }
p.meta { color: #555; font-style: italic; margin: 0 0 2pt 0; }
p.tb { margin: 0 0 2pt 8pt; }
ul { margin: 1pt 0 3pt 0; padding-left: 14pt; }
li { margin-bottom: 1pt; }
''' % dict(font=font, col=col, light=light)
    h, ic = sp['heads'], sp['icons']
    o = [head(sp['title'], css), '<body>\n<table class="page" width="100%%" cellspacing="0" cellpadding="14"><tr>\n'
         '<td class="side" width="32%%" valign="top" bgcolor="%s">\n' % col]
    o.append('<h1 style="color:#FFFFFF">%s</h1>\n' % esc(b['name']))
    if b.get('label'):
        o.append('<p class="label" style="color:%s">%s</p>\n' % (light, esc(b['label'])))
    o.append('<h2 style="color:#FFFFFF">%s %s</h2>\n' % (ic['contact'], h.get('contact', 'Contact')))
    o.append('<p style="color:#FFFFFF">&#9742; %s</p>\n<p style="color:#FFFFFF">&#9993; %s</p>\n<p style="color:#FFFFFF">&#8962; %s</p>\n' % (esc(b['phone']), esc(b['email']), esc(where(p, sp))))
    o.append('<h2 style="color:#FFFFFF">%s %s</h2>\n' % (ic['skills'], h['skills']))
    for cat, lvl, kws in skill_items(p, sp):
        if len(kws) == 1 and ',' in kws[0]:
            kws = [k.strip() for k in kws[0].split(',')]   # typed as one string: one per line
        if cat:
            o.append('<p style="color:#FFFFFF"><b>%s</b></p>\n' % esc(cat))
        for k in kws:
            o.append('<p style="color:#FFFFFF">%s %s</p>\n' % (sp['side_bullet'], esc(k)))
    if p.get('certificates'):
        o.append('<h2 style="color:#FFFFFF">%s %s</h2>\n' % (ic['certs'], h['certs']))
        for c in p['certificates']:
            o.append('<p style="color:#FFFFFF">%s</p>\n' % cert_text(c, sp))
    o.append('</td>\n<td class="main" width="68%" valign="top">\n')
    first = True
    for sec in sp['order']:
        cls = ' class="first"' if first else ''
        first = False
        if sec == 'summary':
            o.append('<h2%s>%s %s</h2>\n<p>%s</p>\n' % (cls, ic['summary'], h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2%s>%s %s</h2>\n' % (cls, ic['work'], h['work']))
            for w in p['work']:
                o.append('<p class="job"><b>%s</b></p>\n<p class="meta">%s &nbsp;/&nbsp; %s</p>\n'
                         % (esc(w['position']), esc(w['name']), drange(w.get('startDate'), w.get('endDate'), sp)))
                hl = highlights(w)
                if hl and hl[0].startswith('\u2022'):
                    o.append(''.join('<p class="tb">%s</p>\n' % esc(x) for x in hl))   # bullets typed by hand
                else:
                    o.append(ul(hl, sp['bullet']))
        elif sec == 'edu':
            o.append('<h2%s>%s %s</h2>\n' % (cls, ic['edu'], h['edu']))
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<p class="job"><b>%s</b></p>\n<p class="meta">%s &nbsp;/&nbsp; %s</p>\n' % (esc(deg), esc(inst), dates))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
    o.append('</td>\n</tr></table>\n</body>\n</html>\n')
    return ''.join(o)


# 9. plain resume typed with tabs and spaces, no bold, "EXPERIENCE:" headings
def L_plain(p, sp):
    b = p['basics']
    font = sp.get('font', 'Courier New')
    css = '''
@page { size: 8.5in 11in; margin: 1in; }
body { margin: 0; }
pre { font-family: "%(font)s"; font-size: %(size)spt; white-space: pre-wrap; tab-size: 8; margin: 0; line-height: 1.2; }
''' % dict(font=font, size=sp.get('size', 11))
    h = sp['heads']
    T = '\t'
    L = []
    L.append(b['name'])
    L.append(where(p, sp))
    L.append('%s%s%s' % (b['phone'], T, b['email']) if sp.get('contact_tab') else b['phone'])
    if not sp.get('contact_tab'):
        L.append(b['email'])
    L.append('')
    if b.get('label'):
        L += [b['label'], '']
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            L += [h['summary'], b['summary'], '']
        elif sec == 'work':
            L.append(h['work'])
            for w in p['work']:
                L.append('%s%s%s' % (drange(w.get('startDate'), w.get('endDate'), sp), T * sp.get('date_tabs', 2), w['position']))
                L.append('%s%s' % (T * sp.get('indent_tabs', 3), w['name']))
                if w.get('summary'):
                    L.append('%s%s' % (T * sp.get('indent_tabs', 3), w['summary']))
                for hl in highlights(w):
                    L.append('%s%s %s' % (T * sp.get('indent_tabs', 3), sp['bullet'], hl))
                L.append('')
        elif sec == 'edu':
            L.append(h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                L.append('%s%s%s' % (dates, T * sp.get('date_tabs', 2) if len(dates) < 8 else T * max(1, sp.get('date_tabs', 2) - 1), inst))
                L.append('%s%s' % (T * sp.get('indent_tabs', 3), deg))
                if e.get('courses'):
                    L.append('%s%s: %s' % (T * sp.get('indent_tabs', 3), sp.get('courses_word', 'Courses'), ', '.join(e['courses'])))
            L.append('')
        elif sec == 'certs' and p.get('certificates'):
            L.append(h['certs'])
            for c in p['certificates']:
                bits = [c['name']] + ([c['issuer']] if c.get('issuer') else [])
                d = D(c.get('date')).fmt(sp.get('dates', 'mon')) if c.get('date') else ''
                L.append('%s%s' % (T * sp.get('indent_tabs', 3), ', '.join(bits) + ((' - ' + d) if d else '')))
            L.append('')
        elif sec == 'skills':
            L.append(h['skills'])
            items = skill_items(p, sp)
            if all(c is None for c, _, _ in items):
                L.append('%s%s' % (T * sp.get('indent_tabs', 3), ', '.join(k for _, _, ks in items for k in ks)))
            else:
                for cat, lvl, kws in items:
                    L.append('%s%s%s' % (T * sp.get('indent_tabs', 3), (cat + ': ') if cat else '', ', '.join(kws)))
            L.append('')
    body = '\n'.join(esc(x) for x in L)
    return head(sp['title'], css) + '<body>\n<pre>' + body.rstrip() + '</pre>\n</body>\n</html>\n'


# 10. two-page resume, long career: "Page 1 of 2" footer, name on page 2
def L_twopage(p, sp):
    b = p['basics']
    font, col = sp.get('font', 'Georgia'), sp.get('color', '#333333')
    page2 = '%s %s Page 2' % (b['name'], '\u2013')
    css = '''
@page { size: 8.5in 11in; margin: 0.85in 0.9in 0.9in 0.9in;
  @top-right { content: "%(page2)s"; font-family: "%(font)s"; font-size: 9pt; color: #666; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "%(font)s"; font-size: 9pt; color: #666; } }
@page :first { @top-right { content: none; } }
body { font-family: "%(font)s"; font-size: 11.5pt; margin: 0; line-height: 1.42; color: #111; }
h1 { font-size: 24pt; font-weight: normal; margin: 0; letter-spacing: 1pt; color: %(col)s; }
p { margin: 0 0 4pt 0; }
p.label { font-size: 13pt; margin: 2pt 0 2pt 0; color: %(col)s; }
p.contact { margin: 0 0 6pt 0; font-size: 10.5pt; }
h2 { font-size: 13pt; font-weight: bold; margin: 16pt 0 6pt 0; text-transform: uppercase; letter-spacing: 1.2pt;
     color: %(col)s; border-bottom: 0.75pt solid %(col)s; padding-bottom: 2pt; }
div.row { display: flex; justify-content: space-between; margin-top: 9pt; }
div.row span.d { white-space: nowrap; padding-left: 12pt; }
p.emp { font-style: italic; margin: 0 0 3pt 0; }
ul { margin: 2pt 0 4pt 0; padding-left: 20pt; }
li { margin-bottom: 3pt; }
div.brk { break-before: page; page-break-before: always; }
h2, div.row { break-after: avoid; page-break-after: avoid; }
''' % dict(font=font, col=col, page2=page2)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    o.append('<p class="contact">%s</p>\n' % ' &nbsp;|&nbsp; '.join(esc(x) for x in contact_bits(p, sp)))
    for sec in sp['order']:
        if sec == 'BREAK':
            o.append('<div class="brk"></div>\n')
        elif sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                left = '<b>%s</b>' % esc(w['position'])
                o.append('<div class="row"><span>%s</span> <span class="d">%s</span></div>\n'
                         % (left, drange(w.get('startDate'), w.get('endDate'), sp)))
                emp = esc(w['name']) + (' &ndash; ' + esc(w['location']) if w.get('location') else '')
                o.append('<p class="emp">%s</p>\n' % emp)
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<div class="row"><span><b>%s</b></span> <span class="d">%s</span></div>\n' % (esc(deg), dates))
                o.append('<p class="emp">%s</p>\n' % esc(inst))
                if e.get('courses'):
                    o.append('<p>%s: %s</p>\n' % (sp.get('courses_word', 'Coursework'), esc(', '.join(e['courses']))))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            o.append(ul([cert_text(c, sp) for c in p['certificates']], sp['bullet'], raw=True))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            o.append(ul(skills_html(p, sp), sp['bullet'], raw=True))
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
        elif sec == 'refs' and p.get('references'):
            o.append('<h2>%s</h2>\n%s' % (h.get('refs', 'References'), refs_html(p)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


# 11. Google Docs template look: big light name, accent-coloured spaced headings
def L_gdocs(p, sp):
    b = p['basics']
    col = sp.get('color', '#2A9D8F')
    css = '''
@page { size: 8.5in 11in; margin: 0.7in 0.85in; }
body { font-family: "Open Sans"; font-size: 10pt; margin: 0; color: #444; line-height: 1.45; }
h1 { font-family: "Merriweather"; font-size: 26pt; font-weight: bold; color: #222; margin: 0; }
p { margin: 0 0 3pt 0; }
p.contact { color: #555; margin: 2pt 0 0 0; }
p.label { color: %(col)s; font-size: 12pt; margin: 4pt 0 4pt 0; }
h2 { font-family: "Open Sans"; font-size: 10.5pt; font-weight: bold; color: %(col)s; letter-spacing: 2pt;
     text-transform: uppercase; margin: 16pt 0 5pt 0; }
p.org { font-family: "Merriweather"; font-size: 11pt; color: #222; margin: 8pt 0 0 0; }
p.when { font-size: 8.5pt; color: #777; text-transform: uppercase; letter-spacing: 0.6pt; margin: 0 0 3pt 0; }
ul { margin: 1pt 0 3pt 0; padding-left: 16pt; }
li { margin-bottom: 2pt; }
''' % dict(col=col)
    h = sp['heads']
    o = [head(sp['title'], css), '<body>\n<h1>%s</h1>\n' % esc(b['name'])]
    for x in contact_bits(p, sp):
        o.append('<p class="contact">%s</p>\n' % esc(x))
    if b.get('label'):
        o.append('<p class="label">%s</p>\n' % esc(b['label']))
    for sec in sp['order']:
        if sec == 'summary' and b.get('summary'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h['summary'], esc(b['summary'])))
        elif sec == 'work':
            o.append('<h2>%s</h2>\n' % h['work'])
            for w in p['work']:
                o.append('<p class="org"><b>%s</b> &mdash; <i>%s</i></p>\n' % (esc(w['name']), esc(w['position'])))
                o.append('<p class="when">%s</p>\n' % drange(w.get('startDate'), w.get('endDate'), sp))
                if w.get('summary'):
                    o.append('<p>%s</p>\n' % esc(w['summary']))
                o.append(ul(highlights(w), sp['bullet']))
        elif sec == 'edu':
            o.append('<h2>%s</h2>\n' % h['edu'])
            for e in p['education']:
                deg, inst, dates = edu_parts(e, sp)
                o.append('<p class="org"><b>%s</b> &mdash; <i>%s</i></p>\n<p class="when">%s</p>\n' % (esc(inst), esc(deg), dates))
        elif sec == 'certs' and p.get('certificates'):
            o.append('<h2>%s</h2>\n' % h['certs'])
            o.append(ul([cert_text(c, sp) for c in p['certificates']], sp['bullet'], raw=True))
        elif sec == 'skills':
            o.append('<h2>%s</h2>\n' % h['skills'])
            o.append(ul(skills_html(p, sp), sp['bullet'], raw=True))
        elif sec == 'lang' and p.get('languages'):
            o.append('<h2>%s</h2>\n<p>%s</p>\n' % (h.get('lang', 'Languages'), lang_text(p, sp)))
    o.append('</body>\n</html>\n')
    return ''.join(o)


LAYOUTS = {
    'classic-caps': L_classic,
    'titlecase': L_titlecase,
    'sidebar-table': L_sidebar,
    'job-table': L_jobtable,
    'centered-pipes': L_centered,
    'functional': L_functional,
    'linkedin-pdf': L_linkedin,
    'modern-sidebar': L_modern,
    'plain-typed': L_plain,
    'two-page': L_twopage,
    'gdocs-template': L_gdocs,
}

# ---------------------------------------------------------------- specs
from specs import SPECS, HARD   # noqa: E402  (tools/specs.py)


def render(name, sp, **kw):
    with open(os.path.join(PROFILES, name + '.json'), encoding='utf-8') as f:
        p = json.load(f)
    return LAYOUTS[sp['layout']](p, sp, **kw)


def main():
    os.makedirs(OUT, exist_ok=True)
    names = sorted(n[:-5] for n in os.listdir(PROFILES) if n.endswith('.json'))
    missing = [n for n in names if n not in SPECS]
    if missing:
        sys.exit('no spec for: ' + ', '.join(missing))
    for n in names:
        with open(os.path.join(OUT, n + '.html'), 'w', encoding='utf-8') as f:
            f.write(render(n, SPECS[n]))
    # the source of hard/table-layout.docx: a whole-body two-column table
    src = os.path.join(ROOT, 'hard', 'src')
    os.makedirs(src, exist_ok=True)
    for out, (twin, sp) in HARD.items():
        with open(os.path.join(src, out), 'w', encoding='utf-8') as f:
            f.write(render(twin, sp, **sp.get('kw', {})))
    print('wrote %d html files' % len(names))


if __name__ == '__main__':
    main()
