/**
 * Tokenizer benchmark (issue 6): encoder load time, heap/RSS after load, and encode throughput
 * for o200k_base, side by side for
 *   - js-tiktoken           (our choice: pure JS, rank table loaded by dynamic import)
 *   - prompt-cost-lint      (our src/core/tokens on top of js-tiktoken: guards, chunking, memo off)
 *   - gpt-tokenizer         (pure JS, a different implementation)
 *   - tiktoken              (the WASM build of OpenAI's Rust tokenizer)
 * Each measurement runs in a fresh child process so loads and heaps do not contaminate each other.
 * All implementations must give identical counts on the corpus; mismatches are printed.
 *
 *   node --import tsx --expose-gc bench/tokenizers.ts [--runs 3] [--mb 1]
 *
 * Prints a table and writes bench/results/tokenizers.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
// Importing our module loads no rank data (encoders load in ensureTokenizer), so every child can import it.
import * as tokens from '../src/core/tokens';

type Lib = 'js-tiktoken' | 'prompt-cost-lint' | 'gpt-tokenizer' | 'tiktoken';
const LIBS: Lib[] = ['js-tiktoken', 'prompt-cost-lint', 'gpt-tokenizer', 'tiktoken'];
const ROOT = resolve(__dirname, '..');

interface ChildResult {
  lib: Lib;
  loadMs: number;
  /** CPU time (user + system) of this process: far less disturbed by other load on the machine. */
  loadCpuMs: number;
  encodeColdCpuMs: number;
  encodeWarmCpuMs: number;
  mbPerSecCpuCold: number;
  mbPerSecCpuWarm: number;
  heapAfterLoadMB: number;
  rssAfterLoadMB: number;
  externalAfterLoadMB: number;
  encodeColdMs: number;
  encodeWarmMs: number;
  mbPerSecCold: number;
  mbPerSecWarm: number;
  heapAfterEncodeMB: number;
  totalTokens: number;
  counts: number[];
}

const MB = 1024 * 1024;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function mem(): NodeJS.MemoryUsage {
  gc();
  return process.memoryUsage();
}

// ------------------------------------------------------------------------------------------
// The corpus: real text a linter sees (package READMEs = Markdown prose with code blocks, this
// repository's TypeScript sources), plus multilingual prompts and JSON, about 1 MB in all.
// ------------------------------------------------------------------------------------------

function listFiles(dir: string, ext: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) listFiles(p, ext, out);
    else if (name.endsWith(ext)) out.push(p);
  }
}

function buildCorpus(targetBytes: number): string[] {
  const docs: string[] = [];
  const readmes = readdirSync(join(ROOT, 'node_modules'))
    .sort()
    .map((n) => join(ROOT, 'node_modules', n, 'README.md'))
    .filter((p) => existsSync(p));
  const sources: string[] = [];
  listFiles(join(ROOT, 'src'), '.ts', sources);
  const multilingual = [
    '请用两句话总结下面的客户支持工单，重点说明主要投诉和客户要求的退款。如果工单内容不清楚，请直接说明。',
    'これは日本語のテキストです。トークナイザーの性能を確認するために書かれました。東京は今日も晴れです。',
    '다음 고객 지원 티켓을 두 문장으로 요약하고, 주요 불만 사항과 환불 요청을 중심으로 설명하세요.',
    'Кратко изложите следующий запрос в службу поддержки в двух предложениях. Спасибо! 🎉👍🏽',
    JSON.stringify({ tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } }, required: ['city'] } } }] }, null, 2),
  ].join('\n\n');
  let bytes = 0;
  let i = 0;
  const pools = [readmes, sources];
  while (bytes < targetBytes && i < 10_000) {
    const pool = pools[i % 2]!;
    const p = pool[Math.floor(i / 2) % Math.max(1, pool.length)];
    i++;
    if (!p) continue;
    const text = readFileSync(p, 'utf8');
    docs.push(text);
    bytes += Buffer.byteLength(text);
    if (i % 10 === 0) {
      docs.push(multilingual);
      bytes += Buffer.byteLength(multilingual);
    }
  }
  return docs;
}

// ------------------------------------------------------------------------------------------
// Child: one library, one fresh process.
// ------------------------------------------------------------------------------------------

async function loadCounter(lib: Lib): Promise<(text: string) => number> {
  switch (lib) {
    case 'js-tiktoken': {
      const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
      const enc = new Tiktoken((ranks as { default: ConstructorParameters<typeof Tiktoken>[0] }).default);
      return (t) => enc.encode(t, [], []).length;
    }
    case 'prompt-cost-lint': {
      await tokens.ensureTokenizer('o200k_base');
      tokens.configureTokenMemo({ maxEntries: 1, maxTotalChars: 1, maxTextChars: 0 }); // measure counting, not the memo
      return (t) => tokens.countRaw(t, 'o200k_base').central;
    }
    case 'gpt-tokenizer': {
      const m = await import('gpt-tokenizer/encoding/o200k_base');
      const opts = { disallowedSpecial: new Set<string>() };
      return (t) => m.encode(t, opts).length;
    }
    case 'tiktoken': {
      const m = await import('tiktoken');
      const enc = m.get_encoding('o200k_base');
      return (t) => enc.encode(t, [], []).length;
    }
  }
}

async function child(lib: Lib, corpusPath: string): Promise<void> {
  const docs = JSON.parse(readFileSync(corpusPath, 'utf8')) as string[];
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const m0 = mem();
  const t0 = performance.now();
  const c0 = cpu();
  const count = await loadCounter(lib);
  count('warm up the JIT on one short string'); // first call compiles regexes
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpu() - c0;
  const m1 = mem();
  let t = performance.now();
  let c = cpu();
  const counts = docs.map((d) => count(d));
  const encodeColdMs = performance.now() - t;
  const encodeColdCpuMs = cpu() - c;
  t = performance.now();
  c = cpu();
  for (const d of docs) count(d);
  const encodeWarmMs = performance.now() - t;
  const encodeWarmCpuMs = cpu() - c;
  const m2 = mem();
  const r: ChildResult = {
    lib,
    loadMs,
    loadCpuMs,
    encodeColdCpuMs,
    encodeWarmCpuMs,
    mbPerSecCpuCold: bytes / MB / (encodeColdCpuMs / 1000),
    mbPerSecCpuWarm: bytes / MB / (encodeWarmCpuMs / 1000),
    heapAfterLoadMB: (m1.heapUsed - m0.heapUsed) / MB,
    rssAfterLoadMB: (m1.rss - m0.rss) / MB,
    // `external` already includes `arrayBuffers` (typed arrays); WASM memory is only in `external`.
    externalAfterLoadMB: (m1.external - m0.external) / MB,
    encodeColdMs,
    encodeWarmMs,
    mbPerSecCold: bytes / MB / (encodeColdMs / 1000),
    mbPerSecWarm: bytes / MB / (encodeWarmMs / 1000),
    heapAfterEncodeMB: (m2.heapUsed - m0.heapUsed) / MB,
    totalTokens: counts.reduce((a, b) => a + b, 0),
    counts,
  };
  process.stdout.write(JSON.stringify(r));
}

// ------------------------------------------------------------------------------------------
// Parent
// ------------------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : def;
}

async function parent(): Promise<void> {
  const runs = Math.round(arg('--runs', 3));
  const targetMB = arg('--mb', 1);
  const docs = buildCorpus(targetMB * MB);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const corpusPath = join(tmpdir(), `pcl-tokenizer-corpus-${process.pid}.json`);
  writeFileSync(corpusPath, JSON.stringify(docs));
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`corpus: ${docs.length} documents, ${(bytes / MB).toFixed(2)} MB; ${runs} fresh process(es) per library`);

  const all: Record<Lib, ChildResult[]> = { 'js-tiktoken': [], 'prompt-cost-lint': [], 'gpt-tokenizer': [], tiktoken: [] };
  for (let r = 0; r < runs; r++) {
    for (const lib of LIBS) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', __filename, '--child', lib, corpusPath], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * MB,
      });
      all[lib].push(JSON.parse(out) as ChildResult);
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');

  const rows = LIBS.map((lib) => {
    const rs = all[lib];
    const pick = (k: keyof ChildResult): number => median(rs.map((x) => x[k] as number));
    return {
      lib,
      loadMs: pick('loadMs'),
      loadCpuMs: pick('loadCpuMs'),
      mbPerSecCpuCold: pick('mbPerSecCpuCold'),
      mbPerSecCpuWarm: pick('mbPerSecCpuWarm'),
      heapAfterLoadMB: pick('heapAfterLoadMB'),
      rssAfterLoadMB: pick('rssAfterLoadMB'),
      externalAfterLoadMB: pick('externalAfterLoadMB'),
      heapAfterEncodeMB: pick('heapAfterEncodeMB'),
      mbPerSecCold: pick('mbPerSecCold'),
      mbPerSecWarm: pick('mbPerSecWarm'),
      totalTokens: rs[0]!.totalTokens,
    };
  });

  // Identical counts?
  const ref = all['js-tiktoken'][0]!.counts;
  const mismatches: Array<{ lib: Lib; doc: number; expected: number; got: number; preview: string }> = [];
  for (const lib of LIBS) {
    all[lib][0]!.counts.forEach((n, i) => {
      if (n !== ref[i]) mismatches.push({ lib, doc: i, expected: ref[i]!, got: n, preview: docs[i]!.slice(0, 60) });
    });
  }

  const header = ['library', 'load ms', 'load cpu ms', 'heap MB', 'rss MB', 'external MB', 'heap after encode MB', 'MB/s cold', 'MB/s warm', 'MB/cpu-s cold', 'MB/cpu-s warm', 'tokens'];
  const table = rows.map((r) => [
    r.lib,
    r.loadMs.toFixed(0),
    r.loadCpuMs.toFixed(0),
    r.heapAfterLoadMB.toFixed(1),
    r.rssAfterLoadMB.toFixed(1),
    r.externalAfterLoadMB.toFixed(1),
    r.heapAfterEncodeMB.toFixed(1),
    r.mbPerSecCold.toFixed(2),
    r.mbPerSecWarm.toFixed(2),
    r.mbPerSecCpuCold.toFixed(2),
    r.mbPerSecCpuWarm.toFixed(2),
    String(r.totalTokens),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  if (mismatches.length === 0) console.log(`counts: identical across all ${LIBS.length} on every document`);
  else for (const m of mismatches.slice(0, 20)) console.log(`MISMATCH ${m.lib} doc ${m.doc}: ${m.got} vs js-tiktoken ${m.expected} (${JSON.stringify(m.preview)})`);

  const budgetMB = 40;
  const ours = rows.find((r) => r.lib === 'prompt-cost-lint')!;
  // Our rank table lives in typed arrays, outside the JS heap: the budget counts them too.
  const oursMB = ours.heapAfterEncodeMB + Math.max(0, ours.externalAfterLoadMB);
  console.log(`budget: tokenization heap + typed arrays ≤ ${budgetMB} MB → ours ${ours.heapAfterEncodeMB.toFixed(1)} + ${ours.externalAfterLoadMB.toFixed(1)} MB after load+encode: ${oursMB <= budgetMB ? 'OK' : 'OVER'}`);
  const ok = oursMB <= budgetMB && mismatches.length === 0;
  if (!ok) process.exitCode = 1;

  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    loadAverage: loadavg(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', totalMemMB: Math.round(totalmem() / MB), node: process.version },
    corpus: { documents: docs.length, bytes },
    runs,
    encoding: 'o200k_base',
    rows,
    mismatches,
    budget: { heapMB: budgetMB, oursHeapAfterEncodeMB: ours.heapAfterEncodeMB, oursExternalMB: ours.externalAfterLoadMB, ok: oursMB <= budgetMB },
    raw: Object.fromEntries(LIBS.map((l) => [l, all[l].map(({ counts: _c, ...rest }) => rest)])),
  };
  writeFileSync(join(outDir, 'tokenizers.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote bench/results/tokenizers.json`);
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) {
  void child(process.argv[ci + 1] as Lib, process.argv[ci + 2]!);
} else {
  void parent();
}
