/**
 * The editor's `WorkspaceFs`: how the core reads prompt files and imported modules. Node `fs`
 * (the core asks synchronously), confined to the workspace folders:
 *   - the real path (symlinks resolved) must lie inside the real path of a workspace root, so a
 *     symlink pointing out, `../../etc/passwd` or an absolute path elsewhere reads as null;
 *   - UNC / network paths (`//host/share`, `\\host\share`) are never touched;
 *   - files larger than `maxBytes()` and binary files (a NUL byte) read as null;
 *   - any error (missing, unreadable, a symlink loop, a directory) reads as null.
 * No `vscode` import: the roots come in as a function, so this file is unit-testable.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { WorkspaceFs } from '../core/types';

export interface FsAdapterOptions {
  /** Absolute paths of the workspace folders (any separator). */
  roots(): readonly string[];
  /** Largest file read, in bytes. */
  maxBytes(): number;
  /** When false every read is refused (untrusted workspace). Default: always allowed. */
  allowed?(): boolean;
}

/** True for UNC and other network-looking paths, which are never read. */
export function isNetworkPath(p: string): boolean {
  return /^(\\\\|\/\/)/.test(p) || /^\\\\\?\\UNC\\/i.test(p);
}

/** `child` equals `parent` or lies below it (both already real, normalised paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = nodePath.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

export class FsAdapter implements WorkspaceFs {
  private realRootsKey = '';
  private realRoots: string[] = [];

  constructor(private readonly options: FsAdapterOptions) {}

  readText(absPath: string): string | null {
    try {
      if (typeof absPath !== 'string' || absPath.length === 0 || absPath.includes('\0')) return null;
      if (this.options.allowed && !this.options.allowed()) return null;
      if (isNetworkPath(absPath)) return null;
      if (!nodePath.isAbsolute(absPath)) return null;
      const real = fs.realpathSync.native(nodePath.normalize(absPath));
      if (isNetworkPath(real)) return null;
      if (!this.roots().some((root) => isInside(root, real))) return null;
      const stat = fs.statSync(real);
      if (!stat.isFile() || stat.size > this.options.maxBytes()) return null;
      const bytes = fs.readFileSync(real);
      if (bytes.includes(0)) return null;
      return bytes.toString('utf8').replace(/^\uFEFF/, '');
    } catch {
      return null;
    }
  }

  /** Real paths of the roots, recomputed only when the list of roots changes. */
  private roots(): string[] {
    const roots = this.options.roots();
    const key = roots.join('\n');
    if (key !== this.realRootsKey) {
      this.realRootsKey = key;
      this.realRoots = roots.flatMap((root) => {
        if (isNetworkPath(root)) return [];
        try {
          return [fs.realpathSync.native(root)];
        } catch {
          return [];
        }
      });
    }
    return this.realRoots;
  }
}
