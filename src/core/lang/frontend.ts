/**
 * What a language front end (src/core/lang/python, src/core/lang/js) receives and returns.
 * A front end: walks one file's syntax tree, resolves every call's callee through imports and
 * bindings to a QName, resolves its arguments to Val (types.ts), works out the call's context
 * (loops, retries, handlers, tests), and returns the candidates. It knows nothing of SDKs beyond
 * which module names are worth following (everything imported is followed; the SDK recognizers
 * decide). It never throws: anything it cannot understand becomes an 'unknown' value.
 */
import type { Tree } from '../parse/parser';
import type { FrontEndResult, Language, QName, WorkspaceFs } from '../types';

export interface ParsedModule {
  path: string;
  language: Language;
  text: string;
  tree: Tree;
}

export interface FrontEndContext {
  /** Absolute '/'-separated path of the file (may be a virtual path like '/untitled-1.py'). */
  path: string;
  language: Language;
  text: string;
  tree: Tree;
  fs: WorkspaceFs;
  /**
   * Parse another workspace file, for constants imported from it. Cached per analysis run; the
   * tree is owned by the cache (do not delete it). null when unreadable, not a source file, or
   * outside the workspace.
   */
  loadModule(absPath: string): ParsedModule | null;
  /** A per-run cache front ends may use for per-module results (keyed by their own strings). */
  cache: Map<string, unknown>;
  /**
   * The workspace folder that contains the file, when known. Heuristics that look at folder
   * names (a `tests/` folder holds tests) use the path relative to it, so a project that itself
   * lives under some `/test/` folder is not all "test code".
   */
  root?: string;
  /**
   * Cheap filter on a resolved callee, from the SDK recognizers: when it returns false the front
   * end skips resolving that call's arguments and context (most calls in a file are not LLM calls).
   */
  wanted?(callee: QName): boolean;
  /**
   * Cheaper still, before resolution: the name a call is written with (`name` in `x.name(…)` or
   * `name(…)`). When it returns false the front end does not resolve that callee at all.
   */
  wantedName?(name: string): boolean;
  /**
   * With `wantedName`: false when no call written in the part `start`–`end` of `text` (a function
   * body) passes it. Front ends may then leave that body unscanned until a lookup needs it.
   */
  mayHoldCallIn?(start: number, end: number): boolean;
}

/** The path heuristics should look at: relative to the workspace root when the file is inside it. */
export function heuristicPath(path: string, root: string | undefined): string {
  if (!root) return path;
  const r = root.endsWith('/') ? root : root + '/';
  return path.startsWith(r) ? path.slice(r.length) : path;
}

export type FrontEnd = (ctx: FrontEndContext) => FrontEndResult;
