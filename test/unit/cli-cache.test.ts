/**
 * `--cache`: a warm run gives the report an uncached run gives, analysing only the files that
 * changed or that depend on a file that changed (prompt files, imported modules, files probed and
 * not found). The CLI runs in-process with injected io; an engine that counts its analyses shows
 * which files were analysed again.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeFiles, run, type CliDeps, type CliIo } from '../../src/cli/main';
import { CACHE_FILE_NAME, cacheFilePath, cacheKey, FileStamps, ResultsCache, type FileReader } from '../../src/cli/cache';
import { createWasmLoader, NodeWorkspaceFs } from '../../src/cli/nodeFs';
import { analyzeFilesInWorkers, type WorkerSetup } from '../../src/cli/workers';
import { Engine, TOKENIZER_FAILED, type EngineApi, type FileAnalysis } from '../../src/core/engine';
import { setRankLoader, unloadEncoders } from '../../src/core/tokens';
import { rules } from '../../src/core/rules';
import { LineIndex } from '../../src/core/text/lineIndex';

let base: string;

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-cache-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

function project(name: string, files: Record<string, string | Buffer>): string {
  const root = join(base, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) write(root, rel, content);
  return root;
}

/** Write a file and move its mtime forward, so the `metadata` strategy sees the change even within the clock's granularity. */
let tick = Date.now() / 1000 + 10;
function write(root: string, rel: string, content: string | Buffer): void {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  tick += 2;
  utimesSync(abs, tick, tick);
}

/** Engines that count analyses (per path) and parser start-ups. */
function counting(): { deps: CliDeps; analysed: string[]; wasmLoads: () => number } {
  const analysed: string[] = [];
  let wasm = 0;
  return {
    analysed,
    wasmLoads: () => wasm,
    deps: {
      rules: rules.map((r) => r.meta),
      async createEngine(options) {
        const loadWasm = createWasmLoader();
        const engine = await Engine.create({ ...options, loadWasm: (f) => (wasm++, loadWasm(f)) });
        const analyze = engine.analyze.bind(engine);
        engine.analyze = (doc, changes) => {
          analysed.push(doc.path.slice(doc.path.lastIndexOf('/') + 1));
          return analyze(doc, changes);
        };
        return engine;
      },
    },
  };
}

async function cli(cwd: string, args: string[], deps?: CliDeps, env: Record<string, string> = { [`PROMPT_COST_LINT_WORKERS`]: '0' }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await run(args, io, deps);
  return { code, out, err };
}

const PY_APP = `import anthropic
from prompts_lib import SYSTEM

client = anthropic.Anthropic()
EXTRA = open("prompts/extra.txt").read()


def ask(q):
    return client.messages.create(model="claude-sonnet-4-5", system=SYSTEM + EXTRA, messages=[{"role": "user", "content": q}])
`;

const TS_APP = `import OpenAI from 'openai';
import { SYSTEM } from './prompt';

const client = new OpenAI();

export async function ask(q: string) {
  for (const item of [1, 2, 3]) {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q + item }] });
  }
}
`;

const PLAIN = 'import os\n\nprint(os.getcwd())\n';

function sample(name: string): string {
  return project(name, {
    'svc/app.py': PY_APP,
    'svc/prompts_lib.py': 'SYSTEM = "You are terse."\n',
    'web/app.ts': TS_APP,
    'web/prompt.ts': "export const SYSTEM = 'Be brief and exact.';\n",
    'web/util.js': 'export const add = (a, b) => a + b;\n',
    'svc/plain.py': PLAIN,
    'svc/blob.py': Buffer.from([0x61, 0x00, 0x62]),
  });
}

const FORMATS = ['text', 'json', 'sarif', 'csv'];

describe('--cache', () => {
  test('cold and warm runs print what an uncached run prints, in every format; a warm run analyses nothing and starts no parser', async () => {
    const root = sample('formats');
    for (const format of FORMATS) {
      const plain = await cli(root, ['--format', format]);
      const c = counting();
      const cold = await cli(root, ['--format', format, '--cache'], c.deps);
      assert.ok(existsSync(join(root, CACHE_FILE_NAME)));
      assert.ok(c.analysed.length >= 6, `cold ${format}: ${c.analysed.join(', ')}`);
      const w = counting();
      const warm = await cli(root, ['--format', format, '--cache'], w.deps);
      assert.deepEqual(w.analysed, [], `warm ${format}`);
      assert.equal(w.wasmLoads(), 0, 'no parser runtime or grammar loaded');
      for (const r of [cold, warm]) {
        assert.equal(r.out, plain.out, format);
        assert.equal(r.code, plain.code);
        assert.equal(r.err, plain.err);
      }
      rmSync(join(root, CACHE_FILE_NAME));
    }
    const report = JSON.parse((await cli(root, ['--format', 'json'])).out) as { callSites: unknown[]; findings: unknown[]; summary: { files: number } };
    assert.ok(report.callSites.length >= 2 && report.findings.length >= 2, 'the sample has calls and findings to place');
    assert.equal(report.summary.files, 7, 'the cache file is not a source file');
  });

  test('editing a file analyses only that file again', async () => {
    const root = sample('edit');
    await cli(root, ['--cache']);
    write(root, 'svc/plain.py', PLAIN + 'print(2)\n');
    const c = counting();
    const warm = await cli(root, ['--format', 'json', '--cache'], c.deps);
    assert.deepEqual(c.analysed, ['plain.py']);
    assert.equal(warm.out, (await cli(root, ['--format', 'json'])).out);
  });

  test('a change to a prompt file or an imported module, or a missing one appearing, analyses the files that read it again', async () => {
    const root = sample('deps');
    const json = ['--format', 'json'];
    await cli(root, [...json, '--cache']);
    const step = async (change: () => void, expected: string[]) => {
      change();
      const c = counting();
      const warm = await cli(root, [...json, '--cache'], c.deps);
      assert.deepEqual(c.analysed.sort(), expected.sort());
      assert.equal(warm.out, (await cli(root, json)).out);
      return JSON.parse(warm.out) as { notes: Array<{ message: string }>; callSites: Array<{ file: string; inputTokens: { static: number } }> };
    };
    // The prompt file does not exist yet: the Python app notes it and counts it as dynamic.
    const before = await step(() => undefined, []);
    assert.ok(before.notes.some((n) => /prompts\/extra\.txt/.test(n.message)));
    const created = await step(() => write(root, 'svc/prompts/extra.txt', ' Answer in French.'), ['app.py']);
    assert.ok(!created.notes.some((n) => /prompts\/extra\.txt/.test(n.message)));
    // Found one folder up instead (the front end tries the file's folder and its ancestors).
    await step(() => unlinkSync(join(root, 'svc/prompts/extra.txt')), ['app.py']);
    await step(() => write(root, 'prompts/extra.txt', ' Answer in German, at length, in full sentences.'), ['app.py']);
    await step(() => write(root, 'svc/prompts_lib.py', 'SYSTEM = "You are terse, and you cite your sources every time."\n'), ['app.py', 'prompts_lib.py']);
    const tokens = (r: { callSites: Array<{ file: string; inputTokens: { static: number } }> }) => r.callSites.find((s) => s.file === 'web/app.ts')!.inputTokens.static;
    const ts0 = await step(() => undefined, []);
    const ts1 = await step(() => write(root, 'web/prompt.ts', "export const SYSTEM = 'Be brief and exact. Use the metric system, and give one example for each answer.';\n"), ['app.ts', 'prompt.ts']);
    assert.ok(tokens(ts1) > tokens(ts0));
    await step(() => unlinkSync(join(root, 'web/prompt.ts')), ['app.ts']);
  });

  test('a change to the configuration analyses everything again', async () => {
    const root = sample('config');
    await cli(root, ['--cache']);
    write(root, '.prompt-cost.json', JSON.stringify({ rules: { 'missing-max-tokens': 'warning' } }));
    const c = counting();
    const warm = await cli(root, ['--format', 'json', '--cache'], c.deps);
    assert.equal(c.analysed.length, 6, 'every file but the binary one, skipped before analysis');
    assert.equal(warm.out, (await cli(root, ['--format', 'json'])).out);
    const again = counting();
    await cli(root, ['--cache'], again.deps);
    assert.deepEqual(again.analysed, []);
  });

  test('--cache-strategy content: files touched but not changed are not analysed again; metadata analyses them', async () => {
    const root = sample('content');
    const touchAll = () => {
      tick += 5;
      for (const rel of ['svc/app.py', 'svc/prompts_lib.py', 'web/app.ts', 'web/prompt.ts', 'web/util.js', 'svc/plain.py', 'svc/blob.py']) utimesSync(join(root, rel), tick, tick);
    };
    await cli(root, ['--cache', '--cache-strategy', 'content', '--cache-location', 'content.cache']);
    await cli(root, ['--cache', '--cache-location', 'meta.cache']);
    touchAll();
    const content = counting();
    const warm = await cli(root, ['--format', 'sarif', '--cache', '--cache-strategy', 'content', '--cache-location', 'content.cache'], content.deps);
    assert.deepEqual(content.analysed, []);
    assert.equal(warm.out, (await cli(root, ['--format', 'sarif'])).out);
    const meta = counting();
    await cli(root, ['--cache', '--cache-location', 'meta.cache'], meta.deps);
    assert.equal(meta.analysed.length, 6, 'all but the binary file (skipped before analysis)');
    // A real edit is seen by content too.
    write(root, 'web/util.js', 'export const add = (a, b) => a + b + 0;\n');
    const edited = counting();
    await cli(root, ['--cache', '--cache-strategy', 'content', '--cache-location', 'content.cache'], edited.deps);
    assert.deepEqual(edited.analysed, ['util.js']);
  });

  test('a damaged cache file is ignored with one info note; an outdated one silently; the next run is warm again', async () => {
    const root = sample('damaged');
    const file = join(root, CACHE_FILE_NAME);
    const plain = JSON.parse((await cli(root, ['--format', 'json'])).out) as { notes: Array<{ level: string; message: string }> };
    await cli(root, ['--cache']);
    const good = readFileSync(file, 'utf8');
    for (const damaged of [good.slice(0, good.length >> 1), good.slice(0, 10), '', good.replace('"entries":{', '"entries":[')]) {
      writeFileSync(file, damaged);
      const c = counting();
      const r = await cli(root, ['--format', 'json', '--cache'], c.deps);
      assert.equal(c.analysed.length, 6);
      const notes = (JSON.parse(r.out) as { notes: Array<{ level: string; message: string }> }).notes;
      const extra = notes.filter((n) => !plain.notes.some((p) => p.message === n.message));
      assert.equal(extra.length, 1, JSON.stringify(extra));
      assert.equal(extra[0]!.level, 'info');
      assert.match(extra[0]!.message, /damaged/);
      const again = counting();
      await cli(root, ['--cache'], again.deps);
      assert.deepEqual(again.analysed, [], 'rewritten');
    }
    writeFileSync(file, good.replace(/"version":\d+/, '"version":999'));
    const c = counting();
    const r = await cli(root, ['--format', 'json', '--cache'], c.deps);
    assert.equal(c.analysed.length, 6);
    assert.equal(r.out, JSON.stringify(plain, null, 2) + '\n');
  });

  test('a cache edited by hand into shapes the report cannot use: those files are analysed again, one info note, the same report', async () => {
    const root = sample('handedited');
    const file = join(root, CACHE_FILE_NAME);
    const plain = await cli(root, ['--format', 'json']);
    await cli(root, ['--cache']);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { a: { calls?: Array<{ site: Record<string, unknown> }> } }> };
    const withCalls = Object.keys(data.entries).filter((k) => data.entries[k]!.a.calls?.length);
    assert.ok(withCalls.length > 0);
    for (const k of withCalls) {
      data.entries[k]!.a.calls![0]!.site.span = null;
    }
    writeFileSync(file, JSON.stringify(data));
    const c = counting();
    const r = await cli(root, ['--format', 'json', '--cache'], c.deps);
    assert.equal(r.code, plain.code);
    assert.ok(c.analysed.length >= withCalls.length, `analysed again: ${c.analysed.join(', ')}`);
    const notes = (JSON.parse(r.out) as { notes: Array<{ level: string; message: string }> }).notes;
    const plainNotes = (JSON.parse(plain.out) as { notes: Array<{ message: string }> }).notes;
    const extra = notes.filter((n) => !plainNotes.some((p) => p.message === n.message));
    assert.equal(extra.length, 1, JSON.stringify(extra));
    assert.match(extra[0]!.message, /damaged/);
    assert.equal(JSON.stringify({ ...JSON.parse(r.out), notes: plainNotes }), JSON.stringify(JSON.parse(plain.out)));
    // The cache was rewritten from the fresh analyses: the next run is warm and plain.
    const again = counting();
    const warm = await cli(root, ['--format', 'json', '--cache'], again.deps);
    assert.deepEqual(again.analysed, []);
    assert.equal(warm.out, plain.out);
  });

  test('results counted while the tokenizer could not be loaded are not cached: the next run counts them again', async () => {
    const root = sample('notokenizer');
    const plain = await cli(root, ['--format', 'json']);
    unloadEncoders();
    try {
      const broken: CliDeps = { rules: rules.map((r) => r.meta), createEngine: (o) => Engine.create({ ...o, loadRanks: () => Promise.reject(new Error('rank table unreadable')) }) };
      const first = await cli(root, ['--format', 'json', '--cache'], broken);
      const withNote = (JSON.parse(first.out) as { notes: Array<{ file: string | null; message: string }> }).notes.filter((n) => n.message.startsWith(TOKENIZER_FAILED));
      assert.deepEqual(withNote.map((n) => n.file).sort(), ['svc/app.py', 'web/app.ts']);
    } finally {
      setRankLoader(null);
    }
    const c = counting();
    const next = await cli(root, ['--format', 'json', '--cache'], c.deps);
    assert.deepEqual(c.analysed.sort(), ['app.py', 'app.ts'], 'only the files whose counts were estimates');
    assert.equal(next.out, plain.out);
  });

  test('an unwritable location: a warning, the same exit code; a file that is not a cache is left alone', async () => {
    const root = sample('unwritable');
    write(root, 'notes.txt', 'my notes\n');
    const plain = await cli(root, ['--format', 'json']);
    for (const location of ['notes.txt/cache', 'notes.txt']) {
      const r = await cli(root, ['--format', 'json', '--cache', '--cache-location', location]);
      assert.equal(r.code, plain.code);
      const notes = (JSON.parse(r.out) as { notes: Array<{ level: string; file: string | null; message: string }> }).notes.filter((n) => n.file === null && /cache/.test(n.message));
      assert.equal(notes.length, 1, JSON.stringify(notes));
      assert.equal(notes[0]!.level, 'warning');
      assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'my notes\n');
    }
  });

  test('--cache-location: a folder holds the default file name; entries of files no longer in the run are dropped', async () => {
    const root = sample('location');
    mkdirSync(join(root, 'cachedir'));
    assert.equal(cacheFilePath(root, 'cachedir'), join(root, 'cachedir', CACHE_FILE_NAME));
    assert.equal(cacheFilePath(root, 'later/'), join(root, 'later', CACHE_FILE_NAME));
    assert.equal(cacheFilePath(root, 'x.cache'), join(root, 'x.cache'));
    await cli(root, ['--cache', '--cache-location', 'cachedir']);
    const file = join(root, 'cachedir', CACHE_FILE_NAME);
    const entries = () => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries).map((p) => p.slice(root.length + 1)).sort();
    assert.equal(entries().length, 7, 'the binary file too: its note is kept');
    unlinkSync(join(root, 'web/util.js'));
    await cli(root, ['--cache', '--cache-location', 'cachedir']);
    assert.ok(!entries().includes(join('web', 'util.js')));
    assert.equal(entries().length, 6);
    assert.ok(!existsSync(join(root, CACHE_FILE_NAME)), '--cache-location alone decides where');
    await cli(root, ['--cache-location', 'elsewhere']);
    assert.ok(!existsSync(join(root, 'elsewhere')), 'without --cache, --cache-location does nothing');
  });

  test('--fix neither reads nor writes the cache', async () => {
    const root = sample('fix');
    await cli(root, ['--cache']);
    const before = readFileSync(join(root, CACHE_FILE_NAME), 'utf8');
    const c = counting();
    await cli(root, ['--fix', '--unsafe-fixes', '--cache'], c.deps);
    assert.ok(c.analysed.includes('app.py'), c.analysed.join(', '));
    assert.equal(readFileSync(join(root, CACHE_FILE_NAME), 'utf8'), before);
    assert.ok(readFileSync(join(root, 'svc/app.py'), 'utf8').includes('max_tokens'), 'fixed');
    // The fixed file has a new stamp: the next cached run analyses it and reports what it now holds.
    const w = counting();
    const warm = await cli(root, ['--format', 'json', '--cache'], w.deps);
    assert.ok(w.analysed.includes('app.py'));
    assert.equal(warm.out, (await cli(root, ['--format', 'json'])).out);
  });

  test('the worker pool: the cache is applied first; workers send back the stamps of what they read', async () => {
    const root = project('pool', {});
    for (let i = 0; i < 40; i++) write(root, `svc/m${i}.py`, i % 4 === 0 ? PY_APP.replace('def ask', `def ask_${i}`) : `${PLAIN}# ${i}\n`);
    write(root, 'svc/prompts_lib.py', 'SYSTEM = "You are terse."\n');
    const env = { PROMPT_COST_LINT_WORKERS: '1' };
    const plain = await cli(root, ['--format', 'json'], undefined, env);
    const cold = await cli(root, ['--format', 'json', '--cache'], undefined, env);
    assert.equal(cold.out, plain.out);
    // Prove the warm run serves entries from the cache: a message changed in the file shows up.
    const file = join(root, CACHE_FILE_NAME);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { a: { findings?: Array<{ message: string }> } }> };
    const withFindings = Object.keys(data.entries).filter((k) => data.entries[k]!.a.findings?.length);
    assert.ok(withFindings.length >= 5);
    for (const k of withFindings) data.entries[k]!.a.findings![0]!.message = 'FROM THE CACHE';
    writeFileSync(file, JSON.stringify(data));
    const warm = await cli(root, ['--format', 'json', '--cache'], undefined, env);
    assert.equal((warm.out.match(/FROM THE CACHE/g) ?? []).length, withFindings.length);
    // The module they all import changes: every file that imports it is analysed again (in the pool), the others still come from the cache.
    write(root, 'svc/prompts_lib.py', 'SYSTEM = "You are terse and exact."\n');
    const after = await cli(root, ['--format', 'json', '--cache'], undefined, env);
    assert.equal((after.out.match(/FROM THE CACHE/g) ?? []).length, 0);
    assert.equal(after.out, (await cli(root, ['--format', 'json'], undefined, env)).out);

    // The pool itself, with the main thread left out: each result comes with the stamps of its file and of what it consulted.
    const paths = Object.keys(data.entries).sort();
    const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 });
    const setup: WorkerSetup = { roots: [root], maxFileSizeKb: 1024, root, rawConfig: {}, fix: null, stamps: 'metadata' };
    const got = new Map<string, Record<string, string | null>>();
    const pooled = await analyzeFilesInWorkers(paths, setup, () => Promise.reject(new Error('not on the main thread')), {
      workers: 1,
      chunkSize: 8,
      mainThread: false,
      onStamps: (p, s) => got.set(p, s),
    });
    const stamps = new FileStamps('metadata', fs);
    for (const [i, p] of paths.entries()) {
      const s = got.get(p)!;
      assert.ok(s, p);
      const consulted = pooled[i]!.consulted ?? [];
      assert.deepEqual(Object.keys(s).sort(), [p, ...consulted].sort());
      for (const [q, stamp] of Object.entries(s)) assert.equal(stamp, stamps.current(q), q);
      if (pooled[i]!.calls.length) assert.ok(consulted.some((q) => q.endsWith('/svc/prompts_lib.py')));
    }
  });
});

describe('the cache pieces', () => {
  const fsFor = (root: string) => new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 });
  async function analyse(root: string, rel: string, reader: FileReader = fsFor(root)): Promise<FileAnalysis> {
    const engine: EngineApi = await Engine.create({ fs: reader, loadWasm: createWasmLoader() });
    engine.configure({});
    const [a] = await analyzeFiles([join(root, rel)], engine, reader, { root });
    return a!;
  }

  test('the key changes with the tool, the strategy, the configuration, the root and the folders that may be read', () => {
    const parts = { toolVersion: '1.0.0', strategy: 'metadata' as const, config: { rules: {} }, root: '/p', roots: ['/p'] };
    const key = cacheKey(parts);
    assert.equal(cacheKey({ ...parts }), key);
    for (const change of [{ toolVersion: '1.0.1' }, { strategy: 'content' as const }, { config: { rules: { x: 'off' } } }, { config: undefined }, { root: '/q' }, { roots: ['/p', '/shared'] }]) {
      assert.notEqual(cacheKey({ ...parts, ...change }), key, JSON.stringify(change));
    }
  });

  test('a file that changes while the run reads it is not stored', async () => {
    const root = project('racy', { 'a.py': PY_APP, 'b.py': PY_APP, 'c.py': PY_APP, 'prompts_lib.py': 'SYSTEM = "x"\n' });
    const cache = new ResultsCache({ file: join(root, 'cache'), shownAs: 'cache', strategy: 'metadata', key: 'k', fs: fsFor(root) });
    for (const f of ['a.py', 'b.py', 'c.py']) assert.equal(cache.lookup(join(root, f)), null);
    // Edited after the lookup stamped it and before the analysis read it.
    write(root, 'a.py', PY_APP + '\n');
    cache.store(join(root, 'a.py'), await analyse(root, 'a.py', cache.stamps.reader));
    // A dependency seen one way here and another way by a worker.
    const b = await analyse(root, 'b.py', cache.stamps.reader);
    assert.ok(b.consulted?.includes(join(root, 'prompts_lib.py')));
    cache.stamps.observe(join(root, 'prompts_lib.py'), 'something else');
    cache.store(join(root, 'b.py'), b);
    assert.equal(cache.save(), null);
    const again = new ResultsCache({ file: join(root, 'cache'), shownAs: 'cache', strategy: 'metadata', key: 'k', fs: fsFor(root) });
    assert.equal(again.lookup(join(root, 'a.py')), null);
    assert.equal(again.lookup(join(root, 'b.py')), null);
    // The control: stored and reused when nothing moved.
    const third = new ResultsCache({ file: join(root, 'cache'), shownAs: 'cache', strategy: 'metadata', key: 'k', fs: fsFor(root) });
    assert.equal(third.lookup(join(root, 'c.py')), null);
    third.store(join(root, 'c.py'), await analyse(root, 'c.py', third.stamps.reader));
    third.save();
    assert.ok(new ResultsCache({ file: join(root, 'cache'), shownAs: 'cache', strategy: 'metadata', key: 'k', fs: fsFor(root) }).lookup(join(root, 'c.py')));
  });

  test('a file with calls is analysed again on another day (retirement dates are compared with today); one without is not', async () => {
    const root = project('days', { 'a.py': PY_APP, 'plain.py': PLAIN });
    let now = new Date('2026-03-01T23:59:00Z');
    const open = () => new ResultsCache({ file: join(root, 'c'), shownAs: 'c', strategy: 'metadata', key: 'k', fs: fsFor(root), now: () => now });
    const first = open();
    for (const rel of ['a.py', 'plain.py']) {
      assert.equal(first.lookup(join(root, rel)), null);
      first.store(join(root, rel), await analyse(root, rel));
    }
    first.save();
    const same = open();
    assert.ok(same.lookup(join(root, 'a.py')));
    now = new Date('2026-03-02T00:01:00Z');
    const next = open();
    assert.equal(next.lookup(join(root, 'a.py')), null);
    assert.ok(next.lookup(join(root, 'plain.py')));
  });

  test('a cached analysis places everything where the fresh one does', async () => {
    const root = project('places', { 'a.py': '\uFEFF' + PY_APP.replace(/\n/g, '\r\n'), 'prompts_lib.py': 'SYSTEM = "x"\n' });
    const fresh = await analyse(root, 'a.py');
    const cache = new ResultsCache({ file: join(root, 'c'), shownAs: 'c', strategy: 'content', key: 'k', fs: fsFor(root) });
    assert.equal(cache.lookup(join(root, 'a.py')), null);
    cache.store(join(root, 'a.py'), fresh);
    cache.save();
    const cached = new ResultsCache({ file: join(root, 'c'), shownAs: 'c', strategy: 'content', key: 'k', fs: fsFor(root) }).lookup(join(root, 'a.py'))!;
    assert.ok(cached);
    const { lines: l1, ...a1 } = fresh;
    const { lines: l2, ...a2 } = cached;
    // Equal but for properties set to undefined (JSON leaves them out; reading one gives undefined either way).
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    assert.deepEqual(a2, plain(a1));
    for (let offset = 0; offset <= l1.length + 2; offset++) assert.deepEqual(l2.toLineCol(offset), l1.toLineCol(offset));
    assert.equal(l2.length, l1.length);
    assert.throws(() => l2.text, /holds no text/);
    assert.deepEqual(new LineIndex({ starts: l1.lineStarts(), length: l1.length }).toRange({ start: 5, end: 40 }), l1.toRange({ start: 5, end: 40 }));
  });
});
