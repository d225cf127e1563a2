// Opens each HTML report in headless Chromium through the DevTools
// protocol and checks it: no console error or page exception, no network
// request (the page must be self-contained), and not blank (text, and the
// chart drawn).  Saves a screenshot of each page next to it (.png).
// usage: node --experimental-websocket check.mjs CHROMIUM FILE.html...
// Prints "N passed, N failed"; exit status 1 on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
               svgWidth: r ? r.width : 0, scripts: document.scripts.length, title: document.title }; })()`,
  }, sessionId);
  const v = probe.result.result.value;
  if (!v || v.text < 200) problems.push(`blank page (${v ? v.text : 0} characters of text)`);
  if (!v || v.bars < 7 || v.svgWidth < 100) problems.push('the chart is not drawn');
  if (v && v.scripts > 0) problems.push(`${v.scripts} script element(s): a profile string was not escaped`);
  const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId);
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
