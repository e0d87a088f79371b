/**
 * Worker-thread entry for the CLI's parallel analysis (see workers.ts; bundled as dist/worker.js).
 * Builds its own engine from the plain `WorkerSetup`, then analyses each chunk of paths it is sent
 * with the same `analyzeFile` the main thread uses, and posts the results back as plain data.
 */
import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, type EngineApi } from '../core/engine';
import { analyzeFile, type AnalyzeOptions } from './main';
import { createWasmLoader, NodeWorkspaceFs } from './nodeFs';
import { FileStamps, type FileReader } from './cache';
import { createRankLoader } from '../node/ranks';
import { toWire, type FromWorker, type ToWorker, type WireAnalysis, type WorkerSetup } from './workers';

async function start(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const post = (msg: FromWorker) => port.postMessage(msg);
  let engine: EngineApi;
  let fs: FileReader;
  let stamps: FileStamps | null = null;
  try {
    const nodeFs = new NodeWorkspaceFs({ roots: setup.roots, maxFileSizeKb: setup.maxFileSizeKb });
    // With the cache: each file stamped as it is read, so the main thread stores what was really analysed.
    if (setup.stamps) stamps = new FileStamps(setup.stamps, nodeFs);
    fs = stamps ? stamps.reader : nodeFs;
    engine = await Engine.create({ fs, loadWasm: createWasmLoader(), loadRanks: createRankLoader() });
    const problems = engine.configure(setup.rawConfig);
    if (problems.length) throw new Error('the configuration did not apply cleanly in the worker');
  } catch (err) {
    post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
    return;
  }
  const options: AnalyzeOptions = {
    maxFileSizeKb: setup.maxFileSizeKb,
    root: setup.root,
    fix: setup.fix ? { unsafe: setup.fix.unsafe, write: (absPath, text) => writeFileSync(absPath, text, 'utf8') } : null,
  };
  // One chunk at a time, in the order they came (the pool sends the next before this one is done).
  let chain = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    if (msg?.type !== 'chunk') return;
    chain = chain.then(async () => {
      try {
        const results: WireAnalysis[] = [];
        for (const p of msg.paths) {
          const { analysis } = await analyzeFile(p, engine, fs, options);
          const wire = toWire(analysis);
          if (stamps) wire.stamps = stamps.of([p, ...(analysis.consulted ?? [])]);
          results.push(wire);
        }
        post({ type: 'done', id: msg.id, results });
      } catch (err) {
        post({ type: 'chunk-failed', id: msg.id, error: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  post({ type: 'ready' });
}

if (parentPort) void start(parentPort, workerData as WorkerSetup);
