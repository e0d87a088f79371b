/**
 * Parallel analysis for the CLI: a pool of worker threads, each holding its own `Engine`, plus the
 * main thread's engine, all pulling chunks of files from one queue. Results come back in the order
 * of `paths`, identical to the in-process path (`analyzeFiles`): every worker runs the same
 * `analyzeFile` on the same files with the same configuration.
 *
 * Only plain data crosses threads: a `FileAnalysis` travels with its `lines` replaced by the file
 * text (a `LineIndex` is a class instance) and the index is rebuilt on arrival.
 *
 * Graceful by construction: a worker that fails to start, crashes, or returns something that cannot
 * be cloned gives its chunk back to the queue, and the main thread (which always takes part)
 * analyses whatever is left in-process. A run never fails because of the pool.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalysis } from '../core/engine';
import type { NodeWorkspaceFs } from './nodeFs';
import { LineIndex } from '../core/text/lineIndex';
import type { CacheStrategy } from './cache';

/** Below this many files the pool's start-up (a bundle load and an engine per worker) is not worth it. */
export const PARALLEL_MIN_FILES = 64;
/** Files per message: large enough to amortise the round trip, small enough to balance the load at the end. */
export const DEFAULT_CHUNK_SIZE = 8;
/** Chunks a worker holds at once (the one it analyses and the next). */
const IN_FLIGHT = 2;
/** `PROMPT_COST_LINT_WORKERS=0` turns the pool off; a number sets the worker count. */
export const WORKERS_ENV = 'PROMPT_COST_LINT_WORKERS';

/** What a worker needs to build an engine equivalent to the main thread's. Plain data only. */
export interface WorkerSetup {
  /** Roots of the `NodeWorkspaceFs` (the same as the main thread's). */
  roots: string[];
  maxFileSizeKb: number;
  /** The project root ('/'-separated) the main thread analyses with (`AnalyzeOptions.root`): folder heuristics look at paths relative to it. */
  root?: string;
  /** The raw config object (`.prompt-cost.json`) the main engine was configured with. */
  rawConfig: unknown;
  /** `--fix` (`unsafe`: `--unsafe-fixes`); the worker writes fixed files itself. */
  fix: { unsafe: boolean } | null;
  /** `--cache`: stamp each file as it is read, with this strategy, and send the stamps back with each result. */
  stamps?: CacheStrategy;
}

export interface PoolOptions {
  /** Worker threads to start (default `availableParallelism() - 1`, at least 1). */
  workers?: number;
  chunkSize?: number;
  /** The worker entry (default: `worker.js` next to the bundle, or `worker.ts` from source). */
  workerScript?: string;
  /** The main thread takes chunks too (default true); false leaves it only what the workers could not finish. */
  mainThread?: boolean;
  /**
   * Which files are worth a worker (the CLI: those whose text may hold an LLM call). The others
   * are analysed on the main thread, and no worker starts unless more than `PARALLEL_MIN_FILES`
   * files are worth one. Default: every file.
   */
  heavy?: (path: string) => boolean;
  /** Receives the stamps a worker took of the files it read for `path` (`WorkerSetup.stamps`). */
  onStamps?: (path: string, stamps: Record<string, string | null>) => void;
}

/**
 * A FileAnalysis as it crosses a thread: `lines` → null, plus the text to rebuild it from, and
 * with `WorkerSetup.stamps` the stamps of the file and of each file it consulted, as read.
 */
export type WireAnalysis = Omit<FileAnalysis, 'lines'> & { lines: null; text: string; stamps?: Record<string, string | null> };

export type ToWorker = { type: 'chunk'; id: number; paths: string[] };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'done'; id: number; results: WireAnalysis[] }
  | { type: 'chunk-failed'; id: number; error: string };

export function toWire(a: FileAnalysis): WireAnalysis {
  return { ...a, lines: null, text: a.lines.text };
}

export function fromWire(w: WireAnalysis): FileAnalysis {
  const { text, stamps: _stamps, ...rest } = w;
  return { ...rest, lines: new LineIndex(text) };
}

/** Worker threads for `fileCount` files: 0 means in-process. `env` may force a count or turn the pool off. */
export function plannedWorkers(fileCount: number, env: Record<string, string | undefined> = {}): number {
  const forced = env[WORKERS_ENV];
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    if (Number.isInteger(n) && n >= 0) return Math.min(n, Math.max(0, Math.ceil(fileCount / DEFAULT_CHUNK_SIZE) - 1));
  }
  if (fileCount <= PARALLEL_MIN_FILES) return 0;
  return defaultWorkerCount();
}

/** `availableParallelism() - 1` (the main thread analyses too), at least 1. */
export function defaultWorkerCount(): number {
  let cores = 1;
  try {
    cores = availableParallelism();
  } catch {
    // very old Node: one worker
  }
  return Math.max(1, cores - 1);
}

/** The worker entry next to this module: `worker.js` in the bundle, `worker.ts` when running from source. */
export function defaultWorkerScript(): string {
  const js = join(__dirname, 'worker.js');
  if (existsSync(js)) return js;
  return join(__dirname, 'worker.ts');
}

function startWorker(script: string, setup: WorkerSetup): Worker {
  if (script.endsWith('.ts')) {
    // From source (tests, tsx): register tsx inside the worker, then load the entry.
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    const boot = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`;
    return new Worker(boot, { eval: true, workerData: setup });
  }
  return new Worker(script, { workerData: setup });
}

/**
 * Analyse `paths` with a worker pool and the main thread together. `inProcess` analyses a list of
 * paths on the main thread (the CLI passes `analyzeFiles` with its engine); it also takes over
 * every chunk a worker could not finish. Results are in the order of `paths`.
 */
export async function analyzeFilesInWorkers(
  paths: readonly string[],
  setup: WorkerSetup,
  inProcess: (paths: readonly string[]) => Promise<FileAnalysis[]>,
  options: PoolOptions = {},
): Promise<FileAnalysis[]> {
  const out: FileAnalysis[] = new Array(paths.length);
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const script = options.workerScript ?? defaultWorkerScript();
  const wanted = Math.max(0, options.workers ?? defaultWorkerCount());
  // Chunks are lists of indices into `paths`. The main thread sorts the files as it goes (reading
  // each one for `heavy`): light ones stay with it, heavy ones are queued in chunks for whoever is
  // free. Workers start as soon as there is enough heavy work, so their start-up (a bundle, an
  // engine, a tokenizer) overlaps the reading instead of following it.
  const light: number[] = [];
  const queue: number[][] = [];
  let sorting = true;
  /** Workers waiting for a chunk while the files are still being sorted. */
  const idle: Array<() => void> = [];
  const wake = () => {
    while (idle.length > 0 && (queue.length > 0 || !sorting)) idle.shift()!();
  };
  const running: Promise<void>[] = [];
  const startWorkers = (n: number) => {
    for (let k = 0; k < n; k++) running.push(runWorker());
  };

  const runWorker = (): Promise<void> =>
    new Promise<void>((resolveDone) => {
      let worker: Worker;
      try {
        worker = startWorker(script, setup);
      } catch {
        resolveDone();
        return;
      }
      // Chunks sent and not yet answered, oldest first (the worker answers them in order).
      const inFlight: Array<{ id: number; chunk: number[] }> = [];
      let nextId = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        // Unfinished chunks go back to the queue for the main thread.
        for (const { chunk } of inFlight.splice(0)) queue.push(chunk);
        worker.removeAllListeners();
        worker.on('error', () => undefined);
        void worker.terminate().catch(() => undefined);
        resolveDone();
      };
      // A worker holds up to IN_FLIGHT chunks, so it has its next one when it finishes one, even
      // while the main thread is inside a chunk of its own and cannot answer.
      const feed = () => {
        while (!finished && inFlight.length < IN_FLIGHT) {
          const chunk = queue.shift();
          if (!chunk) {
            // More may come while the main thread is still sorting; otherwise this worker is done
            // once its chunks are answered.
            if (inFlight.length === 0) {
              if (sorting) idle.push(feed);
              else finish();
            }
            return;
          }
          const sent = { id: nextId++, chunk };
          inFlight.push(sent);
          try {
            worker.postMessage({ type: 'chunk', id: sent.id, paths: chunk.map((i) => paths[i]!) } satisfies ToWorker);
          } catch {
            finish();
          }
        }
      };
      worker.on('message', (msg: FromWorker) => {
        switch (msg.type) {
          case 'ready':
            return feed();
          case 'failed':
            return finish();
          case 'done': {
            const sent = inFlight[0];
            if (!sent || msg.id !== sent.id || msg.results.length !== sent.chunk.length) return finish();
            const { chunk } = sent;
            try {
              msg.results.forEach((w, k) => {
                out[chunk[k]!] = fromWire(w);
                if (w.stamps) options.onStamps?.(paths[chunk[k]!]!, w.stamps);
              });
            } catch {
              return finish();
            }
            inFlight.shift();
            return feed();
          }
          case 'chunk-failed':
            return finish();
        }
      });
      worker.on('error', finish);
      worker.on('messageerror', finish);
      worker.on('exit', finish);
    });

  // Without the prefilter every file is heavy, so the worker count is known now: never more
  // workers than chunks beyond the main thread's. With it, workers start once more than
  // PARALLEL_MIN_FILES files are heavy (below that the pool's start-up is not worth it).
  const mainTakesChunks = options.mainThread !== false;
  let started = false;
  if (!options.heavy) {
    const chunks = Math.ceil(paths.length / chunkSize);
    startWorkers(Math.min(wanted, mainTakesChunks ? chunks - 1 : chunks));
    started = true;
  }
  let pending: number[] = [];
  let heavyCount = 0;
  let sliceStart = performance.now();
  for (let i = 0; i < paths.length; i++) {
    // With the main thread kept for leftovers, its light files go in the common queue too.
    if (!mainTakesChunks || !options.heavy || options.heavy(paths[i]!)) {
      pending.push(i);
      heavyCount++;
      if (pending.length >= chunkSize) {
        queue.push(pending);
        pending = [];
        wake();
      }
      if (!started && heavyCount > PARALLEL_MIN_FILES) {
        startWorkers(wanted);
        started = true;
      }
    } else {
      light.push(i);
    }
    // Let the workers' messages in (ready, done) while sorting a large tree.
    if ((i & 31) === 31 && performance.now() - sliceStart > SORT_SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
  if (pending.length > 0) queue.push(pending);
  sorting = false;
  wake();

  const mainThread = async () => {
    // The main thread takes its light files, then chunks too; when the workers are gone it drains the queue.
    // Between chunks it lets the event loop turn: a worker's `done` is a message event, and a
    // worker waits for its next chunk until this thread has handled it.
    const here = async (chunk: number[]) => {
      const results = await inProcess(chunk.map((k) => paths[k]!));
      results.forEach((r, k) => (out[chunk[k]!] = r));
      if (running.length > 0) await turn();
    };
    const own = light.splice(0);
    for (let i = 0; i < own.length; i += chunkSize) await here(own.slice(i, i + chunkSize));
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await here(chunk);
  };

  await Promise.all([...running, mainTakesChunks || running.length === 0 ? mainThread() : Promise.resolve()]);
  // Chunks returned by workers that died after the main thread finished its share.
  await mainThread();
  return out;
}

/** One turn of the event loop (messages from workers are handled there, not between microtasks). */
function turn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Longest stretch of sorting (reading files for the prefilter) between two turns of the event loop. */
const SORT_SLICE_MS = 10;

/** What the main thread reads files with (`NodeWorkspaceFs`). */
export interface PoolReader {
  read: NodeWorkspaceFs['read'];
  readText: NodeWorkspaceFs['readText'];
}

/**
 * The `heavy` test for the pool: a file is worth a worker when its text may hold an LLM call
 * (`mayHoldCall`, the engine's own prefilter). The returned reader hands the main thread the text
 * the test already read, once, so its light files are not read twice.
 */
export function prefilterReader(fs: PoolReader, mayHoldCall: (text: string) => boolean): { heavy: (path: string) => boolean; reader: PoolReader } {
  const kept = new Map<string, ReturnType<PoolReader['read']>>();
  return {
    heavy(path) {
      const r = fs.read(path);
      if (r.ok && mayHoldCall(r.text)) return true;
      // Kept with the prefilter's answer: the engine need not scan the text again.
      kept.set(path, r.ok ? { ...r, mayHoldCall: false } : r);
      return false;
    },
    reader: {
      read(path) {
        const r = kept.get(path);
        if (r === undefined) return fs.read(path);
        kept.delete(path);
        return r;
      },
      readText: (path) => fs.readText(path),
    },
  };
}

