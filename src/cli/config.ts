/**
 * `.prompt-cost.json`: found from `--config`, else by walking up from the working directory to the
 * git root (or the file-system root). Parsed as strict JSON and validated by the same zod schema the
 * editor settings use (`parseConfig`). The CLI is strict: any problem is reported and exits 2
 * (the editor is lenient and keeps going with defaults for the bad keys).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseConfig, type Config } from '../core/config/schema';

export const CONFIG_FILE_NAME = '.prompt-cost.json';

export interface LoadedConfig {
  /** Absolute path of the config file, null when none was found (defaults apply). */
  path: string | null;
  /** The raw object as written (to hand to `engine.configure`). */
  raw: unknown;
  config: Config;
  /** Folder that relative `exclude` globs are matched from: the config file's folder, else the cwd. */
  baseDir: string;
}

export type ConfigResult = { ok: true; loaded: LoadedConfig } | { ok: false; errors: string[] };

/** The nearest folder at or above `from` that holds `.git` (a folder or a worktree file). */
export function findGitRoot(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Walk up from `cwd` to the git root (inclusive) or the file-system root looking for `.prompt-cost.json`. */
export function findConfigFile(cwd: string): string | null {
  const stop = findGitRoot(cwd);
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
    if (stop !== null && dir === stop) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** 1-based line and column of a UTF-16 offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse JSON text; on failure return the message with a 1-based line:column when the JS engine
 * reports a position.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const m = /at position (\d+)/.exec(raw);
    const message = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    if (m) return { ok: false, message, ...lineCol(text, Number(m[1])) };
    if (/Unexpected end of JSON input/.test(raw)) return { ok: false, message, ...lineCol(text, text.length) };
    return { ok: false, message };
  }
}

/** How a config path is shown in messages: relative to the cwd when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return abs.split(sep).join('/');
}

/** Find, read, parse and validate the config. Every problem is returned as one ready-to-print line. */
export function loadConfig(cwd: string, explicit: string | null): ConfigResult {
  const path = explicit !== null ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (path === null) {
    const { config } = parseConfig(undefined);
    return { ok: true, loaded: { path: null, raw: undefined, config, baseDir: resolve(cwd) } };
  }
  const shown = displayPath(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`;
    return { ok: false, errors: [`${shown}: ${why}`] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const where = parsed.line !== undefined ? `:${parsed.line}:${parsed.column}` : '';
    return { ok: false, errors: [`${shown}${where}: invalid JSON: ${parsed.message}`] };
  }
  const { config, problems } = parseConfig(parsed.value);
  if (problems.length) return { ok: false, errors: problems.map((p) => `${shown}: ${p.path}: ${p.message}`) };
  return { ok: true, loaded: { path, raw: parsed.value, config, baseDir: dirname(path) } };
}
