/**
 * No network, no code execution (issue 7; SECURITY.md).
 *   - Static: nothing under src/ imports a network or process-spawning module or calls fetch,
 *     XMLHttpRequest, WebSocket, eval or new Function. A future opt-in network feature must live in
 *     a module listed in OPT_IN (none exists today) — see SECURITY.md.
 *   - Run time: the CLI analyses the examples (and applies --fix to a copy) with `net`, `tls`,
 *     `http`, `https`, `http2`, `dns`, `dgram`, `child_process` and `fetch` patched to throw; it
 *     succeeds and nothing was attempted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { run, type CliIo } from '../../src/cli/main';

const SRC = path.join(__dirname, '..', '..', 'src');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Modules allowed to talk to the network (opt-in features). Empty: there are none. */
const OPT_IN: string[] = [];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['fetch()', /(^|[^\w.$])fetch\s*\(/m],
  ['http(s).request/get', /\bhttps?\.(request|get)\s*\(/],
  ['net/tls connect', /\b(net|tls)\.(connect|createConnection)\s*\(/],
  ['a network module', /from\s+['"](node:)?(http|https|http2|net|tls|dns|dgram|undici)['"]|require\(\s*['"](node:)?(http|https|http2|net|tls|dns|dgram|undici)['"]\s*\)/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['navigator.sendBeacon', /\bsendBeacon\b/],
  ['child_process', /['"](node:)?child_process['"]/],
  ['eval', /(^|[^\w.$])eval\s*\(/m],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['telemetry', /\b(createTelemetryLogger|TelemetryReporter|applicationinsights)\b/i],
];

describe('no network and no code execution in the shipped code', () => {
  test('src/ contains no network client, process spawn or eval', () => {
    const files = sources(SRC);
    assert.ok(files.length > 50, 'found the sources');
    const hits: string[] = [];
    for (const f of files) {
      const rel = path.relative(SRC, f).split(path.sep).join('/');
      if (OPT_IN.includes(rel)) continue;
      // Comments may mention these words; code may not.
      const code = fs.readFileSync(f, 'utf8').replace(/\/\*[^]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
      for (const [what, re] of FORBIDDEN) if (re.test(code)) hits.push(`${rel}: ${what}`);
    }
    assert.deepEqual(hits, []);
  });

  test('the static check finds what it looks for (it can fail)', () => {
    const samples = ["await fetch('https://x')", "import http from 'node:http';", "require('child_process')", 'eval(code)', 'new Function("x")', 'https.request(u)'];
    for (const s of samples) assert.ok(FORBIDDEN.some(([, re]) => re.test(s)), s);
    assert.ok(!FORBIDDEN.some(([, re]) => re.test('prefetch(x); obj.fetch(y); evaluate(z)')));
  });
});

describe('the CLI runs with the network and process spawning disabled', () => {
  const require = createRequire(__filename);
  const attempts: string[] = [];
  const restore: Array<() => void> = [];
  let work: string;

  function trap(mod: Record<string, unknown>, name: string, names: string[]): void {
    for (const n of names) {
      const orig = mod[n];
      if (typeof orig !== 'function') continue;
      mod[n] = (...args: unknown[]) => {
        attempts.push(`${name}.${n}(${String(args[0]).slice(0, 60)})`);
        throw new Error(`network/process access attempted: ${name}.${n}`);
      };
      restore.push(() => {
        mod[n] = orig;
      });
    }
  }

  before(() => {
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-net-')));
    fs.cpSync(EXAMPLES, path.join(work, 'examples'), { recursive: true });
    fs.mkdirSync(path.join(work, '.git'));
    trap(require('node:net'), 'net', ['connect', 'createConnection', 'createServer']);
    trap(require('node:tls'), 'tls', ['connect', 'createServer']);
    trap(require('node:http'), 'http', ['request', 'get', 'createServer']);
    trap(require('node:https'), 'https', ['request', 'get', 'createServer']);
    trap(require('node:http2'), 'http2', ['connect', 'createServer']);
    trap(require('node:dns'), 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']);
    trap(require('node:dns').promises, 'dns.promises', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']);
    trap(require('node:dgram'), 'dgram', ['createSocket']);
    trap(require('node:child_process'), 'child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
    trap(globalThis as unknown as Record<string, unknown>, 'globalThis', ['fetch', 'WebSocket']);
  });

  after(() => {
    for (const r of restore.reverse()) r();
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { cwd: work, env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
    const code = await run(args, io);
    return { code, out, err };
  }

  test('the traps work (a fetch here would be caught)', () => {
    assert.throws(() => (globalThis.fetch as (u: string) => unknown)('https://example.invalid'));
    assert.throws(() => require('node:http').get('http://example.invalid'));
    attempts.length = 0;
  });

  test('analysing the examples: findings reported, no network attempted', async () => {
    const { code, out, err } = await cli(['--format', 'json', 'examples']);
    assert.ok(code === 0 || code === 1, err);
    const report = JSON.parse(out) as { findings: unknown[] };
    assert.ok(report.findings.length > 0);
    assert.deepEqual(attempts, []);
  });

  test('--fix --unsafe-fixes on a copy of the examples: files written, no network attempted', async () => {
    const before = fs.readFileSync(path.join(work, 'examples', 'python', 'support_bot', 'app.py'), 'utf8');
    const { code, err } = await cli(['--fix', '--unsafe-fixes', '--format', 'sarif', 'examples']);
    assert.ok(code === 0 || code === 1, err);
    const afterText = fs.readFileSync(path.join(work, 'examples', 'python', 'support_bot', 'app.py'), 'utf8');
    assert.notEqual(afterText, before, 'fixes were applied to the copy');
    assert.deepEqual(attempts, []);
  });
});
