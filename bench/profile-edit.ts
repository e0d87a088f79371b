/**
 * Profiling aid (not part of `npm run bench`): the edit loop of the benchmark in one process,
 * printing per-phase medians. Run with `node --import tsx --cpu-prof bench/profile-edit.ts python`.
 */
import { resolve } from 'node:path';
import { Engine } from '../src/core/engine';
import { createWasmLoader, NodeWorkspaceFs } from '../src/cli/nodeFs';
import { createRankLoader } from '../src/node/ranks';
import { rng, sourceFile, type Lang } from './corpus';

async function main() {
  const lang = (process.argv[2] ?? 'python') as Lang;
  const n = Number(process.argv[3] ?? 200);
  const dist = resolve(__dirname, '..', 'dist');
  let text = sourceFile(lang, 2000, 2000, 10);
  const path = `/tmp/pcl-bench/edit${lang === 'python' ? '.py' : '.ts'}`;
  const fsys = new NodeWorkspaceFs({ roots: ['/tmp'], maxFileSizeKb: 1024 });
  const engine = await Engine.create({ fs: fsys, loadWasm: createWasmLoader(dist), loadRanks: createRankLoader(dist) });
  const first = await engine.analyze({ path, text });
  const r = rng(7);
  const promptAt = first.calls.map((c) => c.site.span.start);
  const times: number[] = [];
  const slow: Array<{ ms: number; inPrompt: boolean; line: string }> = [];
  for (let i = 0; i < n; i++) {
    let inPrompt = false;
    let at: number;
    if (r() < 0.33 && promptAt.length) {
      const s = promptAt[Math.floor(r() * promptAt.length)]!;
      at = text.indexOf('"', s) > 0 && lang === 'python' ? text.indexOf('"', s) + 1 : text.indexOf("'", s) + 1;
      if (at <= 0) at = s;
      inPrompt = true;
    } else {
      const nl = text.indexOf('\n', Math.floor(r() * text.length));
      at = nl < 0 ? text.length : nl;
    }
    const ch = String.fromCharCode(97 + Math.floor(r() * 26));
    const insert = at === text.length || text[at] === '\n' ? (lang === 'python' ? `  # ${ch}` : ` // ${ch}`) : ch;
    text = text.slice(0, at) + insert + text.slice(at);
    for (let k = 0; k < promptAt.length; k++) if (promptAt[k]! > at) promptAt[k]! += insert.length;
    const t0 = performance.now();
    await engine.analyze({ path, text }, [{ rangeOffset: at, rangeLength: 0, text: insert }]);
    const ms = performance.now() - t0;
    times.push(ms);
    slow.push({ ms, inPrompt, line: text.slice(text.lastIndexOf('\n', at - 1) + 1, text.indexOf('\n', at)).trim().slice(0, 70) });
  }
  if (process.argv.includes('--slowest')) {
    for (const x of slow.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`${x.ms.toFixed(1).padStart(6)} ms ${x.inPrompt ? 'prompt' : 'code  '} ${x.line}`);
  }
  times.sort((a, b) => a - b);
  console.log(`${lang}: ${text.split('\n').length} lines, ${first.calls.length} calls; p50 ${times[n >> 1]!.toFixed(1)} ms, p95 ${times[Math.floor(n * 0.95)]!.toFixed(1)} ms`);
}
void main();
