/**
 * The Node implementation of the core's `WorkspaceFs`, and the wasm loader for the bundle.
 *
 * Reads only inside the given roots: every path is resolved with `realpath` first, so a symlink
 * that points outside a root is refused. Network (UNC) paths are refused without touching them.
 * Binary files (a NUL byte in the first 8 KB) and files above the size limit are skipped. Every
 * failure is a `null` (with a reason for the CLI's notes), never an exception.
 */
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { WorkspaceFs } from '../core/types';
import type { WasmFile, WasmLoader } from '../core/parse/parser';

export type ReadFailure = 'missing' | 'outside-roots' | 'network-path' | 'not-a-file' | 'binary' | 'too-large' | 'unreadable';

/**
 * `bom`: the file started with a UTF-8 byte order mark (removed from `text`; `--fix` writes it back).
 * `mayHoldCall`: what the engine's prefilter said of `text`, when the reader already asked it
 * (`prefilterReader`), so the engine does not scan the text a second time.
 */
export type ReadResult = { ok: true; text: string; bom: boolean; mayHoldCall?: boolean } | { ok: false; reason: ReadFailure };

/** A file's bytes, before `decode` looks at them (the cache hashes these: `--cache-strategy content`). */
export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; reason: ReadFailure };

export interface NodeFsOptions {
  /** Folders whose contents may be read. */
  roots: readonly string[];
  /** Files larger than this are refused (config `maxFileSizeKb`). */
  maxFileSizeKb: number;
}

const BINARY_SNIFF_BYTES = 8192;

/** `\\server\share`, `//server/share`, `\\?\UNC\…`: never touched. */
export function isNetworkPath(p: string): boolean {
  return /^[\\/]{2}/.test(p);
}

function inside(root: string, p: string): boolean {
  if (p === root) return true;
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function describeReadFailure(reason: ReadFailure, maxFileSizeKb: number): string {
  switch (reason) {
    case 'missing':
      return 'file not found';
    case 'outside-roots':
      return 'outside the workspace (after resolving symlinks); not read';
    case 'network-path':
      return 'network path; not read';
    case 'not-a-file':
      return 'not a regular file';
    case 'binary':
      return 'binary file; skipped';
    case 'too-large':
      return `larger than ${maxFileSizeKb} KB (maxFileSizeKb); skipped`;
    case 'unreadable':
      return 'cannot be read';
  }
}

export class NodeWorkspaceFs implements WorkspaceFs {
  private readonly roots: string[];
  private readonly maxBytes: number;
  /** Real paths of the folders files were read from (see `realPath`). */
  private readonly realDirs = new Map<string, string>();

  constructor(options: NodeFsOptions) {
    this.roots = [];
    for (const r of options.roots) {
      if (isNetworkPath(r)) continue;
      try {
        this.roots.push(realpathSync(resolve(r)));
      } catch {
        // a root that does not exist admits nothing
      }
    }
    this.maxBytes = options.maxFileSizeKb * 1024;
  }

  /** The folders it may read, as real paths, without those inside another: the same set whatever order or overlap they were given in. */
  effectiveRoots(): string[] {
    const sorted = [...new Set(this.roots)].sort();
    return sorted.filter((r) => !sorted.some((other) => other !== r && inside(other, r)));
  }

  /** Whether an (already real) path lies inside a root. */
  private allowed(real: string): boolean {
    return this.roots.some((root) => inside(root, real));
  }

  /** Read a file as UTF-8 (a leading BOM removed), or say why not. Never throws. */
  read(absPath: string): ReadResult {
    return this.decode(this.readBytes(absPath));
  }

  /** What `read` returns for these bytes: binary (a NUL byte in the first 8 KB) or text without its BOM. */
  decode(r: BytesResult): ReadResult {
    if (!r.ok) return r;
    const buf = r.bytes;
    if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary' };
    let text = buf.toString('utf8');
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    return { ok: true, text, bom };
  }

  /** The bytes of a file inside the roots and within the size limit, or why not. Never throws. */
  readBytes(absPath: string): BytesResult {
    if (typeof absPath !== 'string' || absPath === '' || isNetworkPath(absPath)) return { ok: false, reason: 'network-path' };
    if (!isAbsolute(absPath)) return { ok: false, reason: 'outside-roots' };
    let real: string;
    try {
      real = this.realPath(absPath);
    } catch (e) {
      return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
    }
    if (isNetworkPath(real)) return { ok: false, reason: 'network-path' };
    if (!this.allowed(real)) return { ok: false, reason: 'outside-roots' };
    let fd: number | undefined;
    try {
      fd = openSync(real, 'r');
      const st = fstatSync(fd);
      if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
      if (st.size > this.maxBytes) return { ok: false, reason: 'too-large' };
      const bytes = readFileSync(fd);
      if (bytes.length > this.maxBytes) return { ok: false, reason: 'too-large' };
      return { ok: true, bytes };
    } catch {
      return { ok: false, reason: 'unreadable' };
    } finally {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
      }
    }
  }

  /**
   * `realpathSync(absPath)`, with one `lstat` per file: a file that is not a symlink has the real
   * path of its folder plus its name, and folders are resolved once per instance (the CLI reads
   * thousands of files from a few hundred folders; resolving each path from the root was ≈ 5
   * `lstat`s per file). A symlinked file is resolved in full, as before.
   */
  private realPath(absPath: string): string {
    const name = basename(absPath);
    if (name === '' || name === '.' || name === '..' || absPath.endsWith(sep) || absPath.endsWith('/')) return realpathSync(absPath);
    if (lstatSync(absPath).isSymbolicLink()) return realpathSync(absPath);
    const dir = dirname(absPath);
    let realDir = this.realDirs.get(dir);
    if (realDir === undefined) {
      realDir = realpathSync(dir);
      this.realDirs.set(dir, realDir);
    }
    return join(realDir, name);
  }

  readText(absPath: string): string | null {
    const r = this.read(toNative(absPath));
    return r.ok ? r.text : null;
  }
}

/** The core speaks '/'-separated paths; on Windows turn them back into native ones. */
export function toNative(p: string): string {
  return sep === '/' ? p : p.split('/').join(sep);
}

/** An absolute native path as the core wants it: '/'-separated. */
export function toCorePath(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Loads the tree-sitter wasm files: from `wasm/` next to the bundle (dist/cli.js → dist/wasm/),
 * falling back to node_modules when running from source (tsx).
 */
export function createWasmLoader(bundleDir: string = __dirname): WasmLoader {
  return async (file: WasmFile) => {
    try {
      return readFileSync(join(bundleDir, 'wasm', file));
    } catch {
      const req = createRequire(join(bundleDir, 'noop.js'));
      const path =
        file === 'web-tree-sitter.wasm'
          ? join(dirname(req.resolve('web-tree-sitter')), file)
          : join(dirname(req.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm', file);
      return readFileSync(path);
    }
  };
}
