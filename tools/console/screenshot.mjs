// Takes docs/console.png: Debian's headless Chromium (the browser the Console tests use) opens the console of a running
// dev silo, takes the token, loads listener u0001 (6 items), skips the first track and captures the whole page.
// Usage, with `dotnet run --project Silo` running:
//   TOKEN=$(dotnet run --project Client/Personalization.Gateway -- token --sub dev --role admin)
//   node --experimental-websocket tools/console/screenshot.mjs "$TOKEN" docs/console.png 1280
// Arguments: token, output PNG, viewport width in CSS pixels (default 1280); PZN_CONSOLE_URL overrides the page.
// Talks to 127.0.0.1 only (the console and Chromium's DevTools port); stops the browser it started.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [token, out, width = '1280'] = process.argv.slice(2);
if (!token || !out) {
  console.error('usage: node --experimental-websocket tools/console/screenshot.mjs TOKEN OUT.png [WIDTH]');
  process.exit(2);
}
const url = process.env.PZN_CONSOLE_URL ?? 'http://127.0.0.1:5080/console';
const profile = mkdtempSync(join(tmpdir(), 'pzn-console-shot-'));
const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'], { stdio: 'ignore' });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function poll(read, what, tries = 200) {
  for (let i = 0; i < tries; i++) {
    try {
      const value = await read();
      if (value) return value;
    } catch { /* not there yet */ }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

try {
  const port = await poll(() => readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0], 'Chromium to listen');
  const page = await poll(async () => (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find(t => t.type === 'page'), 'a page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let next = 0;
  const pending = new Map();
  ws.onmessage = m => {
    const reply = JSON.parse(m.data);
    if (pending.has(reply.id)) { pending.get(reply.id)(reply); pending.delete(reply.id); }
  };
  const send = (method, params = {}) => new Promise(resolve => {
    const id = ++next;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  const evaluate = async expression => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.result.value;
  const until = (expression, what) => poll(() => evaluate(expression), what);

  await send('Emulation.setDeviceMetricsOverride', { width: Number(width), height: 1000, deviceScaleFactor: 1, mobile: false });
  await send('Page.navigate', { url });
  await until("document.body && document.body.dataset.ready === 'true'", 'the console');
  await evaluate(`document.getElementById('token').value = ${JSON.stringify(token)}; document.getElementById('token-form').requestSubmit();`);
  await evaluate("document.getElementById('listener-count').value = '6'; document.getElementById('listener-id').value = 'u0001';" +
    "document.getElementById('listener-form').requestSubmit();");
  await until("document.getElementById('listener-status').textContent.startsWith('u0001:')", 'listener u0001');
  await evaluate("document.querySelector('#recs li.rec button[data-kind=skip]').click()");
  await until("document.getElementById('listener-status').textContent.includes('recorded')", 'the skip and the reload');
  await evaluate('document.activeElement.blur()');
  const alert = await evaluate("document.getElementById('alert').hidden ? '' : document.getElementById('alert').textContent");
  if (alert) throw new Error(`the console shows an error: ${alert}`);
  const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
  writeFileSync(out, Buffer.from(shot.result.data, 'base64'));
  ws.close();
  console.log(`wrote ${out}`);
} finally {
  chrome.kill('SIGTERM');
  await sleep(300);
  rmSync(profile, { recursive: true, force: true });
}
