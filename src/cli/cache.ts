/**
 * `--cache`: the CLI's persistent results cache, like ESLint's `--cache` and Ruff's cache. One JSON
 * file (default `.prompt-cost-lint-cache` in the working directory) holds, per analysed file, its
 * `FileAnalysis` and what it was computed from; a later run reuses the entry instead of reading,
 * parsing and analysing the file again when all of these are unchanged:
 *
 * - the cache key: the cache format, the tool's version, the running code (a hash of dist/cli.js
 *   and dist/worker.js, the sizes of the grammars and tables beside them: a rebuild that changes
 *   anything invalidates everything, one that does not keeps the cache), Node's version, the
 *   strategy, the raw configuration, the project root and the folders the analysis may read;
 * - the file's stamp (`metadata`: size, mtime, mode and inode; `content`: a hash of its bytes);
 * - the stamp of every other file the analysis consulted (`FileAnalysis.consulted`: prompt files,
 *   imported modules and the paths probed for them, found or not: one that appears later changes
 *   the result);
 * - for a file with calls, the day: the rules compare model retirement dates with today.
 *
 * Stamps are taken before a file is read (`metadata`) or from the very bytes analysed (`content`),
 * once per run; a file whose stamp differs between two reads in one run changed during the run, and
 * no result that depends on it is stored. Results that reflect a failure that may not last (a read
 * error, an exception) are not stored either.
 *
 * A missing, unreadable, damaged or outdated cache file is treated as empty; only a damaged one
 * gets a note. A file at the location that is not a cache is never overwritten. Writes go to a
 * temporary file renamed over the cache, and only when something changed; entries for files not
 * in the run are dropped.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TOKENIZER_FAILED, type FileAnalysis } from '../core/engine';
import type { AnalyzedCall, BlockTokens } from '../core/rules/types';
import type { ModelEntry, PromptBlock } from '../core/types';
import type { ReportNote } from '../core/report/types';
import { LineIndex } from '../core/text/lineIndex';
import { toCorePath, toNative, type BytesResult, type NodeWorkspaceFs, type ReadResult } from './nodeFs';
import type { CacheStrategy } from './args';

export const CACHE_FILE_NAME = '.prompt-cost-lint-cache';
/** Bumped whenever the file's layout or an entry's meaning changes. */
export const CACHE_FORMAT_VERSION = 1;
export type { CacheStrategy } from './args';

/** Every cache file starts with this: anything else at the location is not ours and is left alone. */
const MAGIC = '{"format":"prompt-cost-lint-cache"';

/** What the analysis reads files with (the CLI's `NodeWorkspaceFs`, or the stamping reader over it). */
export interface FileReader {
  read(absPath: string): ReadResult;
  readText(absPath: string): string | null;
}

/** The cache file for `--cache-location` (a file, or a folder: existing, or written with a trailing separator); default in `cwd`. */
export function cacheFilePath(cwd: string, location: string | null): string {
  if (location === null) return join(cwd, CACHE_FILE_NAME);
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, CACHE_FILE_NAME);
  try {
    if (statSync(abs).isDirectory()) return join(abs, CACHE_FILE_NAME);
  } catch {
    // not there yet: a file
  }
  return abs;
}

// ---------------------------------------------------------------------------------------------
// Stamps
// ---------------------------------------------------------------------------------------------

/** What the running code is: a hash of a bundle's bytes ('-' when it cannot be read). */
function codeIdentity(path: string): string {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('base64');
  } catch {
    return '-';
  }
}

/** The files the bundle loads at run time (dist/wasm, dist/ranks): their names and sizes. */
function assetsIdentity(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['wasm', 'ranks']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub)).sort();
    } catch {
      continue;
    }
    for (const name of names) out.push(`${sub}/${name}:${metadataStamp(join(dir, sub, name)).split(':')[0]}`);
  }
  return out;
}

/** `metadata`: what `stat` says (following symlinks); '-' for nothing there. */
export function metadataStamp(nativePath: string): string {
  let st;
  try {
    st = statSync(nativePath, { throwIfNoEntry: false });
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  if (!st) return '-';
  if (!st.isFile()) return st.isDirectory() ? 'd' : 'o';
  return `${st.size}:${st.mtimeMs}:${st.mode}:${st.ino}`;
}

/** `content`: a hash of the bytes the analysis gets, or why there are none (outside the roots, too large, …). */
export function contentStamp(r: BytesResult): string {
  return r.ok ? createHash('sha1').update(r.bytes).digest('base64') : `x:${r.reason}`;
}

/**
 * The stamp of each file as this run saw it: taken at the first look and kept; a later read that
 * sees another stamp marks the file unstable (it changed during the run).
 */
export class FileStamps {
  private readonly seen = new Map<string, string>();
  private readonly unstable = new Set<string>();
  /** `content`: bytes read for a stamp, handed to the next `read` of that file so it is analysed as hashed. */
  private readonly kept = new Map<string, BytesResult>();

  constructor(
    readonly strategy: CacheStrategy,
    private readonly fs: Pick<NodeWorkspaceFs, 'read' | 'readText' | 'readBytes' | 'decode'>,
  ) {}

  /** The file's stamp as first seen this run. `keep` (a file about to be analysed): `content` keeps the bytes for its read. */
  current(path: string, keep = false): string {
    const known = this.seen.get(path);
    if (known !== undefined) return known;
    let stamp: string;
    if (this.strategy === 'metadata') stamp = metadataStamp(toNative(path));
    else {
      const bytes = this.fs.readBytes(toNative(path));
      stamp = contentStamp(bytes);
      if (keep) this.kept.set(path, bytes);
    }
    this.seen.set(path, stamp);
    return stamp;
  }

  /** Drop bytes kept for a file that will not be read after all (its result came from the cache). */
  release(path: string): void {
    this.kept.delete(path);
  }

  /** A stamp seen elsewhere (a worker's read); null: it changed while that worker read it. */
  observe(path: string, stamp: string | null): void {
    if (stamp === null) {
      this.unstable.add(path);
      return;
    }
    const known = this.seen.get(path);
    if (known === undefined) this.seen.set(path, stamp);
    else if (known !== stamp) this.unstable.add(path);
  }

  /** The stamps of `paths` as first seen this run (null: changed during the run); taken now for a path not yet seen. */
  of(paths: readonly string[]): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const p of paths) out[p] = this.unstable.has(p) ? null : this.current(p);
    return out;
  }

  /** A reader that stamps each file as it reads it: before the read (`metadata`) or from the bytes it returns (`content`). */
  readonly reader: FileReader = {
    read: (absPath) => this.readStamped(absPath, absPath, true),
    readText: (corePath) => {
      const r = this.readStamped(toNative(corePath), corePath, false);
      return r.ok ? r.text : null;
    },
  };

  /** Read `nativePath` and note its stamp under `key`; `useKept`: `content` bytes kept by `current` stand for the read. */
  private readStamped(nativePath: string, key: string, useKept: boolean): ReadResult {
    if (this.strategy === 'metadata') {
      const stamp = metadataStamp(nativePath);
      const r = this.fs.read(nativePath);
      this.observe(key, stamp);
      return r;
    }
    const kept = useKept ? this.kept.get(key) : undefined;
    if (kept) {
      this.kept.delete(key);
      return this.fs.decode(kept);
    }
    const bytes = this.fs.readBytes(nativePath);
    this.observe(key, contentStamp(bytes));
    return this.fs.decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// The cache file
// ---------------------------------------------------------------------------------------------

/**
 * A `FileAnalysis` as stored: without `path` (the entry's key), `lines` and `consulted` (rebuilt
 * from `p` and `d`), and empty lists left out. In each call, `model` is an index into the file's
 * `models` and a block that is also the site's block (the same object) is that block's index.
 */
type StoredAnalysis = Omit<FileAnalysis, 'path' | 'lines' | 'consulted' | 'calls' | 'findings' | 'notes'> & {
  calls?: StoredCall[];
  findings?: FileAnalysis['findings'];
  notes?: FileAnalysis['notes'];
};
type StoredCall = Omit<AnalyzedCall, 'model' | 'blocks'> & { model: number | null; blocks: Array<Omit<BlockTokens, 'block'> & { block: PromptBlock | number }> };

interface Entry {
  /** The file's stamp. */
  s: string;
  /** Stamps of the other files the analysis consulted (`FileAnalysis.consulted`, in its order). */
  d?: Record<string, string>;
  /** The day (UTC) the rules ran: only for a file with calls (deprecation dates are compared with it). */
  day?: string;
  /**
   * Line positions, only when the report needs line and column numbers (calls, findings, notes
   * with a place): the text's length, then the length of each line but the last (line breaks included).
   */
  p?: number[];
  a: StoredAnalysis;
}

interface CacheData {
  format: 'prompt-cost-lint-cache';
  version: number;
  key: string;
  /** The priced models the calls name (each once). */
  models: ModelEntry[];
  entries: Record<string, Entry>;
}

/** What made the cache key: anything that can change a result without changing a file. */
export interface CacheKeyParts {
  toolVersion: string;
  strategy: CacheStrategy;
  /** The raw config object given to `engine.configure`. */
  config: unknown;
  /** `AnalyzeOptions.root`. */
  root: string;
  /** The folders the analysis may read (`NodeWorkspaceFs.effectiveRoots`). */
  roots: readonly string[];
  /** The worker-thread bundle, when there is one. */
  workerScript?: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const key = {
    format: CACHE_FORMAT_VERSION,
    tool: parts.toolVersion,
    // The running bundle (dist/cli.js), the workers' (dist/worker.js) and the grammars and tables beside them: a
    // rebuild that changes any invalidates every entry (by content, not time: a CI job that rebuilds the same code keeps its cache).
    bundle: [codeIdentity(__filename), parts.workerScript ? codeIdentity(parts.workerScript) : null, ...assetsIdentity(dirname(__filename))],
    node: process.version,
    strategy: parts.strategy,
    config: parts.config ?? null,
    root: parts.root,
    roots: parts.roots,
  };
  return createHash('sha1').update(JSON.stringify(key)).digest('base64');
}

type LoadState = 'ok' | 'missing' | 'unreadable' | 'damaged' | 'foreign' | 'outdated';

function loadFile(file: string, key: string): { state: LoadState; entries: Record<string, Entry>; models: ModelEntry[] } {
  const none = (state: LoadState) => ({ state, entries: Object.create(null) as Record<string, Entry>, models: [] });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return none((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable');
  }
  if (!text.startsWith(MAGIC) && !(text.length < MAGIC.length && MAGIC.startsWith(text))) return none(text === '' ? 'damaged' : 'foreign');
  let data: CacheData;
  try {
    data = JSON.parse(text) as CacheData;
  } catch {
    return none('damaged');
  }
  if (typeof data !== 'object' || data === null) return none('damaged');
  if (data.version !== CACHE_FORMAT_VERSION || data.key !== key) return none('outdated');
  if (typeof data.entries !== 'object' || data.entries === null || Array.isArray(data.entries) || !Array.isArray(data.models)) return none('damaged');
  return { state: 'ok', entries: data.entries, models: data.models };
}

function validEntry(e: unknown): e is Entry {
  if (typeof e !== 'object' || e === null) return false;
  const { s, d, p, day, a } = e as Partial<Entry>;
  if (typeof s !== 'string' || (day !== undefined && typeof day !== 'string')) return false;
  if (p !== undefined && !(Array.isArray(p) && p.length > 0 && p.every((n) => typeof n === 'number'))) return false;
  if (d !== undefined && (typeof d !== 'object' || d === null || Object.values(d).some((v) => typeof v !== 'string'))) return false;
  if (typeof a !== 'object' || a === null) return false;
  const list = (x: unknown) => x === undefined || Array.isArray(x);
  return list(a.calls) && list(a.findings) && list(a.notes);
}

/** `Entry.p` for a text's line index. */
function packLines(lines: LineIndex): number[] {
  const starts = lines.lineStarts();
  const p = [lines.length];
  for (let i = 1; i < starts.length; i++) p.push(starts[i]! - starts[i - 1]!);
  return p;
}

function unpackLines(p: readonly number[] | undefined): LineIndex {
  if (!p) return new LineIndex({ starts: [0], length: 0 });
  const starts = [0];
  for (let i = 1; i < p.length; i++) starts.push(starts[i - 1]! + p[i]!);
  return new LineIndex({ starts, length: p[0]! });
}

/** A result that reflects a failure that may not last (the file could not be read, the analysis threw, a tokenizer failed to load): analysed again next time. */
function transient(a: FileAnalysis): boolean {
  return a.notes.some((n) => n.level === 'warning' && (n.message.startsWith('Skipped: ') || n.message.startsWith('Analysis failed: ') || n.message.startsWith(TOKENIZER_FAILED)));
}

/** Whether JSON keeps `v` as it is: no non-finite numbers, no holes or `undefined` in arrays, only plain objects. */
function jsonExact(v: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (v[i] === undefined || !jsonExact(v[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const x of Object.values(v)) if (x !== undefined && !jsonExact(x, depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Today (UTC), as the rules see it (`RuleContext.today`). */
function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export interface ResultsCacheOptions {
  /** The cache file (`cacheFilePath`). */
  file: string;
  /** How the file is named in notes. */
  shownAs: string;
  strategy: CacheStrategy;
  key: string;
  fs: Pick<NodeWorkspaceFs, 'read' | 'readText' | 'readBytes' | 'decode'>;
  /** The clock (tests). */
  now?: () => Date;
}

/** One run's view of the cache: `lookup` each file, `store` what was analysed, then `save`. */
export class ResultsCache {
  readonly stamps: FileStamps;
  private old: Record<string, Entry>;
  private readonly oldCount: number;
  private state: LoadState;
  private readonly next = new Map<string, Entry>();
  /** Files `lookup` answered from the cache in this run. */
  private readonly hits = new Set<string>();
  /** The models of the file read, then of the one written: entries kept as they were still point into it. */
  private readonly models: ModelEntry[];
  private readonly modelIndex = new Map<string, number>();
  private readonly day: string;
  private changed: boolean;

  constructor(private readonly options: ResultsCacheOptions) {
    this.stamps = new FileStamps(options.strategy, options.fs);
    const loaded = loadFile(options.file, options.key);
    this.state = loaded.state;
    this.old = loaded.entries;
    this.oldCount = Object.keys(loaded.entries).length;
    this.models = loaded.models;
    this.day = utcDay((options.now ?? (() => new Date()))());
    this.changed = loaded.state !== 'ok';
  }

  /** The info note for a damaged cache file (a missing or outdated one is not worth a word). */
  loadNote(): ReportNote | null {
    if (this.state !== 'damaged') return null;
    return { level: 'info', file: null, message: `The cache file ${this.options.shownAs} was damaged and has been ignored: every file was analysed.` };
  }

  /** The cached analysis of `path` (a native absolute path) when every stamp it depends on is unchanged; else null (analyse it). */
  lookup(path: string): FileAnalysis | null {
    const stamp = this.stamps.current(path, true);
    const e = Object.prototype.hasOwnProperty.call(this.old, path) ? this.old[path] : undefined;
    if (!validEntry(e) || e.s !== stamp || (e.day !== undefined && e.day !== this.day)) return null;
    if (e.d) for (const [dep, s] of Object.entries(e.d)) if (this.stamps.current(dep) !== s) return null;
    const analysis = this.revive(path, e);
    if (!analysis) return null;
    this.stamps.release(path);
    this.next.set(path, e);
    this.hits.add(path);
    return analysis;
  }

  /**
   * The results `lookup` gave could not be used (a cache file edited by hand into shapes this
   * version cannot read): forget them; the caller analyses those files again and `store`s them.
   * The cache then counts as damaged (`loadNote`).
   */
  distrust(): void {
    this.state = 'damaged';
    this.changed = true;
    this.old = {};
    for (const path of this.hits) this.next.delete(path);
    this.hits.clear();
  }

  private revive(path: string, e: Entry): FileAnalysis | null {
    const { calls = [], findings = [], notes = [], ...rest } = e.a;
    const out: FileAnalysis = { path: toCorePath(path), ...rest, calls: [], findings, notes, lines: unpackLines(e.p) };
    for (const c of calls) {
      if (typeof c !== 'object' || c === null || !Array.isArray(c.blocks) || typeof c.site !== 'object' || c.site === null) return null;
      const model = c.model === null ? null : this.models[c.model];
      if (model === undefined) return null;
      const blocks: BlockTokens[] = [];
      for (const b of c.blocks) {
        const block = typeof b.block === 'number' ? c.site.blocks?.[b.block] : b.block;
        if (block === undefined) return null;
        blocks.push({ ...b, block });
      }
      out.calls.push({ ...c, model, blocks });
    }
    if (e.d) out.consulted = Object.keys(e.d);
    return out;
  }

  private modelRef(model: ModelEntry | null): number | null {
    if (model === null) return null;
    if (this.modelIndex.size === 0) this.models.forEach((m, i) => this.modelIndex.set(JSON.stringify(m), i));
    const json = JSON.stringify(model);
    let i = this.modelIndex.get(json);
    if (i === undefined) {
      i = this.models.push(JSON.parse(json) as ModelEntry) - 1;
      this.modelIndex.set(json, i);
    }
    return i;
  }

  /** Keep the analysis of a file `lookup` missed, unless it cannot be trusted next time. */
  store(path: string, analysis: FileAnalysis): void {
    this.changed = true;
    if (transient(analysis)) return;
    const consulted = analysis.consulted ?? [];
    const stamps = this.stamps.of([path, ...consulted]);
    if (Object.values(stamps).some((s) => s === null)) return;
    const { path: _path, lines, consulted: _consulted, calls, findings, notes, ...rest } = analysis;
    if (!jsonExact(analysis.calls) || !jsonExact(findings) || !jsonExact(notes) || !jsonExact(rest)) return;
    const a: StoredAnalysis = { ...rest };
    if (calls.length > 0) {
      a.calls = calls.map((c) => ({
        ...c,
        model: this.modelRef(c.model),
        blocks: c.blocks.map((b, i) => ({ ...b, block: c.site.blocks[i] === b.block ? i : b.block })),
      }));
    }
    if (findings.length > 0) a.findings = findings;
    if (notes.length > 0) a.notes = notes;
    const entry: Entry = { s: stamps[path]!, a };
    if (consulted.length > 0) entry.d = Object.fromEntries(consulted.map((p) => [p, stamps[p]!]));
    if (calls.length > 0) {
      // A run that crossed midnight (UTC) may have ruled with either day.
      if (utcDay((this.options.now ?? (() => new Date()))()) !== this.day) return;
      entry.day = this.day;
    }
    if (calls.length > 0 || findings.length > 0 || notes.some((n) => n.span)) entry.p = packLines(lines);
    this.next.set(path, entry);
  }

  /**
   * Write the cache when anything changed (entries of files not in this run are dropped). Returns
   * a warning note when it cannot be written; the run goes on as if without a cache.
   */
  save(): ReportNote | null {
    if (!this.changed && this.next.size === this.oldCount) return null;
    if (this.state === 'foreign') {
      return { level: 'warning', file: null, message: `${this.options.shownAs} is not a prompt-cost-lint cache file: it was left alone and nothing was cached (choose another --cache-location).` };
    }
    const data: CacheData = { format: 'prompt-cost-lint-cache', version: CACHE_FORMAT_VERSION, key: this.options.key, models: this.models, entries: Object.fromEntries(this.next) };
    const file = this.options.file;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, file);
      return null;
    } catch (err) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
      const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
      return { level: 'warning', file: null, message: `The cache could not be written to ${this.options.shownAs} (${why}); the results were not cached.` };
    }
  }
}
