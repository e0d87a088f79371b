/** Shared helpers for the Python front-end tests: parse, analyse, and read values back as text. */
import { testParsers } from '../../helpers/wasm';
import { MemFs } from '../../helpers/memfs';
import { analyzePython } from '../../../src/core/lang/python/index';
import type { ParsedModule } from '../../../src/core/lang/frontend';
import type { Candidate, FrontEndResult, PromptValue, Val } from '../../../src/core/types';
import { callFilters, mayBeLlmCall } from '../../../src/core/sdk';
import assert from 'node:assert/strict';

export interface Analysis extends FrontEndResult {
  src: string;
  fs: MemFs;
  /** Candidates whose callee text (as written) is `callee`. */
  at(callee: string): Candidate[];
  one(callee: string): Candidate;
}

/**
 * `filters`: pass the engine's call-name filters (then bodies that cannot hold an LLM call are
 * scanned on demand, as in the editor); without them every body is scanned up front.
 */
export async function analyze(src: string, opts: { path?: string; files?: Record<string, string>; filters?: boolean } = {}): Promise<Analysis> {
  const parsers = await testParsers();
  const path = opts.path ?? '/ws/app/main.py';
  const files = { ...(opts.files ?? {}) };
  const fs = new MemFs(files);
  const tree = parsers.parse('python', src);
  const trees: Array<{ delete(): void }> = [tree];
  const cache = new Map<string, unknown>();
  const loadModule = (abs: string): ParsedModule | null => {
    if (!Object.prototype.hasOwnProperty.call(files, abs) || !abs.endsWith('.py')) return null;
    const text = files[abs]!;
    const t = parsers.parse('python', text);
    trees.push(t);
    return { path: abs, language: 'python', text, tree: t };
  };
  try {
    const r = analyzePython({ path, language: 'python', text: src, tree, fs, loadModule, cache, ...(opts.filters ? callFilters(src) : {}) });
    if (!opts.filters) {
      // Every test here also checks that the engine's filters (bodies scanned on demand) find the
      // same LLM call candidates as scanning everything up front.
      const lazy = analyzePython({ path, language: 'python', text: src, tree, fs, loadModule, cache: new Map(), ...callFilters(src) });
      assert.deepEqual(
        lazy.candidates.filter((c) => mayBeLlmCall(c.callee)),
        r.candidates.filter((c) => mayBeLlmCall(c.callee)),
        'the call-name filters change the LLM call candidates',
      );
    }
    const at = (callee: string) => r.candidates.filter((c) => src.slice(c.calleeSpan.start, c.calleeSpan.end) === callee);
    return {
      ...r,
      src,
      fs,
      at,
      one(callee: string) {
        const all = at(callee);
        if (all.length !== 1) throw new Error(`expected one candidate for ${callee}, got ${all.length}: ${r.candidates.map((c) => src.slice(c.calleeSpan.start, c.calleeSpan.end)).join(', ')}`);
        return all[0]!;
      },
    };
  } finally {
    for (const t of trees) t.delete();
  }
}

/** Render a prompt value: static text as is, holes as ⟨expr|hint⟩. */
export function render(pv: PromptValue): string {
  return pv.segments.map((s) => (s.kind === 'static' ? s.text : `⟨${s.expr}|${s.hint}⟩`)).join('');
}

/** A keyword argument's value. */
export function kw(c: Candidate, key: string): Val {
  const e = c.args.named.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no keyword ${key}; have ${c.args.named.entries.map((x) => x.key).join(', ')}`);
  return e.value;
}

export function text(v: Val): string {
  if (v.t !== 'str') throw new Error(`expected str, got ${v.t}${v.t === 'unknown' ? ` (${v.expr})` : ''}`);
  return render(v.value);
}

/** The callee path with calls shown as '()'. */
export function pathOf(c: Candidate): string {
  return c.callee.path.map((p) => (typeof p === 'string' ? p : '()')).join('.');
}

/** Does the text parse without ERROR/MISSING nodes? */
export async function parsesCleanly(src: string): Promise<boolean> {
  const parsers = await testParsers();
  const t = parsers.parse('python', src);
  try {
    return !t.rootNode.hasError;
  } finally {
    t.delete();
  }
}
