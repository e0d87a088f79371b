/**
 * First diagnostics, cold: Engine.create + the first analysis of a generated 500-line file with 10
 * calls, in a fresh process. Bundled on its own (cold-engine.cjs) and loaded by bench/child.ts
 * through src/node/codeCache.ts, as the extension loads its bundle, with or without a code cache.
 */
import { Engine } from '../src/core/engine';
import { isEncoderLoaded } from '../src/core/tokens/encoders';
import { onTokenizerLoaded } from '../src/core/tokens';
import { createWasmLoader, NodeWorkspaceFs } from '../src/cli/nodeFs';
import { createRankLoader } from '../src/node/ranks';
import { sourceFile, type Lang } from './corpus';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function extOf(lang: Lang) {
  return lang === 'python' ? '.py' : '.ts';
}

export async function cold(lang: Lang, dist: string) {
  const text = sourceFile(lang, 500 + (lang === 'python' ? 1 : 2), 500, 10);
  const fsys = new NodeWorkspaceFs({ roots: ['/tmp'], maxFileSizeKb: 1024 });
  const t0 = performance.now();
  const c0 = cpuMs();
  // The editor's mode: the first diagnostics do not wait for the tokenizer (estimated counts),
  // exact counts are published when it has loaded (`exactMs`).
  const loaded = new Promise<void>((resolve) => onTokenizerLoaded(() => resolve()));
  const engine = await Engine.create({ fs: fsys, loadWasm: createWasmLoader(dist), loadRanks: createRankLoader(dist), waitForTokenizer: false });
  const createMs = performance.now() - t0;
  const createCpuMs = cpuMs() - c0;
  const r = await engine.analyze({ path: `/tmp/pcl-bench/cold${extOf(lang)}`, text });
  const totalMs = performance.now() - t0;
  const totalCpuMs = cpuMs() - c0;
  await loaded;
  await engine.analyze({ path: `/tmp/pcl-bench/cold${extOf(lang)}`, text });
  const exactMs = performance.now() - t0;
  // The same file again with a one-character change (no content change passed): the warm full path.
  const t1 = performance.now();
  const c1 = cpuMs();
  await engine.analyze({ path: `/tmp/pcl-bench/cold${extOf(lang)}`, text: text + '\n' });
  const warmMs = performance.now() - t1;
  const warmCpuMs = cpuMs() - c1;
  return {
    lines: text.split('\n').length - 1,
    calls: r.calls.length,
    findings: r.findings.length,
    createMs,
    createCpuMs,
    firstDiagnosticsMs: totalMs,
    firstDiagnosticsCpuMs: totalCpuMs,
    exactMs,
    warmFullMs: warmMs,
    warmFullCpuMs: warmCpuMs,
    encoderLoaded: isEncoderLoaded('o200k_base') || isEncoderLoaded('cl100k_base'),
  };
}
