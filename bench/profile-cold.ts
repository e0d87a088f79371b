/**
 * Profiling aid (not part of `npm run bench`): one cold Engine.create + first analysis, phase by
 * phase. Run with `node --import tsx --cpu-prof bench/profile-cold.ts python`.
 */
import { resolve } from 'node:path';
import { Engine } from '../src/core/engine';
import { createWasmLoader, NodeWorkspaceFs } from '../src/cli/nodeFs';
import { createRankLoader } from '../src/node/ranks';
import { sourceFile, type Lang } from './corpus';

async function main() {
  const lang = (process.argv[2] ?? 'python') as Lang;
  const dist = resolve(__dirname, '..', 'dist');
  const text = sourceFile(lang, 501, 500, 10);
  const fsys = new NodeWorkspaceFs({ roots: ['/tmp'], maxFileSizeKb: 1024 });
  const t0 = performance.now();
  const engine = await Engine.create({ fs: fsys, loadWasm: createWasmLoader(dist), loadRanks: createRankLoader(dist), waitForTokenizer: false });
  const t1 = performance.now();
  const r = await engine.analyze({ path: `/tmp/pcl-bench/cold.${lang === 'python' ? 'py' : 'ts'}`, text });
  const t2 = performance.now();
  await engine.analyze({ path: `/tmp/pcl-bench/cold.${lang === 'python' ? 'py' : 'ts'}`, text: text + '\n' });
  const t3 = performance.now();
  console.log(`${lang}: create ${(t1 - t0).toFixed(0)} ms, first analysis ${(t2 - t1).toFixed(0)} ms (${r.calls.length} calls), second ${(t3 - t2).toFixed(0)} ms`);
}
void main();
