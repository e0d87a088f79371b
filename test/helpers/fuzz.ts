/**
 * Fuzzing helpers: the corpus (fixtures and examples), fast-check mutators that damage real code
 * the way editing and vendoring do, a spy WorkspaceFs confined to the corpus, and a checker that a
 * `FileAnalysis` is well-formed (spans inside the text and inside their call, fixes applicable).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import type { FileAnalysis } from '../../src/core/engine';
import type { Span, WorkspaceFs } from '../../src/core/types';
import { languageOfPath } from '../../src/core/parse/parser';

export const REPO = join(__dirname, '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const EXAMPLES = join(REPO, 'examples');

/** Virtual roots the engine sees (no `test/` folder in the path, so test-code heuristics stay off). */
export const VROOTS: Record<string, string> = { '/ws/fixtures': FIXTURES, '/ws/examples': EXAMPLES };

/** `FUZZ_RUNS=N` raises the number of fast-check runs per property (default: `fallback`). */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A fixed seed unless `FUZZ_SEED` is set (then reproducible from the printed seed). */
export function fuzzSeed(): number {
  const n = Number(process.env.FUZZ_SEED);
  return Number.isInteger(n) ? n : 20261127;
}

export interface CorpusFile {
  /** Virtual path under /ws (what the engine is given). */
  path: string;
  text: string;
}

function walk(dir: string, vdir: string, out: CorpusFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === '__snapshots__' || name.startsWith('_')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, `${vdir}/${name}`, out);
    else if (languageOfPath(name)) out.push({ path: `${vdir}/${name}`, text: readFileSync(p, 'utf8') });
  }
}

/** Every Python/TypeScript/JavaScript file of the fixtures and the examples. */
export function corpus(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const [v, real] of Object.entries(VROOTS)) walk(real, v, out);
  return out;
}

/**
 * A WorkspaceFs over the corpus roots, confined to them (real paths), recording every path the
 * core asks for. `readText` never throws; `throwing` makes every read throw (an unreadable file
 * emulated, since tests run as root and chmod 000 does not stop root).
 */
export class SpyFs implements WorkspaceFs {
  readonly requested: string[] = [];
  readonly served: string[] = [];
  constructor(private readonly mode: 'normal' | 'throwing' | 'null' = 'normal') {}
  readText(absPath: string): string | null {
    this.requested.push(absPath);
    if (this.mode === 'throwing') throw new Error(`EACCES: permission denied, open '${absPath}'`);
    if (this.mode === 'null') return null;
    for (const [v, root] of Object.entries(VROOTS)) {
      if (absPath !== v && !absPath.startsWith(v + '/')) continue;
      try {
        const realRoot = realpathSync(root);
        const real = realpathSync(root + absPath.slice(v.length));
        if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
        if (statSync(real).size > 1024 * 1024) return null;
        const text = readFileSync(real, 'utf8');
        if (text.includes('\u0000')) return null;
        this.served.push(absPath);
        return text;
      } catch {
        return null;
      }
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Snippets that break syntax in interesting ways. */
const NASTY = [
  '(', ')', '[', ']', '{', '}', '"', "'", '`', '"""', "'''", '${', 'f"', 'f"{', '}"', '\\', '\n', '\r\n', '\r', '\t',
  '#', '//', '/*', '*/', '<', '>', '</', '=>', ':', ',', '.', '...', '**', '@', 'lambda', 'async ', 'await ',
  'client.messages.create(', 'openai.chat.completions.create({', 'model=', 'model: ', 'max_tokens=', '"claude-', 'gpt-4o',
  'cache_control', 'for x in y:', 'while True:', 'try:', 'except Exception:', 'import ', 'from . import ', 'export ',
  'open(', 'Path(', '.read_text()', 'readFileSync(', '"../../../../etc/passwd"', '"/etc/passwd"', '"\\\\\\\\server\\\\share\\\\x"',
  '"//server/share/x"', '"file:///etc/passwd"', '\uFEFF', '\u0000', '\uFFFD', '\u200B', '\u2028', '\u2029', '😀', '\uD800',
  '\uDC00', 'ß', 'İ', '\u0301', '𝒳', '<script>alert(1)</script>',
];

const nasty = fc.constantFrom(...NASTY);
const junk = fc.oneof(
  nasty,
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...'()[]{}"\'`\\\n :,=+'), maxLength: 12 }),
);

type Op =
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'dupLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'deleteRange'; at: number; len: number }
  | { kind: 'dupToken'; at: number }
  | { kind: 'swapTokens'; a: number; b: number }
  | { kind: 'unbalance'; at: number; quote: string };

const pos = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('cut' as const), at: pos }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: pos, text: junk }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('deleteLine' as const), line: pos }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('dupLine' as const), line: pos }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: pos, b: pos }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('deleteRange' as const), at: pos, len: fc.nat(200) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('dupToken' as const), at: pos }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('swapTokens' as const), a: pos, b: pos }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('unbalance' as const), at: pos, quote: fc.constantFrom('"', "'", '`', '"""', "f'", '${', '{', '(') }), weight: 2 },
);

const TOKEN = /[A-Za-z_$][\w$]*|\d+|"[^"\n]*"|'[^'\n]*'|\S/g;

function tokens(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

export function applyOp(text: string, op: Op): string {
  const at = (f: number) => Math.floor(f * (text.length + 1));
  switch (op.kind) {
    case 'cut':
      return text.slice(0, at(op.at));
    case 'insert': {
      const i = at(op.at);
      return text.slice(0, i) + op.text + text.slice(i);
    }
    case 'deleteRange': {
      const i = at(op.at);
      return text.slice(0, i) + text.slice(i + op.len);
    }
    case 'unbalance': {
      const i = at(op.at);
      return text.slice(0, i) + op.quote + text.slice(i);
    }
    case 'deleteLine':
    case 'dupLine':
    case 'swapLines': {
      const lines = text.split('\n');
      const li = (f: number) => Math.floor(f * lines.length);
      if (op.kind === 'deleteLine') lines.splice(li(op.line), 1);
      else if (op.kind === 'dupLine') lines.splice(li(op.line), 0, lines[li(op.line)]!);
      else {
        const a = li(op.a);
        const b = li(op.b);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      return lines.join('\n');
    }
    case 'dupToken':
    case 'swapTokens': {
      const ts = tokens(text);
      if (ts.length === 0) return text;
      const ti = (f: number) => ts[Math.floor(f * ts.length)]!;
      if (op.kind === 'dupToken') {
        const t = ti(op.at);
        return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end);
      }
      let a = ti(op.a);
      let b = ti(op.b);
      if (a.start === b.start) return text;
      if (a.start > b.start) [a, b] = [b, a];
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
  }
}

/** Line-ending and BOM variants of a text. */
export type Variant = 'as-is' | 'crlf' | 'cr' | 'bom' | 'bom-crlf';
export const variantArb = fc.constantFrom<Variant>('as-is', 'as-is', 'crlf', 'cr', 'bom', 'bom-crlf');

export function applyVariant(text: string, v: Variant): string {
  const lf = text.replace(/\r\n?/g, '\n');
  switch (v) {
    case 'as-is':
      return text;
    case 'crlf':
      return lf.replace(/\n/g, '\r\n');
    case 'cr':
      return lf.replace(/\n/g, '\r');
    case 'bom':
      return '\uFEFF' + text;
    case 'bom-crlf':
      return '\uFEFF' + lf.replace(/\n/g, '\r\n');
  }
}

export interface Mutant {
  /** Virtual path (the source's, or a renamed one to cross languages). */
  path: string;
  source: string;
  ops: Op[];
  variant: Variant;
  text: string;
}

/** A corpus file damaged by 1–8 random operations, then given a line-ending/BOM variant. */
export function mutantArb(files: readonly CorpusFile[]): fc.Arbitrary<Mutant> {
  return fc
    .record({
      file: fc.constantFrom(...files),
      ops: fc.array(opArb, { minLength: 1, maxLength: 8 }),
      variant: variantArb,
      // Sometimes feed Python to the TypeScript parser and back.
      crossLanguage: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    })
    .map(({ file, ops, variant, crossLanguage }) => {
      let text = file.text;
      for (const op of ops) text = applyOp(text, op);
      text = applyVariant(text, variant);
      const path = crossLanguage ? file.path.replace(/\.(py|tsx?|jsx?)$/, (m) => (m === '.py' ? '.ts' : '.py')) : file.path;
      return { path, source: file.path, ops, variant, text };
    });
}

/** Random bytes decoded as UTF-8 (invalid sequences become U+FFFD), as an editor would load them. */
export const randomBytesText = fc.uint8Array({ maxLength: 4096 }).map((b) => new TextDecoder('utf-8').decode(b));

// ---------------------------------------------------------------------------------------------
// Well-formedness
// ---------------------------------------------------------------------------------------------

function spanOk(s: Span | undefined, len: number): boolean {
  return !!s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= len;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

const finiteOrNull = (x: unknown) => x === null || x === undefined || (typeof x === 'number' && Number.isFinite(x));

/** Every problem with a result, as readable strings (empty when well-formed). */
export function wellFormedProblems(result: FileAnalysis, path: string, text: string): string[] {
  const out: string[] = [];
  const len = text.length;
  if (result.path !== path) out.push(`path ${result.path} !== ${path}`);
  if (!Array.isArray(result.calls) || !Array.isArray(result.findings) || !Array.isArray(result.notes)) return [...out, 'missing arrays'];
  for (const [i, c] of result.calls.entries()) {
    if (!spanOk(c.site.span, len)) out.push(`call ${i} span ${JSON.stringify(c.site.span)} outside 0..${len}`);
    if (c.site.modelSpan && !spanOk(c.site.modelSpan, len)) out.push(`call ${i} modelSpan ${JSON.stringify(c.site.modelSpan)} outside the text`);
    for (const k of ['central', 'low', 'high'] as const) {
      const v = c.inputTokens[k];
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) out.push(`call ${i} inputTokens.${k} = ${v}`);
    }
    if (c.cost && !(finiteOrNull(c.cost.perCallUsd) && finiteOrNull(c.cost.perMonthUsd))) out.push(`call ${i} cost not finite ${JSON.stringify(c.cost)}`);
  }
  for (const [i, f] of result.findings.entries()) {
    if (!spanOk(f.span, len)) out.push(`finding ${i} (${f.ruleId}) span ${JSON.stringify(f.span)} outside 0..${len}`);
    else if (!result.calls.some((c) => within(f.span, c.site.span))) out.push(`finding ${i} (${f.ruleId}) span ${JSON.stringify(f.span)} not within any call`);
    if (typeof f.message !== 'string' || f.message.length === 0) out.push(`finding ${i} (${f.ruleId}) has no message`);
    if (f.savingsUsd && !(finiteOrNull(f.savingsUsd.perCall) && finiteOrNull(f.savingsUsd.perMonth))) out.push(`finding ${i} savings not finite`);
    for (const [j, fix] of f.fixes.entries()) {
      if (typeof fix.title !== 'string' || !fix.title) out.push(`finding ${i} fix ${j} has no title`);
      for (const e of fix.edits) {
        if (!spanOk(e.span, len)) out.push(`finding ${i} (${f.ruleId}) fix "${fix.title}" edit ${JSON.stringify(e.span)} outside 0..${len}`);
        if (typeof e.newText !== 'string') out.push(`finding ${i} fix ${j} newText not a string`);
      }
      const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k]!.span.start < sorted[k - 1]!.span.end) out.push(`finding ${i} (${f.ruleId}) fix "${fix.title}" has overlapping edits`);
      }
    }
  }
  for (const [i, n] of result.notes.entries()) {
    if (!['info', 'warning', 'error'].includes(n.level)) out.push(`note ${i} level ${n.level}`);
    if (typeof n.message !== 'string' || !n.message) out.push(`note ${i} has no message`);
    if (n.span && !spanOk(n.span, len)) out.push(`note ${i} span ${JSON.stringify(n.span)} outside the text`);
  }
  return out;
}

/** Notes that say the analysis itself crashed (an exception caught by the engine). */
export function crashNotes(result: FileAnalysis): string[] {
  return result.notes.filter((n) => /^Analysis failed/.test(n.message)).map((n) => n.message);
}

/** A short, printable description of a failing input. */
export function describeInput(path: string, text: string): string {
  const head = JSON.stringify(text.slice(0, 300));
  return `${path} (${text.length} chars) ${head}${text.length > 300 ? '…' : ''}`;
}
