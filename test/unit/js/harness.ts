/** Test harness for the JS/TS front end: analyse in-memory workspaces with the real grammars. */
import { testParsers } from '../../helpers/wasm';
import { MemFs } from '../../helpers/memfs';
import { analyzeJs } from '../../../src/core/lang/js/index';
import { languageOfPath, type Parsers, type Tree } from '../../../src/core/parse/parser';
import type { Candidate, FrontEndResult, Language, QName, Segment, Val } from '../../../src/core/types';
import type { ParsedModule } from '../../../src/core/lang/frontend';
import { callFilters, mayBeLlmCall } from '../../../src/core/sdk';
import assert from 'node:assert/strict';

export interface Analysis extends FrontEndResult {
  text: string;
  fs: MemFs;
  parsers: Parsers;
  /** The candidate whose source starts with `prefix` (the n-th such, default first). */
  find(prefix: string, n?: number): Candidate;
  all(prefix: string): Candidate[];
  src(c: { start: number; end: number }): string;
}

/**
 * Analyse `files[entry]` (absolute paths). Other files are workspace files: source modules for
 * imports, prompt files for reads. `lang` defaults to the entry's extension.
 */
export async function analyze(files: Record<string, string>, entry: string, lang?: Language): Promise<Analysis> {
  const parsers = await testParsers();
  const fs = new MemFs({ ...files });
  const text = files[entry]!;
  const language = lang ?? languageOfPath(entry) ?? 'typescript';
  const trees: Tree[] = [];
  const tree = parsers.parse(language, text);
  trees.push(tree);
  const mods = new Map<string, ParsedModule | null>();
  const loadModule = (abs: string): ParsedModule | null => {
    if (mods.has(abs)) return mods.get(abs)!;
    const t = fs.readText(abs);
    const l = languageOfPath(abs);
    let pm: ParsedModule | null = null;
    if (t !== null && l) {
      const tr = parsers.parse(l, t);
      trees.push(tr);
      pm = { path: abs, language: l, text: t, tree: tr };
    }
    mods.set(abs, pm);
    return pm;
  };
  const r = analyzeJs({ path: entry, language, text, tree, fs, loadModule, cache: new Map() });
  // The engine passes its call-name filters: then only calls written with an accepted name are
  // looked at, found from the text. Every test here also checks that this finds the same LLM
  // call candidates as looking at every call of the tree.
  const filtered = analyzeJs({ path: entry, language, text, tree, fs, loadModule, cache: new Map(), ...callFilters(text) });
  assert.deepEqual(
    filtered.candidates.filter((c) => mayBeLlmCall(c.callee)),
    r.candidates.filter((c) => mayBeLlmCall(c.callee)),
    'the call-name filters change the LLM call candidates',
  );
  const src = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  const all = (prefix: string) => r.candidates.filter((c) => src(c.span).startsWith(prefix));
  return {
    ...r,
    text,
    fs,
    parsers,
    src,
    all,
    find(prefix: string, n = 0) {
      const c = all(prefix)[n];
      if (!c) throw new Error(`no candidate starting with ${JSON.stringify(prefix)}; have:\n${r.candidates.map((x) => '  ' + src(x.span).slice(0, 60)).join('\n')}`);
      return c;
    },
  };
}

/** A QName's path with calls shown as '()' (args dropped), for compact assertions. */
export function pathOf(q: QName): string[] {
  return q.path.map((p) => (typeof p === 'string' ? p : '()'));
}

/** Render a string value: static text as is, holes as ${hint:expr}. */
export function render(v: Val | undefined): string {
  if (!v) return '<missing>';
  if (v.t !== 'str') return `<${v.t}>`;
  return renderSegs(v.value.segments);
}

export function renderSegs(segs: Segment[]): string {
  return segs.map((s) => (s.kind === 'static' ? s.text : `\${${s.hint}:${s.expr}}`)).join('');
}

/** The value of a named argument. */
export function arg(c: Candidate, key: string): Val | undefined {
  return c.args.named.entries.find((e) => e.key === key)?.value;
}

/** Apply a property insertion at an InsertPoint. */
export function applyInsert(text: string, ins: { offset: number; prefix: string; suffix: string }, entry: string): string {
  return text.slice(0, ins.offset) + ins.prefix + entry + ins.suffix + text.slice(ins.offset);
}

export function hasErrorNode(parsers: Parsers, language: Language, text: string): boolean {
  const t = parsers.parse(language, text);
  try {
    return t.rootNode.hasError;
  } finally {
    t.delete();
  }
}
