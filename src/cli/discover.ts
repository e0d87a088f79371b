/**
 * File discovery: expand the command line's paths (files and folders) into the source files to
 * analyse, in a stable sorted order.
 *
 * - Source files: .py .pyi .ts .tsx .mts .cts .js .jsx .mjs .cjs
 * - `.gitignore` files are honoured, at the git root and nested (git's rules, via `ignore`), plus
 *   `.git/info/exclude`; the config's `exclude` globs are matched (via `picomatch`) against the
 *   path relative to the config file's folder.
 * - `node_modules`, `.git`, `.venv`, `venv`, `__pycache__`, `dist`, `build` are never entered; build
 *   folders (`dist`, `build`) that neither `.gitignore` nor a config file's own `exclude` leaves out
 *   get one note (they may hold code someone ships), naming how to check them.
 * - Symlinked folders are followed only when they resolve inside the folder being walked, and each
 *   real folder is visited once, so symlink cycles end.
 * - A file named explicitly is analysed even when ignored (with a note), like ESLint.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { findGitRoot } from './config';

export const SOURCE_EXTENSIONS: readonly string[] = ['.py', '.pyi', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
export const DEFAULT_SKIP_DIRS: readonly string[] = ['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'build'];
/** Of those, the ones that can hold the project's own (built) code. */
const BUILD_DIRS = new Set(['dist', 'build']);

export interface DiscoverOptions {
  cwd: string;
  /** Glob patterns (config `exclude`). */
  exclude: readonly string[];
  /** Folder the globs are relative to (the config file's folder, else the cwd). */
  excludeBase: string;
  /** `exclude` was written in a config file (not the default list, which names the build folders itself). */
  excludeWritten?: boolean;
}

export interface DiscoverNote {
  level: 'info' | 'warning' | 'error';
  /** Path as shown to the user (relative to the cwd when inside it). */
  path: string;
  message: string;
}

export interface DiscoverResult {
  /** Absolute native paths, sorted, without duplicates. */
  files: string[];
  /** Real paths of the folders walked and the explicit files (the roots the fs may read). */
  roots: string[];
  notes: DiscoverNote[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

export function isSourceFile(name: string): boolean {
  const lower = name.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.d.ts') && !/\.d\.[mc]ts$/.test(lower);
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * The part of `p` after `root` and a separator when that part is already normalised (no empty,
 * `.` or `..` segment, as `join` and `resolve` leave paths): what `path.relative(root, p)` returns,
 * without its cost (it normalises both paths on every call). null: not that simple, ask `relative`.
 */
function plainRest(root: string, p: string): string | null {
  if (p.length <= root.length + 1 || p[root.length] !== sep || root.endsWith(sep) || !p.startsWith(root)) return null;
  const rest = p.slice(root.length + 1);
  return /(^|[\\/])\.{0,2}([\\/]|$)/.test(rest) ? null : rest;
}

function isInside(root: string, p: string): boolean {
  if (p === root) return true;
  // (A plain rest never climbs out; a name that merely starts with `..`, like `..cache`, is inside.)
  if (plainRest(root, p) !== null) return true;
  const rel = relative(root, p);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * `abs` relative to `base`, '/'-separated, no leading './' (`../x.py` when outside `base`; the
 * absolute path only when there is no relative one, e.g. another drive on Windows).
 */
export function relPath(base: string, abs: string): string {
  const rest = plainRest(base, abs);
  if (rest !== null) return toPosix(rest);
  const rel = relative(base, abs);
  if (rel === '') return '.';
  return isAbsolute(rel) ? toPosix(abs) : toPosix(rel);
}

/** `.gitignore` matchers keyed by the folder they live in, loaded lazily. */
class GitIgnores {
  private readonly cache = new Map<string, Ignore | null>();
  private readonly chains = new Map<string, ReadonlyArray<[string, Ignore]>>();

  constructor(private readonly gitRoot: string | null) {}

  private load(dir: string): Ignore | null {
    if (this.cache.has(dir)) return this.cache.get(dir)!;
    let ig: Ignore | null = null;
    const sources = [join(dir, '.gitignore')];
    if (dir === this.gitRoot) sources.push(join(dir, '.git', 'info', 'exclude'));
    for (const file of sources) {
      // Most folders have none: asking first is cheaper than the exception a failed read throws.
      if (!existsSync(file)) continue;
      try {
        const text = readFileSync(file, 'utf8');
        ig ??= ignore();
        ig.add(text);
      } catch {
        // no ignore file here
      }
    }
    this.cache.set(dir, ig);
    return ig;
  }

  /** The folders from `dir` up to `base` (or the file-system root) that hold ignore rules, deepest first; once per folder. */
  private withIgnores(dir: string, base: string): ReadonlyArray<[string, Ignore]> {
    const key = `${base}\0${dir}`;
    let list = this.chains.get(key);
    if (!list) {
      const parent = dirname(dir);
      const above = dir === base || parent === dir ? [] : this.withIgnores(parent, base);
      const ig = this.load(dir);
      list = ig ? [[dir, ig], ...above] : above;
      this.chains.set(key, list);
    }
    return list;
  }

  /**
   * Whether `abs` is ignored by the .gitignore files between the git root (or `top` when not in a
   * repository) and its folder. The deepest file with a matching rule decides, as in git.
   */
  ignored(abs: string, isDir: boolean, top: string): boolean {
    const base = this.gitRoot !== null && isInside(this.gitRoot, abs) ? this.gitRoot : top;
    if (!isInside(base, abs) || abs === base) return false;
    for (const [d, ig] of this.withIgnores(dirname(abs), base)) {
      const rel = toPosix(relative(d, abs)) + (isDir ? '/' : '');
      const r = ig.test(rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }
}

class Excluder {
  private readonly files: picomatch.Matcher | null;
  /** Patterns of the form `X/**`: prune a folder matching `X` without walking it. */
  private readonly dirs: picomatch.Matcher | null;

  constructor(patterns: readonly string[], private readonly base: string) {
    const clean = patterns.map((p) => p.replace(/^\.\//, '')).filter((p) => p.trim() !== '');
    this.files = clean.length ? picomatch(clean, { dot: true }) : null;
    const dirPatterns = clean.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3));
    this.dirs = dirPatterns.length ? picomatch(dirPatterns, { dot: true }) : null;
  }

  private rel(abs: string): string | null {
    if (!isInside(this.base, abs) || abs === this.base) return null;
    return toPosix(plainRest(this.base, abs) ?? relative(this.base, abs));
  }

  excludesFile(abs: string): boolean {
    const rel = this.rel(abs);
    return rel !== null && this.files !== null && this.files(rel);
  }

  excludesDir(abs: string): boolean {
    const rel = this.rel(abs);
    return rel !== null && this.dirs !== null && this.dirs(rel);
  }
}

/** Expand paths into source files. Never throws for a bad path: missing ones are listed in `missing`. */
export function discoverFiles(paths: readonly string[], options: DiscoverOptions): DiscoverResult {
  const cwd = resolve(options.cwd);
  const files = new Set<string>();
  const roots = new Set<string>();
  const notes: DiscoverNote[] = [];
  const missing: string[] = [];
  const excluder = new Excluder(options.exclude, resolve(options.excludeBase));
  const show = (abs: string) => relPath(cwd, abs);
  /** Build folders skipped by default that nothing else leaves out. */
  const builds: string[] = [];
  /** A symbolic link was followed: a file may have been reached twice. */
  let linked = false;

  for (const given of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, given);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    const gitignores = new GitIgnores(findGitRoot(abs));
    if (st.isFile()) {
      if (!isSourceFile(abs)) {
        notes.push({ level: 'warning', path: show(abs), message: 'not a Python, TypeScript or JavaScript file; skipped' });
        continue;
      }
      try {
        roots.add(dirname(realpathSync(abs)));
      } catch {
        // unreadable; the fs will say so
      }
      const top = dirname(abs);
      if (gitignores.ignored(abs, false, top) || excluder.excludesFile(abs)) {
        notes.push({ level: 'info', path: show(abs), message: 'ignored by .gitignore or exclude, analysed because it was named explicitly' });
      }
      files.add(abs);
      continue;
    }
    if (!st.isDirectory()) {
      notes.push({ level: 'warning', path: show(abs), message: 'not a file or folder; skipped' });
      continue;
    }
    let realRoot: string;
    try {
      realRoot = realpathSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    roots.add(realRoot);
    if (gitignores.ignored(abs, true, abs) || excluder.excludesDir(abs) || excluder.excludesFile(join(abs, '_'))) {
      // A folder named explicitly is checked even when ignored (as a named file is); only the
      // .gitignore files inside it apply then.
      notes.push({ level: 'info', path: show(abs), message: 'folder ignored by .gitignore or exclude, checked because it was named explicitly' });
      if (walk(abs, realRoot, new GitIgnores(null), new Excluder([], abs), files, notes, show, { list: builds, byExclude: false })) linked = true;
      continue;
    }
    if (walk(abs, realRoot, gitignores, excluder, files, notes, show, { list: builds, byExclude: !!options.excludeWritten })) linked = true;
  }
  if (builds.length) {
    const names = builds.slice(0, 3).map((b) => `${show(b)}/`).join(', ') + (builds.length > 3 ? `, and ${builds.length - 3} more` : '');
    notes.push({
      level: 'info',
      path: show(builds[0]!),
      message: `build folder${builds.length === 1 ? '' : 's'} not analysed: ${names} (skipped by default; name a folder on the command line to check it)`,
    });
  }

  const sorted = [...files].sort((a, b) => {
    const ra = toPosix(a);
    const rb = toPosix(b);
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
  // A file reached twice (through a symlink and directly) is analysed once, so it is not counted twice.
  // One path walked without following a link reaches each file once: nothing to check.
  if (!linked && paths.length <= 1) return { files: sorted, roots: [...roots], notes, missing };
  const seenReal = new Set<string>();
  const unique = sorted.filter((f) => {
    let real = f;
    try {
      real = realpathSync(f);
    } catch {
      // keep it; reading will report the problem
    }
    if (seenReal.has(real)) return false;
    seenReal.add(real);
    return true;
  });
  return { files: unique, roots: [...roots], notes, missing };
}

function walk(
  top: string,
  realTop: string,
  gitignores: GitIgnores,
  excluder: Excluder,
  files: Set<string>,
  notes: DiscoverNote[],
  show: (abs: string) => string,
  /**
   * Where to list skipped build folders nothing else leaves out: not `.gitignore`, nor a config's
   * own `exclude` (`byExclude`; the default list names them itself, so it does not count).
   */
  builds: { list: string[]; byExclude: boolean },
): boolean {
  const visited = new Set<string>([realTop]);
  // Each folder with its real path: a folder entry that is not a link is its parent's real path plus its name.
  const stack: Array<[dir: string, real: string]> = [[top, realTop]];
  let linked = false;
  while (stack.length) {
    const [dir, realDir] = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      notes.push({ level: 'warning', path: show(dir), message: 'folder cannot be read; skipped' });
      continue;
    }
    for (const e of entries) {
      // `dir` is normalised and a name holds no separator: what `join` returns, without its cost.
      const abs = dir.endsWith(sep) ? dir + e.name : dir + sep + e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let real = '';
      if (e.isSymbolicLink()) {
        linked = true;
        try {
          real = realpathSync(abs);
          const st = statSync(real);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
        if (!isInside(realTop, real)) {
          if (isDir || isSourceFile(e.name)) {
            notes.push({ level: 'info', path: show(abs), message: 'symbolic link pointing outside the folder being checked; not followed' });
          }
          continue;
        }
        if (isDir) {
          if (visited.has(real)) continue; // cycle or already walked through another link
          visited.add(real);
        }
      } else if (isDir) {
        real = realDir.endsWith(sep) ? realDir + e.name : realDir + sep + e.name;
        if (visited.has(real)) continue;
        visited.add(real);
      }
      if (isDir) {
        if (DEFAULT_SKIP_DIRS.includes(e.name)) {
          if (BUILD_DIRS.has(e.name) && !gitignores.ignored(abs, true, top) && !(builds.byExclude && excluder.excludesDir(abs))) builds.list.push(abs);
          continue;
        }
        if (excluder.excludesDir(abs) || gitignores.ignored(abs, true, top)) continue;
        stack.push([abs, real]);
      } else if (isFile && isSourceFile(e.name)) {
        if (excluder.excludesFile(abs) || gitignores.ignored(abs, false, top)) continue;
        files.add(abs);
      }
    }
  }
  return linked;
}

