// The end-to-end harness: a real Kefu server on a fresh SQLite database
// with the demo data, Debian's Chromium driven by playwright-core, and a
// tiny test runner. Nothing here downloads a browser.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const PASSWORD = 'kefu2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Starts `kefu serve` on a new database filled by `kefu demo-data`.
export async function startServer({ kefu, webRoot }) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-e2e-'));
  const db = join(dir, 'kefu.db');
  execFileSync(kefu, ['migrate', '--db', db], { stdio: 'ignore' });
  execFileSync(kefu, ['demo-data', '--db', db], { stdio: 'ignore' });
  const port = await freePort();
  const proc = spawn(kefu, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot,
    '--carrier-secret', 'e2e-secret'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`kefu serve exited: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A bearer-token API client for setting up what a test needs.
export async function apiAs(base, login) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${login}: ${r.status}`);
  const { token } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b = {}) => call('POST', p, b),
    patch: (p, b) => call('PATCH', p, b),
  };
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container needs --no-sandbox; the rest keeps Chromium off
    // the network, which this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// A page that fails its test on a JavaScript error, a CSP violation or an
// alert (the XSS check).
export async function newPage(browser, base, { viewport = { width: 1440, height: 900 }, locale = 'zh-CN', timezoneId = 'Asia/Shanghai' } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId, baseURL: base });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) {
      page.problems.push(`CSP: ${m.text()}`);
    }
  });
  page.on('dialog', async (d) => {
    page.problems.push(`a dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  page.setDefaultTimeout(10_000);
  return page;
}

export async function login(page, who) {
  await page.goto('/');
  await page.fill('input[name=login]', who);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]', { state: 'attached' });
}

export function screenshotsDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Runs the tests in order; each gets a fresh context from `fn`.
export async function runTests(tests) {
  let failed = 0;
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack ?? e}`);
    }
  }
  console.log(`${tests.length - failed}/${tests.length} end-to-end tests passed`);
  return failed;
}

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}
