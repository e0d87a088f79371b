/**
 * `prompt-cost-lint`: the command-line twin of the extension. A thin adapter over the core:
 * parse arguments, load `.prompt-cost.json`, find the files, analyse each with the one `Engine`,
 * optionally apply fixes, print the report, return the exit code.
 *
 * Exit codes: 0 clean, 1 findings at error level or more warnings than `--max-warnings`,
 * 2 bad usage, bad config, or a path that does not exist.
 */
import { writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import packageJson from '../../package.json';
import { Engine, type EngineApi, type EngineOptions, type FileAnalysis } from '../core/engine';
import { languageOfPath } from '../core/parse/parser';
import { applyFixes, selectFixes } from '../core/report/fixes';
import { formatCsv } from '../core/report/csv';
import { formatJson } from '../core/report/json';
import { formatSarif } from '../core/report/sarif';
import { formatText } from '../core/report/text';
import type { Report, ReportNote } from '../core/report/types';
import { rules as ruleRegistry } from '../core/rules';
import type { RuleMeta } from '../core/rules/types';
import { LineIndex } from '../core/text/lineIndex';
import { HELP_TEXT, parseCliArgs, type CliOptions } from './args';
import { findGitRoot, loadConfig } from './config';
import { discoverFiles, relPath } from './discover';
import { createWasmLoader, describeReadFailure, NodeWorkspaceFs, toCorePath } from './nodeFs';
import { createRankLoader } from '../node/ranks';
import { analyzeFilesInWorkers, defaultWorkerScript, plannedWorkers, prefilterReader, WORKERS_ENV } from './workers';
import { cacheFilePath, cacheKey, ResultsCache } from './cache';
import { mayContainLlmCall } from '../core/sdk';

export const TOOL_NAME = 'prompt-cost-lint';
export const TOOL_VERSION: string = packageJson.version;

/** Where the tool lives; docs/rules/<id>.md is resolved under it for SARIF help links. */
const REPO_URL = repositoryUrl(packageJson as { repository?: string | { url?: string }; homepage?: string });

function repositoryUrl(pkg: { repository?: string | { url?: string }; homepage?: string }): string {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url ?? pkg.homepage;
  if (raw) {
    const url = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^github:/, 'https://github.com/');
    if (/^https?:\/\//.test(url)) return url.replace(/\/$/, '');
  }
  return 'https://github.com/prompt-cost-lint/prompt-cost-lint';
}

/** How many files are analysed at once. The parser is in-process, so this mostly overlaps file reads. */
export const DEFAULT_CONCURRENCY = 4;
/** `--fix` re-lints and re-applies at most this many times per file. */
export const MAX_FIX_PASSES = 5;

/** The process around the CLI, injectable for tests. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

export interface CliDeps {
  createEngine(options: EngineOptions): Promise<EngineApi>;
  /** Rule metadata for SARIF (defaults to the registry). */
  rules: readonly RuleMeta[];
}

const defaultDeps: CliDeps = {
  createEngine: (options) => Engine.create(options),
  rules: ruleRegistry.map((r) => r.meta),
};

/** Entry point called by bin/prompt-cost-lint.js. Resolves to the exit code; never rejects on bad input. */
export async function main(argv: string[]): Promise<number> {
  // `prompt-cost-lint | head`: a closed pipe ends the run quietly instead of crashing on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return run(argv, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
}

/** Whether this command line asks for `--cache` (dist/cli-entry.js then keeps V8's code cache of the CLI too). */
export function keepsCache(argv: readonly string[]): boolean {
  const parsed = parseCliArgs(argv);
  return parsed.ok && parsed.options.cache;
}

/** The one file-reading interface the analysis needs: `NodeWorkspaceFs.read`. */
export type FileReader = Pick<NodeWorkspaceFs, 'read' | 'readText'>;

export interface AnalyzeOptions {
  concurrency?: number;
  /** Apply fixes (`--fix`); `unsafe` also applies suggestions (`--unsafe-fixes`). */
  fix?: { unsafe: boolean; write(absPath: string, text: string): void } | null;
  /** Max file size for the skip note (KB). */
  maxFileSizeKb?: number;
  /** The project root ('/'-separated): folder heuristics (a `tests/` folder) look at paths relative to it. */
  root?: string;
}

export interface FileOutcome {
  analysis: FileAnalysis;
  /** Fixes applied (with --fix); 0 otherwise. */
  fixesApplied: number;
}

function skipped(path: string, message: string, level: ReportNote['level'] = 'warning'): FileAnalysis {
  return { path, language: languageOfPath(path), calls: [], findings: [], notes: [{ level, message }], lines: new LineIndex('') };
}

/**
 * Analyse one file: read it (a note, never a crash, when it cannot be), analyse it, and with
 * `fix` apply fixes pass by pass (re-analysing each time) until none is left, writing the file
 * once at the end when it changed. Separate from the CLI so it can move to a worker thread.
 */
export async function analyzeFile(absPath: string, engine: EngineApi, fs: FileReader, options: AnalyzeOptions = {}): Promise<FileOutcome> {
  const corePath = toCorePath(absPath);
  const read = fs.read(absPath);
  if (!read.ok) {
    const why = describeReadFailure(read.reason, options.maxFileSizeKb ?? engine.config.maxFileSizeKb);
    return { analysis: skipped(corePath, `Skipped: ${why}.`, read.reason === 'binary' || read.reason === 'too-large' ? 'info' : 'warning'), fixesApplied: 0 };
  }
  try {
    let text = read.text;
    const original = await engine.analyze({ path: corePath, text, root: options.root, mayHoldCall: read.mayHoldCall });
    let analysis = original;
    let fixesApplied = 0;
    if (options.fix) {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixes = selectFixes(analysis.findings, { unsafe: options.fix.unsafe });
        if (fixes.length === 0) break;
        const applied = applyFixes(text, fixes);
        if (applied.applied.length === 0 || applied.text === text) break;
        const next = await engine.analyze({ path: corePath, text: applied.text, root: options.root });
        if (next.calls.length < analysis.calls.length) {
          // A fix that makes call sites disappear broke the code around them: keep the last good text.
          analysis.notes.push({ level: 'warning', message: 'A fix was not applied: the calls could no longer be found after it (the edit may break the syntax).' });
          break;
        }
        text = applied.text;
        fixesApplied += applied.applied.length;
        analysis = next;
      }
      if (text !== read.text) {
        try {
          options.fix.write(absPath, (read.bom ? '\uFEFF' : '') + text);
          analysis.notes.push({ level: 'info', message: `Applied ${fixesApplied} fix${fixesApplied === 1 ? '' : 'es'}.` });
        } catch (err) {
          // The file on disk is unchanged: report what it holds.
          const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
          original.notes.push({ level: 'warning', message: `Fixes could not be written (${why}); the file is unchanged.` });
          return { analysis: original, fixesApplied: 0 };
        }
      }
    }
    return { analysis, fixesApplied };
  } catch (err) {
    return { analysis: skipped(corePath, `Analysis failed: ${err instanceof Error ? err.message : String(err)}`), fixesApplied: 0 };
  } finally {
    engine.forget(corePath);
  }
}

/** Analyse many files with bounded concurrency; results in the order of `paths`. */
export async function analyzeFiles(paths: readonly string[], engine: EngineApi, fs: FileReader, options: AnalyzeOptions = {}): Promise<FileAnalysis[]> {
  const out: FileAnalysis[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      out[i] = (await analyzeFile(paths[i]!, engine, fs, options)).analysis;
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, paths.length));
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

/** Colour only for a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
export function useColor(options: Pick<CliOptions, 'noColor' | 'output'>, io: Pick<CliIo, 'env' | 'stdout'>): boolean {
  if (options.noColor || options.output !== null) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return io.stdout.isTTY === true;
}

/** `--quiet`: errors only (findings and notes). */
export function quietReport(report: Report): Report {
  return { ...report, findings: report.findings.filter((f) => f.severity === 'error'), notes: report.notes.filter((n) => n.level === 'error') };
}

export function formatReport(report: Report, format: CliOptions['format'], color: boolean, rules: readonly RuleMeta[]): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'csv':
      return formatCsv(report);
    case 'sarif':
      return formatSarif(report, { rules, toolVersion: TOOL_VERSION, informationUri: REPO_URL, docsBaseUri: `${REPO_URL}/blob/main` });
    default:
      return formatText(report, { color });
  }
}

/** Exit code from the full (unfiltered) findings. */
export function exitCodeOf(report: Report, maxWarnings: number | null): 0 | 1 {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (maxWarnings !== null && warnings > maxWarnings) return 1;
  return 0;
}

/** The CLI with its process injected. */
export async function run(argv: readonly string[], io: CliIo, deps: CliDeps = defaultDeps): Promise<number> {
  const fail = (lines: string[], hint = false): number => {
    for (const l of lines) io.stderr.write(`${TOOL_NAME}: ${l}\n`);
    if (hint) io.stderr.write(`Run '${TOOL_NAME} --help' for usage.\n`);
    return 2;
  };

  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return fail([parsed.error], true);
  const options = parsed.options;
  if (options.help) {
    io.stdout.write(HELP_TEXT);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }

  const cwd = resolve(io.cwd);
  const cfg = loadConfig(cwd, options.config);
  if (!cfg.ok) return fail(cfg.errors);
  const { config, raw, baseDir } = cfg.loaded;

  const excludeWritten = typeof raw === 'object' && raw !== null && 'exclude' in raw;
  const found = discoverFiles(options.paths, { cwd, exclude: config.exclude, excludeBase: baseDir, excludeWritten });
  if (found.missing.length) return fail(found.missing.map((p) => `${p}: no such file or folder`));

  const workspaceRoot = findGitRoot(cwd) ?? cwd;
  const roots = [workspaceRoot, baseDir, ...found.roots];
  const nodeFs = new NodeWorkspaceFs({ roots, maxFileSizeKb: config.maxFileSizeKb });
  const root = toCorePath(cwd);

  // --cache (not with --fix, whose edits must start from a real analysis): stamp every file as it is read.
  const cacheFile = options.cache && !options.fix ? cacheFilePath(cwd, options.cacheLocation) : null;
  const cache = cacheFile
    ? new ResultsCache({
        file: cacheFile,
        shownAs: relPath(cwd, cacheFile),
        strategy: options.cacheStrategy,
        key: cacheKey({ toolVersion: TOOL_VERSION, strategy: options.cacheStrategy, config: raw, root, roots: nodeFs.effectiveRoots(), workerScript: defaultWorkerScript() }),
        fs: nodeFs,
      })
    : null;
  const fs: FileReader = cache ? cache.stamps.reader : nodeFs;
  // The cache file itself is never a source file, whatever it is called.
  const files = cacheFile ? found.files.filter((f) => f !== cacheFile) : found.files;

  let engine: EngineApi;
  try {
    // The parser runtime starts only if some file needs analysing (with every result cached, none does).
    engine = await deps.createEngine({ fs, loadWasm: createWasmLoader(), loadRanks: createRankLoader(), deferParser: true });
  } catch (err) {
    return fail([`cannot start the analysis engine: ${err instanceof Error ? err.message : String(err)}`]);
  }
  try {
    const problems = engine.configure(raw);
    if (problems.length) {
      const source = cfg.loaded.path ? relPath(cwd, cfg.loaded.path) : '(defaults)';
      return fail(problems.map((p) => `${source}: ${p.path}: ${p.message}`));
    }

    // Results from the cache first; only the files it misses are analysed (in-process or in workers).
    const analyses: FileAnalysis[] = new Array(files.length);
    const missed: number[] = [];
    files.forEach((f, i) => {
      const hit = cache?.lookup(f);
      if (hit) analyses[i] = hit;
      else missed.push(i);
    });
    const analyzeOptions: AnalyzeOptions = {
      maxFileSizeKb: config.maxFileSizeKb,
      root,
      fix: options.fix
        ? {
            unsafe: options.unsafeFixes,
            write: (absPath, text) => writeFileSync(absPath, text, 'utf8'),
          }
        : null,
    };
    /** Analyse the files at these indices (in-process or in workers) into `analyses`, and cache the results. Returns an exit code on failure. */
    const analyse = async (indices: readonly number[]): Promise<number | null> => {
      const toAnalyse = indices.map((i) => files[i]!);
      if (toAnalyse.length === 0) return null;
      try {
        await engine.prepare?.();
      } catch (err) {
        return fail([`cannot start the analysis engine: ${err instanceof Error ? err.message : String(err)}`]);
      }
      // Many files: worker threads (each with its own engine) share the files that may hold calls with this thread; same output.
      const workers = deps.createEngine === defaultDeps.createEngine ? plannedWorkers(toAnalyse.length, io.env) : 0;
      const split = workers > 0 ? prefilterReader(fs, mayContainLlmCall) : null;
      const fresh = split
        ? await analyzeFilesInWorkers(
            toAnalyse,
            {
              roots,
              maxFileSizeKb: config.maxFileSizeKb,
              root,
              rawConfig: raw,
              fix: options.fix ? { unsafe: options.unsafeFixes } : null,
              stamps: cache ? options.cacheStrategy : undefined,
            },
            (paths) => analyzeFiles(paths, engine, split.reader, analyzeOptions),
            {
              workers,
              heavy: io.env[WORKERS_ENV] ? undefined : split.heavy,
              onStamps: cache ? (path, stamps) => Object.entries(stamps).forEach(([p, s]) => cache.stamps.observe(p, s)) : undefined,
            },
          )
        : await analyzeFiles(toAnalyse, engine, fs, analyzeOptions);
      indices.forEach((i, k) => {
        analyses[i] = fresh[k]!;
        cache?.store(files[i]!, fresh[k]!);
      });
      return null;
    };
    const failed = await analyse(missed);
    if (failed !== null) return failed;

    /** The report of `analyses`, with the notes of discovery and of the cache (written here), and its text. */
    const present = () => {
      const cacheNotes: ReportNote[] = [];
      const saveNote = cache?.save();
      const loadNote = cache?.loadNote();
      if (loadNote) cacheNotes.push(loadNote);
      if (saveNote) cacheNotes.push(saveNote);
      const rel = (corePath: string) => relPath(cwd, sep === '/' ? corePath : corePath.split('/').join(sep));
      let report = engine.report(analyses, rel);
      const discoveryNotes: ReportNote[] = found.notes.map((n) => ({ level: n.level, file: n.path, message: n.message }));
      if (files.length === 0) discoveryNotes.push({ level: 'info', file: null, message: 'No Python, TypeScript or JavaScript files found.' });
      report = { ...report, notes: [...discoveryNotes, ...cacheNotes, ...report.notes] };
      const shown = options.quiet ? quietReport(report) : report;
      return { report, text: formatReport(shown, options.format, useColor(options, io), deps.rules) };
    };
    let presented: ReturnType<typeof present>;
    try {
      presented = present();
    } catch (err) {
      // A cached result this version cannot read (the cache file edited by hand): analyse those files too.
      const hits = files.map((_, i) => i).filter((i) => !missed.includes(i));
      if (!cache || hits.length === 0) throw err;
      cache.distrust();
      const again = await analyse(hits);
      if (again !== null) return again;
      presented = present();
    }
    const { report, text } = presented;
    const code = options.exitZero ? 0 : exitCodeOf(report, options.maxWarnings);

    if (options.output !== null) {
      try {
        writeFileSync(resolve(cwd, options.output), text, 'utf8');
      } catch (err) {
        return fail([`cannot write ${options.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
      }
    } else {
      io.stdout.write(text);
    }

    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    if (options.maxWarnings !== null && warnings > options.maxWarnings && !report.findings.some((f) => f.severity === 'error')) {
      io.stderr.write(`${TOOL_NAME}: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    }
    return code;
  } finally {
    engine.dispose();
  }
}
