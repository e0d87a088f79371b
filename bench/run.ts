/**
 * `npm run bench` — the performance budgets of issue 6, measured; prints a table and writes
 * bench/results/bench.json.
 *
 *   node --import tsx --expose-gc bench/run.ts [--runs 5] [--files 3000] [--tokenizer-runs 3]
 *                                              [--skip-tokenizers] [--skip-vsix]
 *
 * Everything runs against a production build made in a scratch copy of the repository (so the
 * working tree's dist/ is left alone): activate() loads that dist/extension.js, the CLI run is
 * that dist/cli.js (+ dist/worker.js), and the .vsix is packaged from it. Every timed measurement
 * is taken in fresh processes, several times; the table shows medians. CPU time is reported next
 * to wall time because on a shared, loaded machine wall time mostly measures the other processes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import picomatch from 'picomatch';
import { generateRepo } from './corpus';

const ROOT = resolve(__dirname, '..');
const MB = 1024 * 1024;

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : def;
}
const flag = (name: string) => process.argv.includes(name);

const RUNS = Math.round(arg('--runs', 5));
const FILES = Math.round(arg('--files', 3000));
const TOKENIZER_RUNS = Math.round(arg('--tokenizer-runs', 3));
const EDITS = Math.round(arg('--edits', 100));

/** Results so far, so that a failure late in the run keeps what was measured. */
function save(results: Record<string, unknown>, rows: unknown[]): void {
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ ...results, rows }, null, 2) + '\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const log = (s: string) => process.stderr.write(`${s}\n`);

// ------------------------------------------------------------------------------------------
// Build: a production build and the .vsix in a scratch copy of the repository.
// ------------------------------------------------------------------------------------------

function scratchBuild(work: string, packageVsix: boolean) {
  const repo = join(work, 'repo');
  mkdirSync(repo, { recursive: true });
  for (const entry of ['src', 'bin', 'media', 'docs', 'package.json', 'esbuild.config.mjs', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'tsconfig.json']) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(repo, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = { ok: false, bytes: 0, error: null as string | null, includedBytes: 0, includedFiles: 0, largest: [] as Array<{ file: string; bytes: number }> };
  // What .vscodeignore lets into the package (also the fallback measurement when vsce fails).
  // vsce's reading: patterns in order, the last one that matches a file decides (`!` re-includes).
  const patterns = readFileSync(join(repo, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ include: l.startsWith('!'), match: picomatch(l.replace(/^!/, '').replace(/^\//, ''), { dot: true }) }));
  const ig = {
    ignores(rel: string): boolean {
      let ignored = false;
      for (const p of patterns) if (p.match(rel)) ignored = !p.include;
      return ignored;
    },
  };
  const included: Array<{ file: string; bytes: number }> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const abs = join(d, e.name);
      const rel = relative(repo, abs);
      if (e.isDirectory()) walk(abs);
      else if (!ig.ignores(rel)) included.push({ file: rel, bytes: statSync(abs).size });
    }
  };
  walk(repo);
  vsix.includedFiles = included.length;
  vsix.includedBytes = included.reduce((n, f) => n + f.bytes, 0);
  vsix.largest = included.sort((a, b) => b.bytes - a.bytes).slice(0, 6);
  if (packageVsix) {
    const out = join(work, 'pcl.vsix');
    const r = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status === 0 && existsSync(out)) {
      vsix.ok = true;
      vsix.bytes = statSync(out).size;
    } else {
      vsix.error = `${r.stderr || r.stdout || r.error?.message || 'vsce failed'}`.trim().split('\n').slice(-5).join('\n');
    }
  }
  return { repo, dist: join(repo, 'dist'), vsix };
}

async function bundleChild(work: string): Promise<string> {
  const out = join(work, 'child.cjs');
  const options = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    logLevel: 'warning' as const,
    // As in esbuild.config.mjs: the CommonJS build of web-tree-sitter in a cjs bundle.
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  };
  await esbuild.build({ ...options, entryPoints: [join(ROOT, 'bench/child.ts')], outfile: out });
  // The cold-start engine, loaded by child.cjs through the extension's code-cache loader.
  await esbuild.build({ ...options, entryPoints: [join(ROOT, 'bench/coldEngine.ts')], outfile: join(work, 'cold-engine.cjs') });
  return out;
}

function child<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 64 * MB, timeout: 600_000 });
  const last = out.trim().split('\n').pop()!;
  return JSON.parse(last) as T;
}

function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * MB, env });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout };
}

// ------------------------------------------------------------------------------------------

type Row = { budget: string; measured: string; limit: string; ok: boolean | null; note: string };

async function main(): Promise<void> {
  const started = new Date().toISOString();
  const machine: { cores: number; cpu: string; totalMemMB: number; node: string; loadAtStart: number[]; loadAtEnd?: number[] } = {
    cores: cpus().length,
    cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? 'unknown').trim(),
    totalMemMB: Math.round(totalmem() / MB),
    node: process.version,
    loadAtStart: load(),
  };
  log(`machine: ${machine.cores} cores, ${machine.cpu}, load ${machine.loadAtStart.join(' ')}`);
  const work = mkdtempSync(join(tmpdir(), 'pcl-bench-'));
  const results: Record<string, unknown> = { date: started, machine, runs: RUNS };
  const rows: Row[] = [];
  try {
    log('building (production) in a scratch copy…');
    const build = scratchBuild(work, !flag('--skip-vsix'));
    results.vsix = build.vsix;
    const childJs = await bundleChild(work);

    // 1. activate()
    log('activate() …');
    const acts = Array.from({ length: RUNS }, () =>
      child<{ requireMs: number; activateMs: number; activateCpuMs: number; requireCpuMs: number; error: string | null; heavyAtActivate: { wasmCompiles: number; wasmReads: number; rankReads: number }; heavyAfterIdle: { wasmCompiles: number; wasmReads: number; rankReads: number }; heapBeforeMB: number; heapAfterRequireMB: number; heapAfterActivateMB: number; subscriptions: number }>(childJs, ['activate', join(build.dist, 'extension.js')]),
    );
    results.activate = acts;
    const act = median(acts.map((a) => a.activateMs));
    const actCpu = median(acts.map((a) => a.activateCpuMs));
    const heavy = acts.some((a) => a.heavyAtActivate.wasmCompiles + a.heavyAtActivate.wasmReads + a.heavyAtActivate.rankReads + a.heavyAfterIdle.wasmCompiles + a.heavyAfterIdle.wasmReads + a.heavyAfterIdle.rankReads > 0);
    const actHeap = median(acts.map((a) => a.heapAfterActivateMB - a.heapAfterRequireMB));
    const bundleHeap = median(acts.map((a) => a.heapAfterRequireMB - a.heapBeforeMB));
    const actErr = acts.find((a) => a.error)?.error ?? null;
    rows.push({
      budget: 'activate() returns',
      measured: `${act.toFixed(1)} ms (cpu ${actCpu.toFixed(1)} ms)`,
      limit: '< 20 ms',
      ok: act < 20 && !actErr,
      note: `${actErr ? `ERROR ${actErr.split('\n')[0]}; ` : ''}bundle require ${median(acts.map((a) => a.requireMs)).toFixed(0)} ms; ${acts[0]!.subscriptions} disposables`,
    });
    rows.push({
      budget: 'nothing heavy at activation',
      measured: `${heavy ? 'wasm or a rank table loaded!' : 'no wasm compiled or read, no rank table read'}; heap +${actHeap.toFixed(1)} MB in activate()`,
      limit: 'no parser/grammar/encoder',
      ok: !heavy && actHeap < 10,
      note: `an o200k encoder would add ≈5 MB of heap and ≈5 MB of typed arrays; loading the bundle itself +${bundleHeap.toFixed(1)} MB`,
    });

    // 2. First diagnostics, cold; re-analysis after an edit.
    // The engine is loaded as the extension loads its bundle (src/node/codeCache.ts): the first
    // start after an install has no code cache; it writes one, which every later start uses.
    type Cold = { lines: number; calls: number; createMs: number; firstDiagnosticsMs: number; firstDiagnosticsCpuMs: number; exactMs: number; warmFullMs: number; warmFullCpuMs: number; encoderLoaded: boolean; codeCache: string; cacheSaved: boolean };
    for (const lang of ['python', 'typescript'] as const) {
      log(`cold first diagnostics (${lang}) …`);
      const cacheFile = join(work, `cold-${lang}.v8cache`);
      const first = Array.from({ length: RUNS }, () => {
        rmSync(cacheFile, { force: true });
        return child<Cold>(childJs, ['cold', lang, build.dist, cacheFile, 'save']);
      });
      const later = Array.from({ length: RUNS }, () => child<Cold>(childJs, ['cold', lang, build.dist, cacheFile]));
      if (first.some((c) => c.codeCache !== 'none') || later.some((c) => c.codeCache !== 'used')) throw new Error(`code cache not as expected: ${JSON.stringify([...first, ...later].map((c) => c.codeCache))}`);
      results[`cold_${lang}`] = { firstStart: first, laterStarts: later };
      save(results, rows);
      for (const [when, colds] of [['later starts (code cache)', later], ['first start after install (no code cache)', first]] as const) {
        const ms = median(colds.map((c) => c.firstDiagnosticsMs));
        const cpu = median(colds.map((c) => c.firstDiagnosticsCpuMs));
        rows.push({
          budget: `first diagnostics, cold, ${lang} (${colds[0]!.lines} lines, ${colds[0]!.calls} calls), ${when}`,
          measured: `${ms.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms)`,
          limit: '< 150 ms',
          ok: ms < 150,
          note: `runs ${colds.map((c) => c.firstDiagnosticsMs.toFixed(0)).join(', ')} ms; editor mode (estimated counts first); exact counts published at ${median(colds.map((c) => c.exactMs)).toFixed(0)} ms; Engine.create ${median(colds.map((c) => c.createMs)).toFixed(0)} ms; warm full analyze ${median(colds.map((c) => c.warmFullMs)).toFixed(1)} ms`,
        });
      }
    }
    for (const [lang, mode] of [['python', 'typing'], ['typescript', 'typing'], ['python', 'code'], ['typescript', 'code']] as const) {
      log(`re-analysis after an edit (${lang}, ${mode}) …`);
      const edits = Array.from({ length: Math.max(3, Math.ceil(RUNS / 2)) }, () =>
        child<{ lines: number; calls: number; p50Ms: number; p95Ms: number; p95CpuMs: number; fullReparseP50Ms: number; parseOnlyP50Ms: number; parseOnlyP95Ms: number; edits: number; reused: number }>(childJs, ['edit', lang, build.dist, String(EDITS), mode]),
      );
      results[`edit_${lang}${mode === 'code' ? '_code' : ''}`] = edits;
      save(results, rows);
      const p95 = median(edits.map((e) => e.p95Ms));
      rows.push({
        budget: `re-analysis after ${mode === 'typing' ? 'typing in prompts and comments' : 'an edit in code'}, ${lang} (${edits[0]!.lines} lines, ${edits[0]!.calls} calls)`,
        measured: `p95 ${p95.toFixed(1)} ms (p50 ${median(edits.map((e) => e.p50Ms)).toFixed(1)}, cpu p95 ${median(edits.map((e) => e.p95CpuMs)).toFixed(1)})`,
        limit: '< 10 ms p95',
        ok: p95 < 10,
        note: `${edits[0]!.edits} keystrokes × ${edits.length} processes, ${median(edits.map((e) => e.reused))} per process kept the front-end result; the incremental re-parse alone: p50 ${median(edits.map((e) => e.parseOnlyP50Ms)).toFixed(1)} ms, p95 ${median(edits.map((e) => e.parseOnlyP95Ms)).toFixed(1)} ms; full analysis from scratch p50 ${median(edits.map((e) => e.fullReparseP50Ms)).toFixed(1)} ms`,
      });
    }

    // 3. Tokenizers (bench/tokenizers.ts, run as is).
    if (!flag('--skip-tokenizers')) {
      log(`tokenizers (bench/tokenizers.ts --runs ${TOKENIZER_RUNS}) …`);
      execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(ROOT, 'bench/tokenizers.ts'), '--runs', String(TOKENIZER_RUNS)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    }
    const tokPath = join(ROOT, 'bench/results/tokenizers.json');
    if (existsSync(tokPath)) {
      const tok = JSON.parse(readFileSync(tokPath, 'utf8')) as { date: string; rows: Array<{ lib: string; loadMs: number; heapAfterEncodeMB: number; externalAfterLoadMB?: number; mbPerSecWarm: number }>; mismatches: unknown[] };
      results.tokenizers = tok;
      const ours = tok.rows.find((r) => r.lib === 'prompt-cost-lint');
      if (ours) {
        // The rank table is typed arrays, outside the JS heap: counted with it.
        const ext = Math.max(0, ours.externalAfterLoadMB ?? 0);
        rows.push({
          budget: 'tokenization heap (extension host)',
          measured: `${ours.heapAfterEncodeMB.toFixed(1)} MB heap + ${ext.toFixed(1)} MB typed arrays`,
          limit: '≤ 40 MB',
          ok: ours.heapAfterEncodeMB + ext <= 40,
          note: `${tok.rows.map((r) => `${r.lib} ${r.heapAfterEncodeMB.toFixed(1)} MB/${r.loadMs.toFixed(0)} ms load`).join('; ')}; counts ${tok.mismatches.length ? 'DIFFER' : 'identical'} (${tok.date})`,
        });
      }
    }

    // 4. CLI over a repository vs rg.
    const corpus = join(work, 'corpus');
    log(`generating ${FILES} files …`);
    const stats = generateRepo(corpus, FILES, 1);
    results.corpus = stats;
    const cliJs = join(build.repo, 'bin', 'prompt-cost-lint.js');
    const report = join(work, 'report.json');
    const rgPattern = 'messages\\.create|chat\\.completions|responses\\.create|generate_content|generateText|streamText|completion\\(';
    const rgAvailable = spawnSync('rg', ['--version']).status === 0;
    const cli: number[] = [];
    const cliSingle: number[] = [];
    const cliCached: number[] = [];
    const rg: number[] = [];
    let analysed = 0;
    let callsFound = 0;
    let rgFiles = 0;
    // A re-run over the unchanged corpus with --cache: one run fills the cache (and the CLI's code cache), the loop times re-runs.
    const cacheFile = join(work, 'cli-results.cache');
    const cachedReport = join(work, 'report-cached.json');
    const cachedArgs = [cliJs, corpus, '--format', 'json', '--output', cachedReport, '--exit-zero', '--cache', '--cache-location', cacheFile];
    log('filling the CLI cache …');
    if (timeCommand(process.execPath, cachedArgs).status !== 0 || !existsSync(cacheFile)) throw new Error('the CLI with --cache exited with an error or wrote no cache');
    for (let r = 0; r < RUNS; r++) {
      log(`CLI vs rg, run ${r + 1}/${RUNS} …`);
      if (rgAvailable) {
        const t = timeCommand('rg', ['-c', rgPattern, corpus]);
        rg.push(t.ms);
        rgFiles = t.stdout.trim().split('\n').filter(Boolean).length;
      }
      const c = timeCommand(process.execPath, [cliJs, corpus, '--format', 'json', '--output', report, '--exit-zero']);
      if (c.status !== 0 || !existsSync(report)) throw new Error(`the CLI exited with ${c.status} and no report`);
      cli.push(c.ms);
      const rep = JSON.parse(readFileSync(report, 'utf8')) as { summary?: { files?: number; callSites?: number } };
      analysed = rep.summary?.files ?? 0;
      callsFound = rep.summary?.callSites ?? 0;
      const w = timeCommand(process.execPath, cachedArgs);
      if (w.status !== 0) throw new Error(`the CLI with --cache exited with ${w.status}`);
      if (readFileSync(cachedReport, 'utf8') !== readFileSync(report, 'utf8')) throw new Error('the report of a cached re-run differs from the uncached one');
      cliCached.push(w.ms);
      if (r < 2) {
        // The in-process path (no workers) as a reference.
        const s = timeCommand(process.execPath, [cliJs, corpus, '--format', 'json', '--output', report, '--exit-zero'], { ...process.env, PROMPT_COST_LINT_WORKERS: '0' });
        cliSingle.push(s.ms);
      }
    }
    const cliMs = median(cli);
    const rgMs = median(rg);
    const cachedMs = median(cliCached);
    const cacheBytes = statSync(cacheFile).size;
    const fps = FILES / (cliMs / 1000);
    results.cli = {
      files: FILES,
      analysed,
      callsFound,
      rgFilesMatched: rgFiles,
      cliMs: cli,
      cliSingleThreadMs: cliSingle,
      cliCachedMs: cliCached,
      rgMs: rg,
      filesPerSec: fps,
      ratioToRg: cliMs / rgMs,
      cachedRatioToRg: cachedMs / rgMs,
      cacheBytes,
    };
    save(results, rows);
    rows.push({
      budget: `CLI over ${FILES} files (${(stats.bytes / MB).toFixed(1)} MB, ${stats.withCalls} with calls)`,
      measured: `${fps.toFixed(0)} files/s (${(cliMs / 1000).toFixed(2)} s)`,
      limit: '≥ 500 files/s',
      ok: fps >= 500,
      note: `in-process (no workers) ${(median(cliSingle) / 1000).toFixed(2)} s; ${callsFound} calls found`,
    });
    rows.push({
      budget: 'CLI time ÷ rg time (same files, same run)',
      measured: rgAvailable ? `${(cliMs / rgMs).toFixed(1)}× (rg ${rgMs.toFixed(0)} ms)` : 'rg not installed',
      limit: '≤ 15×',
      ok: rgAvailable ? cliMs / rgMs <= 15 : null,
      note: `rg -c '${rgPattern}': ${rgFiles} files match`,
    });
    rows.push({
      budget: 'CLI re-run with --cache ÷ rg time (unchanged files, same run)',
      measured: rgAvailable ? `${(cachedMs / rgMs).toFixed(1)}× (${cachedMs.toFixed(0)} ms)` : `${cachedMs.toFixed(0)} ms; rg not installed`,
      limit: '≤ 15×',
      ok: rgAvailable ? cachedMs / rgMs <= 15 : null,
      note: `cache file ${(cacheBytes / MB).toFixed(1)} MB; report identical to the uncached run's`,
    });

    // 5. Memory over a 1,000-file workspace.
    log('memory (1,000 files through one Engine) …');
    const mems = Array.from({ length: 3 }, () =>
      child<{ files: number; heapGrowthMB: number; rssGrowthMB: number; externalGrowthMB: number; calls: number; rssWith200TreesKeptMB: number; rssAfterDisposeMB: number; after: { rssMB: number } }>(childJs, ['memory', corpus, build.dist]),
    );
    results.memory = mems;
    save(results, rows);
    const growth = median(mems.map((m) => m.heapGrowthMB));
    rows.push({
      budget: `heap growth after ${mems[0]!.files} files through one Engine`,
      measured: `${growth.toFixed(1)} MB (rss ${median(mems.map((m) => m.rssGrowthMB)).toFixed(1)} MB)`,
      limit: '< 80 MB',
      ok: growth < 80,
      note: `trees freed with forget(); rss with 200 trees kept ${median(mems.map((m) => m.rssWith200TreesKeptMB)).toFixed(0)} MB vs ${median(mems.map((m) => m.after.rssMB)).toFixed(0)} MB freed`,
    });

    // 6. .vsix
    const v = build.vsix;
    rows.push({
      budget: '.vsix size',
      measured: v.ok ? `${(v.bytes / MB).toFixed(2)} MB` : `vsce failed; files included ${(v.includedBytes / MB).toFixed(2)} MB`,
      limit: '< 10 MB',
      ok: v.ok ? v.bytes < 10 * MB : v.includedBytes < 10 * MB,
      note: `${v.includedFiles} files, ${(v.includedBytes / MB).toFixed(2)} MB before compression; largest ${v.largest.slice(0, 3).map((f) => `${f.file} ${(f.bytes / MB).toFixed(2)} MB`).join(', ')}${v.error ? `; vsce: ${v.error.split('\n')[0]}` : ''}`,
    });
  } finally {
    machine.loadAtEnd = load();
    rmSync(work, { recursive: true, force: true });
  }

  results.rows = rows;
  const header = ['budget', 'measured (median)', 'limit', 'ok', 'note'];
  const table = rows.map((r) => [r.budget, r.measured, r.limit, r.ok === null ? '–' : r.ok ? 'yes' : 'NO', r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(' | ');
  console.log(`\n${machine.cores} cores, ${machine.cpu}, ${machine.node}; load average ${machine.loadAtStart.join(' ')} at start, ${machine.loadAtEnd?.join(' ')} at end; ${RUNS} runs`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const t of table) console.log(line(t));
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('wrote bench/results/bench.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
