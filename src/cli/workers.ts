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
import { LineIndex } from '../core/text/lineIndex';

/** Below this many files the pool's start-up (a bundle load and an engine per worker) is not worth it. */
export const PARALLEL_MIN_FILES = 64;
/** Files per message: large enough to amortise the round trip, small enough to balance the load. */
export const DEFAULT_CHUNK_SIZE = 24;
/** `PROMPT_COST_LINT_WORKERS=0` turns the pool off; a number sets the worker count. */
export const WORKERS_ENV = 'PROMPT_COST_LINT_WORKERS';

/** What a worker needs to build an engine equivalent to the main thread's. Plain data only. */
export interface WorkerSetup {
  /** Roots of the `NodeWorkspaceFs` (the same as the main thread's). */
  roots: string[];
  maxFileSizeKb: number;
  /** The raw config object (`.prompt-cost.json`) the main engine was configured with. */
  rawConfig: unknown;
  /** `--fix` (`unsafe`: `--unsafe-fixes`); the worker writes fixed files itself. */
  fix: { unsafe: boolean } | null;
}

export interface PoolOptions {
  /** Worker threads to start (default `availableParallelism() - 1`, at least 1). */
  workers?: number;
  chunkSize?: number;
  /** The worker entry (default: `worker.js` next to the bundle, or `worker.ts` from source). */
  workerScript?: string;
  /** The main thread takes chunks too (default true); false leaves it only what the workers could not finish. */
  mainThread?: boolean;
}

/** A FileAnalysis as it crosses a thread: `lines` → null, plus the text to rebuild it from. */
export type WireAnalysis = Omit<FileAnalysis, 'lines'> & { lines: null; text: string };

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
  const { text, ...rest } = w;
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
  const queue: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < paths.length; i += chunkSize) queue.push({ start: i, end: Math.min(paths.length, i + chunkSize) });
  const workerCount = Math.max(0, Math.min(options.workers ?? defaultWorkerCount(), options.mainThread === false ? queue.length : queue.length - 1));
  const script = options.workerScript ?? defaultWorkerScript();

  const runWorker = (): Promise<void> =>
    new Promise<void>((resolveDone) => {
      let worker: Worker;
      try {
        worker = startWorker(script, setup);
      } catch {
        resolveDone();
        return;
      }
      let current: { id: number; chunk: { start: number; end: number } } | null = null;
      let nextId = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        // An unfinished chunk goes back to the queue for the main thread.
        if (current) queue.push(current.chunk);
        current = null;
        worker.removeAllListeners();
        worker.on('error', () => undefined);
        void worker.terminate().catch(() => undefined);
        resolveDone();
      };
      const feed = () => {
        const chunk = queue.shift();
        if (!chunk) return finish();
        current = { id: nextId++, chunk };
        try {
          worker.postMessage({ type: 'chunk', id: current.id, paths: paths.slice(chunk.start, chunk.end) } satisfies ToWorker);
        } catch {
          finish();
        }
      };
      worker.on('message', (msg: FromWorker) => {
        switch (msg.type) {
          case 'ready':
            return feed();
          case 'failed':
            return finish();
          case 'done': {
            if (!current || msg.id !== current.id || msg.results.length !== current.chunk.end - current.chunk.start) return finish();
            const { start } = current.chunk;
            try {
              msg.results.forEach((w, k) => (out[start + k] = fromWire(w)));
            } catch {
              return finish();
            }
            current = null;
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

  const mainThread = async () => {
    // The main thread takes chunks too; when the workers are gone it drains the queue.
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      const results = await inProcess(paths.slice(chunk.start, chunk.end));
      results.forEach((r, k) => (out[chunk!.start + k] = r));
    }
  };

  await Promise.all([...Array.from({ length: workerCount }, runWorker), options.mainThread === false && workerCount > 0 ? Promise.resolve() : mainThread()]);
  // Chunks returned by workers that died after the main thread finished its share.
  await mainThread();
  return out;
}
