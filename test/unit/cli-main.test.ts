import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeFile, analyzeFiles, exitCodeOf, MAX_FIX_PASSES, run, useColor, type CliIo } from '../../src/cli/main';
import { NodeWorkspaceFs } from '../../src/cli/nodeFs';
import type { EngineApi, FileAnalysis } from '../../src/core/engine';
import type { Report } from '../../src/core/report/types';
import { LineIndex } from '../../src/core/text/lineIndex';
import type { Finding } from '../../src/core/types';

interface Captured {
  io: CliIo;
  out(): string;
  err(): string;
}

function capture(cwd: string, env: Record<string, string> = {}, isTTY = false): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      cwd,
      env,
      stdout: { write: (s: string) => (out += s), isTTY },
      stderr: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}

let base: string;

function project(name: string, files: Record<string, string | Buffer>): string {
  const root = join(base, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

const ANTHROPIC_NO_CAP = `import anthropic

client = anthropic.Anthropic()

def ask(question):
    return client.messages.create(
        model="claude-sonnet-4-5",
        messages=[{"role": "user", "content": question}],
    )
`;

const OPENAI_NO_CAP = `import OpenAI from "openai";

const client = new OpenAI();

export async function ask(q: string) {
  return client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: q }],
  });
}
`;

async function jsonReport(cwd: string, args: string[] = []): Promise<{ code: number; report: Report; err: string }> {
  const c = capture(cwd);
  const code = await run(['--format', 'json', ...args], c.io);
  return { code, report: JSON.parse(c.out()) as Report, err: c.err() };
}

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-main-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

describe('prompt-cost-lint end to end (real engine)', () => {
  test('exit 0 on a project without LLM calls; the text report says it is clean', async () => {
    const root = project('clean', { 'app.py': 'print("hello")\n', 'lib/util.ts': 'export const x = 1;\n' });
    const c = capture(root);
    assert.equal(await run([], c.io), 0);
    assert.match(c.out(), /0 call sites in 2 files/);
    assert.match(c.out(), /No problems found/);
    assert.equal(c.err(), '');
  });

  test('exit 1 when an Anthropic call has no max_tokens (an error: the API rejects it)', async () => {
    const root = project('error', { 'py/app.py': ANTHROPIC_NO_CAP });
    const { code, report } = await jsonReport(root);
    assert.equal(report.callSites.length, 1);
    assert.equal(report.callSites[0]!.file, 'py/app.py');
    assert.equal(report.callSites[0]!.model, 'claude-sonnet-4-5');
    const f = report.findings.find((x) => x.ruleId === 'missing-max-tokens');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(code, 1);
    // --exit-zero: the same findings, exit 0.
    const zero = await jsonReport(root, ['--exit-zero']);
    assert.equal(zero.code, 0);
    assert.equal(zero.report.findings.length, report.findings.length);
  });

  test('warnings alone exit 0, unless there are more than --max-warnings', async () => {
    const root = project('warnings', { 'src/chat.ts': OPENAI_NO_CAP });
    const { code, report } = await jsonReport(root);
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    assert.equal(report.findings.filter((f) => f.severity === 'error').length, 0);
    assert.ok(warnings >= 1, 'an OpenAI call without a cap warns');
    assert.equal(code, 0);
    assert.equal((await jsonReport(root, ['--max-warnings', String(warnings)])).code, 0);
    const over = capture(root);
    assert.equal(await run(['--max-warnings', String(warnings - 1)], over.io), 1);
    assert.match(over.err(), /more than --max-warnings/);
  });

  test('--fix applies only safe fixes; --unsafe-fixes adds the cap, rewrites the file, and the error is gone', async () => {
    const root = project('fix', { 'py/app.py': ANTHROPIC_NO_CAP });
    const file = join(root, 'py', 'app.py');
    const before = await jsonReport(root);
    const capFix = before.report.findings.find((f) => f.ruleId === 'missing-max-tokens')!.fixes[0]!;
    assert.ok(capFix);

    const safeOnly = await jsonReport(root, ['--fix']);
    const anySafe = before.report.findings.some((f) => f.fixes.some((x) => x.safe));
    assert.equal(readFileSync(file, 'utf8') !== ANTHROPIC_NO_CAP, anySafe, 'the file changes iff a safe fix was offered');
    assert.equal(safeOnly.report.findings.some((f) => f.fixes.some((x) => x.safe)), false, 'no safe fix is left');

    const unsafe = await jsonReport(root, ['--fix', '--unsafe-fixes']);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.includes(capFix.edits[0]!.newText.trim().replace(/^,\s*/, '')), fixed);
    assert.ok(!unsafe.report.findings.some((f) => f.ruleId === 'missing-max-tokens'));
    assert.equal(unsafe.report.findings.some((f) => f.fixes.length > 0), false, 'every fix was applied');
    assert.equal(unsafe.code, unsafe.report.findings.some((f) => f.severity === 'error') ? 1 : 0);
    assert.ok(unsafe.report.notes.some((n) => n.file === 'py/app.py' && /Applied \d+ fix/.test(n.message)));

    // Idempotent: a second run changes nothing.
    await jsonReport(root, ['--fix', '--unsafe-fixes']);
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  test('--fix keeps a UTF-8 BOM and CRLF line endings', async () => {
    const crlf = '\uFEFF' + ANTHROPIC_NO_CAP.replace(/\n/g, '\r\n');
    const root = project('bom', { 'app.py': crlf });
    await jsonReport(root, ['--fix', '--unsafe-fixes']);
    const after = readFileSync(join(root, 'app.py'), 'utf8');
    assert.notEqual(after, crlf);
    assert.ok(after.startsWith('\uFEFFimport anthropic\r\n'));
    assert.ok(after.includes('max_tokens'));
  });

  test('binary, oversized and unsupported files become notes, never a crash', async () => {
    const root = project('odd', {
      '.prompt-cost.json': JSON.stringify({ maxFileSizeKb: 1 }),
      'bin.py': Buffer.from([0x69, 0x6d, 0, 0x70]),
      'big.py': '# padding\n'.repeat(200),
      'ok.py': 'print(1)\n',
    });
    const missing = capture(root);
    assert.equal(await run(['.', 'notes.txt'], missing.io), 2, 'notes.txt does not exist');
    assert.equal(missing.err(), 'prompt-cost-lint: notes.txt: no such file or folder\n');
    writeFileSync(join(root, 'notes.txt'), 'hi');
    const r = await jsonReport(root, ['.', 'notes.txt']);
    assert.equal(r.code, 0);
    const byFile = new Map(r.report.notes.map((n) => [n.file, n.message]));
    assert.match(byFile.get('bin.py')!, /binary/);
    assert.match(byFile.get('big.py')!, /larger than 1 KB/);
    assert.match(byFile.get('notes.txt')!, /not a Python, TypeScript or JavaScript file/);
  });

  test('bad config exits 2 naming the field; bad usage exits 2 with a --help hint', async () => {
    const root = project('badcfg', { '.prompt-cost.json': '{"defaultMonthlyCalls": "lots"}', 'app.py': '' });
    const c = capture(root);
    assert.equal(await run([], c.io), 2);
    assert.match(c.err(), /^prompt-cost-lint: \.prompt-cost\.json: defaultMonthlyCalls: /);
    assert.equal(c.out(), '');

    const root2 = project('badjson', { '.prompt-cost.json': '{"rules": {}', 'app.py': '' });
    const c2 = capture(root2);
    assert.equal(await run([], c2.io), 2);
    assert.match(c2.err(), /^prompt-cost-lint: \.prompt-cost\.json:1:13: invalid JSON/);

    const c3 = capture(root2);
    assert.equal(await run(['--format', 'xml'], c3.io), 2);
    assert.match(c3.err(), /--format must be one of/);
    assert.match(c3.err(), /Run 'prompt-cost-lint --help' for usage\./);

    const c4 = capture(root2);
    assert.equal(await run(['--config', 'missing.json'], c4.io), 2);
    assert.match(c4.err(), /missing\.json: no such file/);
  });

  test('a model override with a bad price is a config error (exit 2)', async () => {
    const root = project('badmodel', { '.prompt-cost.json': JSON.stringify({ models: [{ id: 'my-model', inputPerMTok: -1 }] }), 'app.py': '' });
    const c = capture(root);
    assert.equal(await run([], c.io), 2);
    assert.match(c.err(), /models\[0\]/);
  });

  test('SARIF output to a file with --output; --help and --version', async () => {
    const root = project('sarif', { 'py/app.py': ANTHROPIC_NO_CAP });
    const c = capture(root);
    assert.equal(await run(['--format', 'sarif', '--output', 'out/report.sarif'], c.io).catch(() => -1), 2, 'the output folder does not exist');
    mkdirSync(join(root, 'out'));
    const c2 = capture(root);
    assert.equal(await run(['--format', 'sarif', '-o', 'out/report.sarif'], c2.io), 1);
    assert.equal(c2.out(), '');
    const log = JSON.parse(readFileSync(join(root, 'out', 'report.sarif'), 'utf8'));
    assert.equal(log.version, '2.1.0');
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'missing-max-tokens');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'py/app.py');
    assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'missing-cache-control'), 'every registered rule is listed');

    const h = capture(root);
    assert.equal(await run(['--help'], h.io), 0);
    assert.match(h.out(), /^Usage: prompt-cost-lint/);
    const v = capture(root);
    assert.equal(await run(['--version'], v.io), 0);
    assert.match(v.out(), /^\d+\.\d+\.\d+\n$/);
  });

  test('--quiet shows errors only but warnings still count for the exit code', async () => {
    const root = project('quiet', { 'src/chat.ts': OPENAI_NO_CAP, 'py/app.py': ANTHROPIC_NO_CAP });
    const full = await jsonReport(root);
    const quiet = await jsonReport(root, ['--quiet']);
    assert.ok(full.report.findings.some((f) => f.severity !== 'error'));
    assert.ok(quiet.report.findings.length > 0);
    assert.ok(quiet.report.findings.every((f) => f.severity === 'error'));
    assert.equal(quiet.code, full.code);
  });
});

describe('CLI pieces (no engine)', () => {
  function fakeEngine(findingsFor: (text: string) => Finding[]): EngineApi & { analyses: number } {
    const engine = {
      analyses: 0,
      config: { maxFileSizeKb: 1024 },
      async analyze(doc: { path: string; text: string }): Promise<FileAnalysis> {
        engine.analyses++;
        return { path: doc.path, language: 'python', calls: [], findings: findingsFor(doc.text), notes: [], lines: new LineIndex(doc.text) };
      },
      forget() {},
    };
    return engine as unknown as EngineApi & { analyses: number };
  }

  function appendFinding(text: string, safe = true): Finding {
    return {
      ruleId: 'needs-bang',
      severity: 'warning',
      span: { start: 0, end: 1 },
      message: 'add a bang',
      savingsUsd: null,
      fixes: [{ title: 'add !', safe, edits: [{ span: { start: text.length, end: text.length }, newText: '!' }] }],
    };
  }

  test('the fix loop re-analyses until no fixable finding is left, then writes once', async () => {
    const root = project('loop', { 'a.py': 'x' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine((t) => (t.endsWith('!!!') ? [] : [appendFinding(t)]));
    const writes: string[] = [];
    const out = await analyzeFile(join(root, 'a.py'), engine, fs, { fix: { unsafe: false, write: (_p, t) => writes.push(t) } });
    assert.deepEqual(writes, ['x!!!']);
    assert.equal(out.fixesApplied, 3);
    assert.equal(out.analysis.findings.length, 0);
    assert.equal(engine.analyses, 4);
  });

  test(`the fix loop stops after ${MAX_FIX_PASSES} passes when fixes never settle`, async () => {
    const root = project('endless', { 'a.py': 'x' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine((t) => [appendFinding(t)]);
    const writes: string[] = [];
    const out = await analyzeFile(join(root, 'a.py'), engine, fs, { fix: { unsafe: false, write: (_p, t) => writes.push(t) } });
    assert.deepEqual(writes, ['x' + '!'.repeat(MAX_FIX_PASSES)]);
    assert.equal(out.fixesApplied, MAX_FIX_PASSES);
  });

  test('suggestions are left alone without unsafe; nothing is written when nothing changed', async () => {
    const root = project('suggest', { 'a.py': 'x' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine((t) => (t.length < 2 ? [appendFinding(t, false)] : []));
    const writes: string[] = [];
    await analyzeFile(join(root, 'a.py'), engine, fs, { fix: { unsafe: false, write: (_p, t) => writes.push(t) } });
    assert.equal(writes.length, 0);
    await analyzeFile(join(root, 'a.py'), engine, fs, { fix: { unsafe: true, write: (_p, t) => writes.push(t) } });
    assert.deepEqual(writes, ['x!']);
  });

  test('a fix that makes call sites disappear is not kept', async () => {
    const root = project('breaks', { 'a.py': 'f(x)' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine(() => []);
    // One "call" while the parenthesis is there; the fix deletes it.
    engine.analyze = async (doc) => ({
      path: doc.path,
      language: 'python',
      calls: doc.text.includes('(') ? [{} as never] : [],
      findings: [{ ...appendFinding(doc.text), fixes: [{ title: 'break it', safe: true, edits: [{ span: { start: 1, end: 2 }, newText: '' }] }] }],
      notes: [],
      lines: new LineIndex(doc.text),
    });
    const writes: string[] = [];
    const out = await analyzeFile(join(root, 'a.py'), engine, fs, { fix: { unsafe: false, write: (_p, t) => writes.push(t) } });
    assert.equal(writes.length, 0);
    assert.equal(out.fixesApplied, 0);
    assert.match(out.analysis.notes[0]!.message, /not applied/);
  });

  test('analyzeFiles keeps the order of the paths and bounds the files in flight', async () => {
    const names = ['a.py', 'b.py', 'c.py', 'd.py', 'e.py', 'f.py', 'g.py'];
    const root = project('many', Object.fromEntries(names.map((n, i) => [n, 'x'.repeat(names.length - i)])));
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    let inFlight = 0;
    let maxInFlight = 0;
    const engine = fakeEngine(() => []);
    engine.analyze = async (doc) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Longer texts take more turns of the event loop, so files finish out of order.
      for (let i = 0; i < doc.text.length; i++) await new Promise((r) => setImmediate(r));
      inFlight--;
      return { path: doc.path, language: 'python', calls: [], findings: [], notes: [], lines: new LineIndex(doc.text) };
    };
    const out = await analyzeFiles(names.map((n) => join(root, n)), engine, fs, { concurrency: 3 });
    assert.deepEqual(out.map((a) => a.path.split('/').pop()), names);
    assert.equal(maxInFlight, 3);
  });

  test('a file that cannot be written keeps its original analysis, with a warning', async () => {
    const root = project('readonly', { 'a.py': 'x' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine((t) => (t.endsWith('!') ? [] : [appendFinding(t)]));
    const out = await analyzeFile(join(root, 'a.py'), engine, fs, {
      fix: {
        unsafe: false,
        write: () => {
          throw Object.assign(new Error('read-only'), { code: 'EACCES' });
        },
      },
    });
    assert.equal(out.fixesApplied, 0);
    assert.equal(out.analysis.findings.length, 1, 'the findings of the text on disk');
    assert.match(out.analysis.notes.at(-1)!.message, /could not be written \(EACCES\)/);
  });

  test('an engine that throws becomes a note on the file', async () => {
    const root = project('throws', { 'a.py': 'x' });
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 64 });
    const engine = fakeEngine(() => {
      throw new Error('boom');
    });
    const out = await analyzeFile(join(root, 'a.py'), engine, fs);
    assert.equal(out.analysis.notes[0]!.message, 'Analysis failed: boom');
  });

  test('exit codes and colour choice', () => {
    const report = (sev: Array<'error' | 'warning' | 'info'>) =>
      ({ findings: sev.map((severity) => ({ severity })) }) as unknown as Report;
    assert.equal(exitCodeOf(report([]), null), 0);
    assert.equal(exitCodeOf(report(['info', 'warning', 'warning']), null), 0);
    assert.equal(exitCodeOf(report(['info', 'warning', 'warning']), 2), 0);
    assert.equal(exitCodeOf(report(['info', 'warning', 'warning']), 1), 1);
    assert.equal(exitCodeOf(report(['error']), null), 1);
    assert.equal(exitCodeOf(report(['info', 'info', 'info']), 0), 0);

    const o = { noColor: false, output: null };
    assert.equal(useColor(o, { env: {}, stdout: { write: () => 0, isTTY: true } }), true);
    assert.equal(useColor(o, { env: {}, stdout: { write: () => 0, isTTY: false } }), false);
    assert.equal(useColor(o, { env: { NO_COLOR: '1' }, stdout: { write: () => 0, isTTY: true } }), false);
    assert.equal(useColor({ noColor: true, output: null }, { env: {}, stdout: { write: () => 0, isTTY: true } }), false);
    assert.equal(useColor({ noColor: false, output: 'r.txt' }, { env: {}, stdout: { write: () => 0, isTTY: true } }), false);
  });
});
