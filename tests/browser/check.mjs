// Opens each HTML report in headless Chromium through the DevTools
// protocol and checks it: no console error or page exception, no network
// request (the page must be self-contained), and not blank (text, and the
// chart drawn); a shortlist page (its name holds "shortlist") is also
// sorted, filtered and opened row by row.  Saves a screenshot of each page next to it (.png).
// usage: node --experimental-websocket check.mjs CHROMIUM FILE.html...
// Prints "N passed, N failed"; exit status 1 on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';

const [chromium, ...files] = process.argv.slice(2);
const profileDir = mkdtempSync(join(tmpdir(), 'coderfit-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-extensions', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe'] });
browser.stderr.on('data', () => {});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let port;
for (let i = 0; i < 200 && !port; i++) {
  const f = join(profileDir, 'DevToolsActivePort');
  if (existsSync(f)) port = readFileSync(f, 'utf8').split('\n')[0];
  else await sleep(100);
}
if (!port) { console.log('FAIL: chromium did not start'); console.log('0 passed, 1 failed'); process.exit(1); }

const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const ws = new WebSocket(version.webSocketDebuggerUrl);
await new Promise((r, e) => { ws.onopen = r; ws.onerror = e; });
let nextId = 1;
const pending = new Map();
const listeners = [];
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  else listeners.forEach((l) => l(msg));
};
const send = (method, params = {}, sessionId) => new Promise((r) => {
  const id = nextId++;
  pending.set(id, r);
  ws.send(JSON.stringify({ id, method, params, sessionId }));
});

// The shortlist page (rank -f html): sorting by score and by name, opening
// a row on its report, filtering by eligibility and tier; the times taken.
const shortlistProbe = `(async () => {
  const rows = () => Array.from(document.querySelectorAll('#list tbody tr.row'));
  const heads = Array.from(document.querySelectorAll('#list thead th'));
  const col = (name) => heads.findIndex((th) => th.textContent.trim() === name);
  const click = (name) => { const t = performance.now(); heads[col(name)].querySelector('button').click(); return performance.now() - t; };
  const nums = (name) => rows().map((r) => +r.cells[col(name)].getAttribute('data-v'));
  const texts = (name) => rows().map((r) => r.cells[col(name)].textContent.toLowerCase());
  const sorted = (a, dir) => a.every((v, i) => i === 0 || (dir > 0 ? a[i - 1] <= v : a[i - 1] >= v));
  const nav = performance.getEntriesByType('navigation')[0];
  const D = JSON.parse(document.getElementById('cf-data').textContent);
  const n = D.r.length, page = Math.min(n, 200);
  const c = {};
  c['the page says it is ready'] = document.documentElement.getAttribute('data-ready') === '1';
  c['a page of rows is drawn'] = rows().length === page;
  c['rows are in rank order at first'] = sorted(nums('rank'), 1) && nums('rank')[0] === 1;
  c['every row has its report'] = D.d.length === n && D.d.every((d) => Array.isArray(d) && d[2].length > 0);
  const sortMs = click('score');
  c['score sorts high to low'] = sorted(nums('score'), -1);
  click('score');
  c['score sorts low to high the second time'] = sorted(nums('score'), 1);
  const nameCol = col('name') >= 0 ? 'name' : 'id';
  c['each row shows its facts'] = col('facts') >= 0 && rows().every((r, i) => r.cells[col('facts')].textContent === D.r[+r.getAttribute('data-i')][10]) &&
    rows().some((r) => /years coding|no coding work/.test(r.cells[col('facts')].textContent));
  const nameMs = click(nameCol);
  c[nameCol + ' sorts from A'] = sorted(texts(nameCol), 1);
  c['a sorted header says so'] = heads[col(nameCol)].getAttribute('aria-sort') === 'ascending';
  const i0 = rows()[0].getAttribute('data-i');
  rows()[0].querySelector('td.open button').click();
  const opened = () => { const tr = document.querySelector('#list tr.row[data-i="' + i0 + '"]'); return tr && tr.nextElementSibling && tr.nextElementSibling.classList.contains('detail') ? tr.nextElementSibling : null; };
  const d = opened();
  c['a row opens on its report'] = !!d && /Qualities/.test(d.textContent) && d.querySelectorAll('.bar').length >= 7 &&
    /Gates/.test(d.textContent) && /Evidence/.test(d.textContent) && /What would raise/.test(d.textContent);
  c['the open button says it is open'] = document.querySelector('#list tr.row[data-i="' + i0 + '"] td.open button').getAttribute('aria-expanded') === 'true';
  click(nameCol);
  c['an open report stays with its row'] = n > page || !!opened();
  document.querySelector('#list tr.row[data-i="' + i0 + '"] td.open button') && document.querySelector('#list tr.row[data-i="' + i0 + '"] td.open button').click();
  c['it closes again'] = !document.querySelector('#list tr.detail');
  const elig = document.getElementById('f-elig');
  elig.click();
  const want = D.r.filter((r) => r[7]).length;
  c['eligible only shows the eligible'] = rows().length === Math.min(want, 200) && rows().every((r) => r.getAttribute('data-elig') === '1') &&
    new RegExp('^' + Math.min(want, 200) + ' (of ' + want + ' )?shown').test(document.getElementById('shown').textContent);
  elig.click();
  const tier = document.getElementById('f-tier');
  tier.value = tier.options[1].value;
  tier.dispatchEvent(new Event('change'));
  c['a tier filter shows that tier only'] = rows().length > 0 && rows().every((r) => r.getAttribute('data-tier') === tier.value);
  tier.value = '';
  tier.dispatchEvent(new Event('change'));
  c['every row is back'] = rows().length === page;
  const t = performance.now();
  document.getElementById('all').click();
  const allMs = performance.now() - t;
  c['show all draws every row'] = rows().length === n;
  c['no element came from a profile'] = document.querySelectorAll('img, iframe, object, embed').length === 0 && !/^x$/.test(document.title);
  heads[col('rank')].querySelector('button').click();
  if (heads[col('rank')].getAttribute('aria-sort') !== 'ascending') heads[col('rank')].querySelector('button').click();
  rows()[0].querySelector('td.open button').click();   /* for the screenshot */
  return { n, checks: c, sortMs, nameMs, allMs, loadMs: nav ? nav.loadEventEnd - nav.startTime : -1 };
})()`;

let passed = 0, failed = 0;
for (const file of files) {
  const url = 'file://' + resolve(file);
  const problems = [];
  const { result: { targetId } } = await send('Target.createTarget', { url: 'about:blank' });
  const { result: { sessionId } } = await send('Target.attachToTarget', { targetId, flatten: true });
  const onEvent = (msg) => {
    if (msg.sessionId !== sessionId) return;
    if (msg.method === 'Network.requestWillBeSent') {
      const u = msg.params.request.url;
      if (u !== url && !u.startsWith('data:') && u !== 'about:blank') problems.push(`network request: ${u}`);
    } else if (msg.method === 'Runtime.consoleAPICalled' && ['error', 'assert'].includes(msg.params.type)) {
      problems.push(`console ${msg.params.type}: ${JSON.stringify(msg.params.args.map((a) => a.value))}`);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      problems.push(`exception: ${msg.params.exceptionDetails.text}`);
    } else if (msg.method === 'Page.javascriptDialogOpening') {
      problems.push(`a dialog opened: ${msg.params.message}`);
      send('Page.handleJavaScriptDialog', { accept: true }, sessionId);
    } else if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') {
      problems.push(`log error: ${msg.params.entry.text} ${msg.params.entry.url || ''}`);
    }
  };
  listeners.push(onEvent);
  await send('Network.enable', {}, sessionId);
  await send('Runtime.enable', {}, sessionId);
  await send('Log.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride', { width: 900, height: 1200, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = new Promise((r) => listeners.push((msg) => { if (msg.sessionId === sessionId && msg.method === 'Page.loadEventFired') r(); }));
  await send('Page.navigate', { url }, sessionId);
  await Promise.race([loaded, sleep(10000)]);
  await sleep(300);
  const probe = await send('Runtime.evaluate', {
    returnByValue: true,
    expression: `(() => { const svg = document.querySelector('svg'); const r = svg ? svg.getBoundingClientRect() : null;
      return { text: document.body ? document.body.innerText.length : 0, bars: document.querySelectorAll('svg rect').length,
               svgWidth: r ? r.width : 0, scripts: document.scripts.length, title: document.title,
               whatif: (document.querySelector('section[aria-labelledby="s-whatif"]') || {}).innerText || '', steps: document.querySelectorAll('ol.gaps > li').length,
               links: [...document.querySelectorAll('tbody a')].map((a) => a.getAttribute('href')),
               wide: document.documentElement.scrollWidth }; })()`,
  }, sessionId);
  const v = probe.result.result.value;
  const shortlist = /shortlist/.test(file);
  if (!v || v.text < 200) problems.push(`blank page (${v ? v.text : 0} characters of text)`);
  const adviceOne = /advice-/.test(file), studentIndex = /students\/index\.html$/.test(file);
  const advice = adviceOne || (/students\//.test(file) && !studentIndex);
  const index = /(caseload|students)\/index\.html$/.test(file);
  const validation = /validation\.html$/.test(file);
  if (!advice && !index && !validation && (!v || v.bars < 7 || v.svgWidth < 100)) problems.push('the chart is not drawn');
  if (validation) {
    // a scatter of points for each measured outcome (two), a tier plot for each (four)
    // outcome; at a phone's width nothing scrolls sideways
    const r = await send('Runtime.evaluate', { returnByValue: true, expression: `({
      plots: document.querySelectorAll('svg').length, points: document.querySelectorAll('svg circle.pt').length,
      fits: document.querySelectorAll('svg line.fit').length })` }, sessionId);
    const g = r.result.result.value || {};
    if (g.plots !== 6 || g.points < 190 || g.fits !== 2) problems.push(`the validation plots are not drawn: ${JSON.stringify(g)}`);
    await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 1, mobile: true }, sessionId);
    await sleep(200);
    const m = await send('Runtime.evaluate', { returnByValue: true, expression: `({ wide: document.documentElement.scrollWidth,
      svg: document.querySelector('svg').getBoundingClientRect().width })` }, sessionId);
    const p = m.result.result.value || {};
    if (p.wide > 390 || p.svg > 390 || p.svg < 300) problems.push(`at 390 px the validation page scrolls sideways or its plots do not fit (${JSON.stringify(p)})`);
    const small = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
    writeFileSync(file.replace(/\.html$/, '') + '-390.png', Buffer.from(small.result.data, 'base64'));
    await send('Emulation.setDeviceMetricsOverride', { width: 900, height: 1200, deviceScaleFactor: 1, mobile: false }, sessionId);
    await sleep(100);
  }
  if (index && v) {
    // every page of the folder is linked, once, and there
    const pages = readdirSync(dirname(file)).filter((f) => f.endsWith('.html') && f !== 'index.html').sort();
    const linked = [...v.links].sort();
    if (JSON.stringify(pages) !== JSON.stringify(linked)) problems.push(`the index links ${linked.join(' ')}, the folder has ${pages.join(' ')}`);
  }
  if (adviceOne && v && (!/What if: credential=CPC/.test(v.whatif) || !/Score/.test(v.whatif))) problems.push(`the what-if is not on the page: ${v.whatif}`);
  if (adviceOne && v && v.steps !== 5) problems.push(`${v.steps} steps, not 5`);
  if (advice && !adviceOne && v && v.steps < 1) problems.push('a student\'s page has no step');
  if (v && !shortlist && !studentIndex && v.scripts > 0) problems.push(`${v.scripts} script element(s): a profile string was not escaped`);
  if (v && studentIndex && v.scripts !== 1) problems.push(`${v.scripts} script elements, not the index's one: a profile string was not escaped`);
  if (studentIndex) {
    // closest to the next tier first; the headings sort; a phone's width shows cards
    const r = await send('Runtime.evaluate', { returnByValue: true, expression: `(() => {
      const t = document.getElementById('cl'), rows = () => [...t.tBodies[0].rows];
      const heads = [...t.tHead.rows[0].cells], col = heads.findIndex((th) => th.textContent.trim() === 'Score');
      const scores = () => rows().map((r) => +r.cells[col].getAttribute('data-k'));
      const first = rows()[0].cells[0].textContent;
      heads[col].querySelector('button').click(); const up = scores();
      heads[col].querySelector('button').click(); const down = scores();
      const moved = rows().map((r) => r.cells[r.cells.length - 1].textContent);
      return { first, up, down, moved, sort: heads[col].getAttribute('aria-sort') }; })()` }, sessionId);
    const s = r.result.result.value || {};
    const mono = (a, d) => a && a.length > 5 && a.every((x, i) => i === 0 || (d > 0 ? a[i - 1] <= x : a[i - 1] >= x));
    if (!mono(s.up, 1) || !mono(s.down, -1) || s.sort !== 'descending') problems.push(`the index does not sort by score: ${JSON.stringify(s)}`);
    if (!/Samuel Ortiz/.test(s.first || '')) problems.push(`the closest to the next tier is not first: ${s.first}`);
    if (!(s.moved || []).some((m) => /Not yet a fit → Developing/.test(m)) || !(s.moved || []).includes('new')) problems.push(`the index does not say who moved: ${JSON.stringify(s.moved)}`);
    await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 1, mobile: true }, sessionId);
    await sleep(200);
    const m = await send('Runtime.evaluate', { returnByValue: true, expression: `({ wide: document.documentElement.scrollWidth,
      card: getComputedStyle(document.querySelector('#cl tbody tr')).display })` }, sessionId);
    const p = m.result.result.value || {};
    if (p.wide > 390 || p.card !== 'block') problems.push(`at 390 px the index is not cards without sideways scrolling (${JSON.stringify(p)})`);
    const small = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
    writeFileSync(file.replace(/\.html$/, '') + '-390.png', Buffer.from(small.result.data, 'base64'));
    await send('Emulation.setDeviceMetricsOverride', { width: 900, height: 1200, deviceScaleFactor: 1, mobile: false }, sessionId);
    await sleep(100);
  }
  if (v && shortlist && v.scripts !== 2) problems.push(`${v.scripts} script elements, not the page's two: a profile string was not escaped`);
  if (shortlist && !/5000/.test(file)) {
    // at a phone's width: cards of name, score, tier and facts, nothing scrolls sideways
    await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 1, mobile: true }, sessionId);
    await sleep(200);
    const m = await send('Runtime.evaluate', { returnByValue: true, expression: `(() => {
      const r = document.querySelector('#list tbody tr.row'), shown = (sel) => { const e = r && r.querySelector(sel); return !!e && e.getBoundingClientRect().width > 0; };
      return { wide: document.documentElement.scrollWidth, card: !!r && getComputedStyle(r).display === 'grid',
               parts: ['td.sc', 'td.tr', 'td.fx'].every(shown) && (shown('td.nm') || !document.querySelector('td.nm')),
               hidden: !!r && !shown('td.ct') && !shown('td.src') };})()` }, sessionId);
    const p = m.result.result.value || {};
    if (p.wide > 390) problems.push(`at 390 px the page is ${p.wide} px wide: it scrolls sideways`);
    if (!p.card || !p.parts || !p.hidden) problems.push(`at 390 px the rows are not cards of name, score, tier and facts (${JSON.stringify(p)})`);
    const small = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
    writeFileSync(file.replace(/\.html$/, '') + '-390.png', Buffer.from(small.result.data, 'base64'));
    await send('Emulation.setDeviceMetricsOverride', { width: 900, height: 1200, deviceScaleFactor: 1, mobile: false }, sessionId);
    await sleep(100);
  }
  if (shortlist) {
    const r = await send('Runtime.evaluate', { returnByValue: true, awaitPromise: true, expression: shortlistProbe }, sessionId);
    const s = r.result.result.value;
    if (!s) problems.push(`the shortlist probe failed: ${JSON.stringify(r.result.exceptionDetails || r.result)}`);
    else {
      for (const [what, good] of Object.entries(s.checks)) if (!good) problems.push(`shortlist: ${what}`);
      console.log(`  ${file}: ${s.n} applicants, opened in ${s.loadMs.toFixed(0)} ms, sorted by score in ${s.sortMs.toFixed(0)} ms, by name in ${s.nameMs.toFixed(0)} ms; all rows drawn in ${s.allMs.toFixed(0)} ms`);
      if (s.loadMs > 10000 || s.sortMs > 10000) problems.push('shortlist: more than 10 s to open or sort');
    }
  }
  const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: !/5000/.test(file) }, sessionId);
  writeFileSync(file.replace(/\.html$/, '') + '.png', Buffer.from(shot.result.data, 'base64'));
  await send('Target.closeTarget', { targetId });
  listeners.splice(0, listeners.length);
  if (problems.length) { failed++; console.log(`FAIL: ${file}: ${problems.join('; ')}`); }
  else passed++;
}
ws.close();
browser.kill();
await sleep(300);
rmSync(profileDir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
