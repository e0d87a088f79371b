/**
 * What a language front end (src/core/lang/python, src/core/lang/js) receives and returns.
 * A front end: walks one file's syntax tree, resolves every call's callee through imports and
 * bindings to a QName, resolves its arguments to Val (types.ts), works out the call's context
 * (loops, retries, handlers, tests), and returns the candidates. It knows nothing of SDKs beyond
 * which module names are worth following (everything imported is followed; the SDK recognizers
 * decide). It never throws: anything it cannot understand becomes an 'unknown' value.
 */
import type { Tree } from '../parse/parser';
import type { FrontEndResult, Language, WorkspaceFs } from '../types';

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
}

export type FrontEnd = (ctx: FrontEndContext) => FrontEndResult;
