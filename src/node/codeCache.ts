/**
 * Loads one of our own CommonJS bundles with V8's code cache, the way `v8-compile-cache` and
 * Node's `module.enableCompileCache()` do, but for that file only (nothing else in a shared
 * extension host is affected). The cache holds the bytecode of every function compiled when it
 * was written — after the first analysis, so the parser glue, the front ends and the rules — and
 * a later start skips compiling them: the first analysis of a session runs ≈40–60 ms sooner on
 * the benchmark machines (docs/performance.md).
 *
 * V8 checks the cache against its own version and flags and rejects a damaged one
 * (`cachedDataRejected`), but of the source it checks only the length: the cache file therefore
 * starts with a hash of the bundle's bytes, and a cache written for other bytes is not given to V8
 * (a rebuild that keeps the length would otherwise run the old code). Either way the bundle is
 * then compiled as usual and the cache rewritten.
 * The cache lives beside the bundle; where that folder is read-only nothing is written and
 * nothing breaks. Only the file named by the caller is ever loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** 'used' (a valid cache was found), 'rejected' (stale or damaged: compiled as usual) or 'none'. */
export type CodeCacheState = 'used' | 'rejected' | 'none';

export interface CachedLoad<T> {
  exports: T;
  cache: CodeCacheState;
  /** Write the code cache for the next start (atomically; errors are swallowed). Returns true when written. */
  save(): boolean;
}

interface NodeModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
}
type ModuleStatics = {
  new (id: string, parent?: unknown): NodeModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
};

/** Load `file` (a CommonJS bundle) with the code cache in `cacheFile` when it is there and valid. */
export function loadWithCodeCache<T>(file: string, cacheFile: string, parent?: unknown): CachedLoad<T> {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const digest = createHash('sha1').update(bytes).digest();
  let cachedData: Buffer | undefined;
  let stale = false;
  try {
    const raw = readFileSync(cacheFile);
    if (raw.length > digest.length && raw.subarray(0, digest.length).equals(digest)) cachedData = raw.subarray(digest.length);
    else stale = true;
  } catch {
    cachedData = undefined;
  }
  const M = Module as unknown as ModuleStatics;
  const script = new Script(M.wrap(source), { filename: file, cachedData });
  const cache = cachedData === undefined ? (stale ? 'rejected' : 'none') : script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new M(file, parent);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: (id: string) => unknown, module: NodeModule, filename: string, dirname: string) => void;
  // A full `require` (resolve, cache) for that file: the editor's API module resolves for the extension it is in.
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return {
    exports: mod.exports as T,
    cache,
    save() {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, Buffer.concat([digest, script.createCachedData()]));
        renameSync(tmp, cacheFile);
        return true;
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing was written
        }
        return false;
      }
    },
  };
}
