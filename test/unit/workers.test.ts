import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { analyzeFiles, run, type CliIo } from '../../src/cli/main';
import { createWasmLoader, NodeWorkspaceFs } from '../../src/cli/nodeFs';
import { analyzeFilesInWorkers, DEFAULT_CHUNK_SIZE, fromWire, plannedWorkers, prefilterReader, PARALLEL_MIN_FILES, toWire, WORKERS_ENV, type WorkerSetup } from '../../src/cli/workers';
import { mayContainLlmCall } from '../../src/core/sdk';
import { Engine, type EngineApi } from '../../src/core/engine';

const FIXTURES = join(__dirname, '..', 'fixtures');

let base: string;
let corpus: string;
let files: string[];
let engine: EngineApi;
let fs: NodeWorkspaceFs;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(py|ts|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

before(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-workers-')));
  corpus = join(base, 'repo');
  mkdirSync(join(corpus, '.git'), { recursive: true });
  // Real inputs: the rule fixtures (calls with findings, prompt files next to them) and a file that cannot be read as text.
  cpSync(FIXTURES, join(corpus, 'fixtures'), { recursive: true, filter: (src) => !src.includes('__snapshots__') });
  writeFileSync(join(corpus, 'binary.py'), Buffer.from([0x61, 0x00, 0x62]));
  files = walk(corpus).sort();
  files.push(join(corpus, 'missing.py'));
  fs = new NodeWorkspaceFs({ roots: [corpus], maxFileSizeKb: 1024 });
  engine = await Engine.create({ fs, loadWasm: createWasmLoader() });
  engine.configure({});
});

after(() => {
  engine?.dispose();
  rmSync(base, { recursive: true, force: true });
});

const setup = (): WorkerSetup => ({ roots: [corpus], maxFileSizeKb: 1024, rawConfig: {}, fix: null });

describe('worker pool', () => {
  test('a FileAnalysis survives the trip across threads (LineIndex rebuilt)', async () => {
    const [a] = await analyzeFiles([files.find((f) => f.endsWith('calls.py'))!], engine, fs);
    const wire = structuredClone(toWire(a!));
    assert.equal(wire.lines, null);
    const back = fromWire(wire);
    assert.deepEqual(back, a);
    assert.ok(back.calls.length > 0);
    assert.deepEqual(back.lines.toLineCol(back.calls[0]!.site.span.start), a!.lines.toLineCol(a!.calls[0]!.site.span.start));
  });

  test('workers alone give the same results, in path order, as the in-process path', async () => {
    const single = await analyzeFiles(files, engine, fs);
    let inProcessCalls = 0;
    const parallel = await analyzeFilesInWorkers(
      files,
      setup(),
      (paths) => {
        inProcessCalls += paths.length;
        return analyzeFiles(paths, engine, fs);
      },
      { workers: 2, chunkSize: 3, mainThread: false },
    );
    assert.equal(inProcessCalls, 0, 'every chunk was analysed by a worker');
    assert.equal(parallel.length, files.length);
    assert.deepEqual(parallel, single);
    assert.ok(single.some((a) => a.calls.length > 0) && single.some((a) => a.notes.length > 0));
  });

  test('falls back to the main thread when workers cannot start', async () => {
    const single = await analyzeFiles(files, engine, fs);
    let inProcessCalls = 0;
    const parallel = await analyzeFilesInWorkers(
      files,
      setup(),
      (paths) => {
        inProcessCalls += paths.length;
        return analyzeFiles(paths, engine, fs);
      },
      { workers: 2, chunkSize: 4, mainThread: false, workerScript: join(base, 'no-such-worker.js') },
    );
    assert.equal(inProcessCalls, files.length);
    assert.deepEqual(parallel, single);
  });

  test('with the prefilter, files without calls stay on the main thread, are read once, and the results do not change', async () => {
    const single = await analyzeFiles(files, engine, fs);
    const reads = new Map<string, number>();
    const counting = {
      read: (p: string) => {
        reads.set(p, (reads.get(p) ?? 0) + 1);
        return fs.read(p);
      },
      readText: (p: string) => fs.readText(p),
    };
    const split = prefilterReader(counting, mayContainLlmCall);
    const onMain: string[] = [];
    const parallel = await analyzeFilesInWorkers(
      files,
      setup(),
      (paths) => {
        onMain.push(...paths);
        return analyzeFiles(paths, engine, split.reader, {});
      },
      { workers: 1, chunkSize: 2, heavy: split.heavy },
    );
    assert.deepEqual(parallel, single);
    for (const f of files) {
      const a = single[files.indexOf(f)]!;
      // A file with calls must have passed the prefilter; one that did not is analysed here, from the one read.
      if (a.calls.length > 0) assert.ok(mayContainLlmCall(a.lines.text), f);
    }
    const lightFiles = files.filter((f) => {
      const r = fs.read(f);
      return !r.ok || !mayContainLlmCall(r.text);
    });
    assert.ok(lightFiles.length > 0 && lightFiles.length < files.length);
    for (const f of lightFiles) {
      assert.ok(onMain.includes(f), `${f} analysed on the main thread`);
      assert.equal(reads.get(f), 1, `${f} read once`);
    }
  });

  test('plannedWorkers: in-process for few files, forced by the environment', () => {
    assert.equal(plannedWorkers(PARALLEL_MIN_FILES, {}), 0);
    assert.ok(plannedWorkers(PARALLEL_MIN_FILES + 1, {}) >= 1);
    assert.equal(plannedWorkers(5000, { [WORKERS_ENV]: '0' }), 0);
    assert.equal(plannedWorkers(5000, { [WORKERS_ENV]: '3' }), 3);
    // never more workers than chunks beyond the main thread's
    assert.equal(plannedWorkers(DEFAULT_CHUNK_SIZE, { [WORKERS_ENV]: '3' }), 0);
    assert.equal(plannedWorkers(DEFAULT_CHUNK_SIZE * 2, { [WORKERS_ENV]: '3' }), 1);
  });

  test('the CLI prints the same report with and without workers', async () => {
    // Enough files to cross the threshold: the fixtures plus ordinary modules.
    const extra = join(corpus, 'app');
    mkdirSync(extra, { recursive: true });
    for (let i = 0; i < PARALLEL_MIN_FILES; i++) {
      writeFileSync(join(extra, `mod${i}.py`), `import json\n\ndef load_${i}(path):\n    with open(path) as f:\n        return json.load(f)\n`);
    }
    const cli = async (env: Record<string, string>) => {
      let out = '';
      const io: CliIo = { cwd: corpus, env, stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
      const code = await run(['.', '--format', 'json'], io);
      return { code, out };
    };
    const inProcess = await cli({ [WORKERS_ENV]: '0' });
    const pooled = await cli({ [WORKERS_ENV]: '1' });
    assert.equal(pooled.code, inProcess.code);
    assert.ok(JSON.parse(inProcess.out).findings.length > 0);
    assert.equal(pooled.out, inProcess.out);
  });

  test('workers look at paths relative to the project, as the main thread does (a project inside a tests/ folder)', async () => {
    // Folder-name heuristics (a call under tests/ is test code) must not see the folders above the project.
    const project = join(base, 'tests', 'project');
    mkdirSync(project, { recursive: true });
    const paths = [0, 1, 2].map((i) => {
      const p = join(project, `svc${i}.py`);
      writeFileSync(p, `import anthropic\n\nclient = anthropic.Anthropic()\n\ndef ask(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=500, messages=[{"role": "user", "content": q}])\n`);
      return p;
    });
    const projectFs = new NodeWorkspaceFs({ roots: [project], maxFileSizeKb: 1024 });
    const root = project.split(sep).join('/');
    const single = await analyzeFiles(paths, engine, projectFs, { root });
    assert.ok(single.every((a) => a.calls.length === 1 && !a.calls[0]!.site.context.inTest));
    const pooled = await analyzeFilesInWorkers(paths, { ...setup(), roots: [project], root }, () => Promise.reject(new Error('not on the main thread')), {
      workers: 1,
      chunkSize: 1,
      mainThread: false,
    });
    assert.deepEqual(pooled, single);
  });

  test('with the prefilter and many files with calls, a worker shares the work while the main thread keeps busy', async () => {
    // More files that may hold a call than PARALLEL_MIN_FILES, and some that cannot.
    const dir = join(base, 'many');
    mkdirSync(dir, { recursive: true });
    const paths: string[] = [];
    for (let i = 0; i < PARALLEL_MIN_FILES + 40; i++) {
      const p = join(dir, `svc${String(i).padStart(3, '0')}.py`);
      writeFileSync(p, `import anthropic\n\nclient = anthropic.Anthropic()\n\ndef ask_${i}(q):\n    return client.messages.create(model="claude-haiku-4-5", max_tokens=${i + 1}, messages=[{"role": "user", "content": q}])\n`);
      paths.push(p);
      if (i % 10 === 0) {
        const l = join(dir, `util${String(i).padStart(3, '0')}.py`);
        writeFileSync(l, `def add_${i}(a, b):\n    return a + b\n`);
        paths.push(l);
      }
    }
    paths.sort();
    const manyFs = new NodeWorkspaceFs({ roots: [dir], maxFileSizeKb: 1024 });
    const single = await analyzeFiles(paths, engine, manyFs);
    const split = prefilterReader(manyFs, mayContainLlmCall);
    let fromWorker = 0;
    let onMain = 0;
    const pooled = await analyzeFilesInWorkers(
      paths,
      { roots: [dir], maxFileSizeKb: 1024, rawConfig: {}, fix: null, stamps: 'metadata' },
      async (chunk) => {
        // A main thread that never reaches the event loop by itself (no I/O awaited): until a
        // worker's result has come in, each chunk keeps it busy for a while. The pool must still
        // hand the worker chunks and take its results between the main thread's chunks.
        if (fromWorker === 0) {
          const until = performance.now() + 50;
          while (performance.now() < until) {
            // busy
          }
        }
        onMain += chunk.length;
        return analyzeFiles(chunk, engine, split.reader);
      },
      { workers: 1, chunkSize: 1, heavy: split.heavy, onStamps: () => fromWorker++ },
    );
    assert.deepEqual(pooled, single);
    assert.ok(fromWorker > 0, 'the worker analysed some of the files');
    assert.equal(fromWorker + onMain, paths.length);
  });
});
