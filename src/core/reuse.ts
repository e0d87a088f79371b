/**
 * Keeping the last front-end result across an edit that cannot change it, so typing in a prompt,
 * a comment or code the front end never looked at re-runs only the SDK recognizers, pricing and
 * rules (milliseconds) instead of the parse and the front end (tens of milliseconds on a
 * 2,000-line file):
 *
 * - an edit inside a comment, or a new trailing line comment typed at the end of a line of code:
 *   the front ends never read comments, so only the spans after the edit move;
 * - an edit inside the text of a string literal (no quote, backslash, brace, `$`, `%` or line
 *   break typed or deleted, so the literal stays one literal with the same escapes and holes)
 *   that the front end either never evaluated, or carried into the result only as prompt segments
 *   with exactly that literal's span and text (`FrontEndTrace`): those segments take the new text;
 * - code typed inside a function body the front end never looked into — Python: a body it never
 *   scanned (`codeInUnscannedBody`); JS/TS: a body nothing was resolved, evaluated or searched in
 *   apart from names whose lookups the edit leaves alone (`codeInUntouchedFunction`) — when the
 *   body keeps its shape and does not become one to look into; checked on the re-parsed tree
 *   (`KeptFrontEnd.verify`);
 * - Python: an edit in the value of an assignment written directly in a module or a class body
 *   (a constant, a dataclass field) whose name the front end never looked up
 *   (`codeInUnreadAssignment`), also checked on the re-parsed tree.
 *
 * Anything else — other code, a literal the front end used as a key, a name, a path, a format
 * string or through a string method, the source of a run-time value, an import specifier, a file
 * with syntax errors — returns null and the engine parses and analyses as usual. For comments and
 * literals the syntax tree is not re-parsed: the edits are applied to it with `tree.edit` and the
 * next full analysis re-parses it incrementally. A unit test replays random edits on every
 * example, fixture and corpus file and on generated application code, and checks each result
 * against a fresh analysis.
 */
import type { Node, Tree } from './parse/parser';
import type { FrontEndResult, Language, Span } from './types';
import type { FrontEndTrace } from './lang/trace';
import { calledNamesIn, namesApiStep } from './sdk';

/** The front-end result of the last full analysis of a document, with what it needs to be kept. */
export interface KeptFrontEnd {
  result: FrontEndResult;
  trace: FrontEndTrace;
  /**
   * Comments and literal texts edited since the last parse, as they are now: the edited tree
   * does not place text typed at a node's edge inside that node, these do.
   */
  comments: Span[];
  contents: Span[];
  /** Possible calls the front end left unresolved past the per-file cap. */
  unresolved: number;
  /** Other files the front end asked for (`FileAnalysis.consulted`); an edit this reuse accepts changes none of them. */
  consulted: string[];
  /**
   * Set after code typed in a function body the front end never looked into: the caller must
   * re-parse and check (`bodyIntact`) that the tree has no syntax error and that this body (new
   * coordinates) is still one block, else analyse from scratch — a typo can make the parser's
   * error recovery reshape the code around it.
   */
  verify?: Span & { statement?: boolean };
}

export interface Change {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** What an edit touches: a literal's text [r0, r1) (before the edit), or only comment text [r0, r1). */
interface Region {
  r0: number;
  r1: number;
  literal: boolean;
  /** The comment the edit is in or creates, before the edit (a new one: empty, at the edit). */
  comment?: Span;
  /** Code typed in this function body the front end never looked into (before the edit). */
  body?: Span;
  /** `body` is a statement (an assignment nothing read), not a function body. */
  statement?: boolean;
  /**
   * Python, a comment typed after the last statement of a block: the nodes ending at the edit that
   * take the comment in (the blocks and the statements around them), and those that do not.
   */
  grow?: { take: Span[]; leave: Span[] };
}

const CONTENT = new Set(['string_content', 'string_fragment']);
/** A line end inside one of these is not code: text typed there is not a new comment. */
const NOT_CODE = new Set([
  'string',
  'template_string',
  'comment',
  'concatenated_string',
  'string_content',
  'string_fragment',
  'escape_sequence',
  'interpolation',
  'template_substitution',
  'jsx_element',
  'jsx_self_closing_element',
  'jsx_fragment',
  'jsx_text',
  'jsx_expression',
  'regex',
  'ERROR',
]);
/** Typed into or deleted from a literal, these can change what the literal is. */
const LITERAL_UNSAFE = /[\\'"`{}$%\n\r]/;
const MAX_DEPTH = 200;

class Reject extends Error {}

/** `s` holds part of the edited range [from, to): a character of it, or (an insertion) the point itself strictly inside. */
function meetsEdit(s: Span, from: number, to: number): boolean {
  return from === to ? s.start < from && from < s.end : s.start < to && s.end > from;
}

/** Typed or deleted, none of these can change what a literal is (its end, escapes, holes, `%` placeholders). */
function literalSafe(removed: string, typed: string): boolean {
  return !LITERAL_UNSAFE.test(removed) && !LITERAL_UNSAFE.test(typed);
}

/**
 * Apply one change to a kept front-end result. Returns the result for the new text, or null when
 * the change may alter what the front end would find. `tree` must reflect `text` (edited, not
 * necessarily re-parsed); it is not modified here.
 */
export function reuseAfter(kept: KeptFrontEnd, text: string, change: Change, tree: Tree, language: Language): KeptFrontEnd | null {
  const region = classify(text, change, tree, language, kept.comments, kept.contents, kept.trace);
  if (!region) return null;
  const at = change.rangeOffset;
  const delta = change.text.length - change.rangeLength;
  const newText = text.slice(0, at) + change.text + text.slice(at + change.rangeLength);
  const { r0, r1 } = region;
  const { trace } = kept;
  const strictlyInside = (s: Span) => meetsEdit(s, r0, r1);
  // Text the front end read as written (keys, names, paths, the source of run-time values).
  if (trace.reads.some(strictlyInside)) return null;
  const same = (a: Span) => (b: Span) => a.start === b.start && a.end === b.end;
  // `block`: the span is a block (an unscanned body), not a statement or value written over the same
  // characters (a block of one statement has that statement's span).
  const shift = (s: Span, block = false): Span => {
    if (region.grow && s.end === r0 && s.start < r0) {
      const take = region.grow.take.some(same(s));
      const leave = region.grow.leave.some(same(s));
      if (!take && !leave) throw new Reject();
      return take && (block || !leave) ? { start: s.start, end: s.end + delta } : s;
    }
    // Text typed at the very end of a comment: the nodes that end there hold the comment, and grow.
    if (region.comment && r0 === r1 && r0 === region.comment.end && r0 > region.comment.start && s.end === r0 && s.start < r0) return { start: s.start, end: s.end + delta };
    if (s.start >= r1) return { start: s.start + delta, end: s.end + delta };
    if (s.end <= r0) return s;
    if (s.start <= r0 && s.end >= r1) return { start: s.start, end: s.end + delta };
    throw new Reject();
  };
  let matched = 0;
  const seen = new Map<object, unknown>();
  const oldLiteral = region.literal ? text.slice(r0, r1) : '';
  const patch = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth > MAX_DEPTH) throw new Reject();
    const done = seen.get(v);
    if (done !== undefined) return done;
    let out: unknown;
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const x of v) arr.push(patch(x, depth + 1));
      out = arr;
    } else {
      const o = v as Record<string, unknown>;
      if (typeof o.start === 'number' && typeof o.end === 'number') {
        out = shift(o as unknown as Span);
        seen.set(v, out);
        return out;
      }
      const span = o.span as Span | undefined;
      if (o.kind === 'static' && span && strictlyInside(span)) {
        // A prompt segment made of this literal's text: it takes the new text.
        if (!region.literal || span.start !== r0 || span.end !== r1 || o.text !== oldLiteral) throw new Reject();
        matched++;
        out = { kind: 'static', text: newText.slice(r0, r1 + delta), span: { start: r0, end: r1 + delta } };
        seen.set(v, out);
        return out;
      }
      // Source text copied into the result (`expr` of a run-time value) must not contain the edit.
      if (typeof o.expr === 'string' && span && strictlyInside(span)) throw new Reject();
      // An insertion point (`offset` + `style`) where a comment is typed stays before it.
      const off = typeof o.offset === 'number' && typeof o.style === 'string' ? o.offset : null;
      if (off !== null && off >= r0 && off <= r1 && (region.literal || r0 !== r1 || off !== r0)) throw new Reject();
      const copy: Record<string, unknown> = {};
      seen.set(v, copy);
      for (const k of Object.keys(o)) copy[k] = patch(o[k], depth + 1);
      if (off !== null && off > r1) copy.offset = off + delta;
      out = copy;
    }
    return out;
  };
  try {
    const result = patch(kept.result, 0) as FrontEndResult;
    // An evaluated literal that reached the result in some other form: the front end must see it again.
    if (region.literal && matched === 0 && trace.literals.some((s) => s.start < r1 && s.end > r0)) return null;
    const edited = (list: Span[], touched: Span | undefined) => {
      const out = list.filter((c) => c !== touched).map((s) => shift(s));
      if (touched) out.push({ start: touched.start, end: touched.end + delta });
      return out;
    };
    return {
      result,
      trace: {
        literals: trace.literals.map((s) => shift(s)),
        reads: trace.reads.map((s) => shift(s)),
        unscanned: trace.unscanned.map((s) => shift(s, true)),
        mentioned: trace.mentioned,
        names: trace.names,
        touched: trace.touched.map((s) => shift(s)),
        lookups: trace.lookups.map((l) => (l.at >= r1 ? { name: l.name, at: l.at + delta } : l)),
        bodies: trace.bodies.map((s) => shift(s)),
        assignmentsRead: trace.assignmentsRead,
      },
      comments: edited(kept.comments, region.comment),
      contents: edited(kept.contents, region.literal ? kept.contents.find((c) => c.start === r0 && c.end === r1) ?? { start: r0, end: r1 } : undefined),
      unresolved: kept.unresolved,
      consulted: kept.consulted,
      verify: region.body ? { start: region.body.start, end: region.body.end + delta, statement: region.statement } : undefined,
    };
  } catch (err) {
    if (err instanceof Reject) return null;
    throw err;
  }
}

function classify(text: string, change: Change, tree: Tree, language: Language, comments: readonly Span[], contents: readonly Span[], trace: FrontEndTrace): Region | null {
  const at = change.rangeOffset;
  const end = at + change.rangeLength;
  if (at < 0 || end > text.length) return null;
  const removed = text.slice(at, end);
  const typed = change.text;
  const marker = language === 'python' ? '#' : '//';
  const oneLine = !/[\n\r]/.test(removed + typed);
  for (const c of comments) {
    if (!oneLine || c.start + marker.length > at || end > c.end) continue;
    // A block comment edited before: the edit must stay inside its `/*` … `*/`.
    if (text.startsWith('/*', c.start) && !blockCommentEdit(text, c.start, c.end, at, end, typed)) return null;
    return { r0: at, r1: end, literal: false, comment: c };
  }
  for (const c of contents) {
    if (c.start <= at && end <= c.end) return literalSafe(removed, typed) ? { r0: c.start, r1: c.end, literal: true } : null;
  }
  const root = tree.rootNode;
  for (const i of [at, at - 1]) {
    if (i < 0 || i >= text.length) continue;
    const n = root.descendantForIndex(i, i + 1);
    if (!n) continue;
    const c0 = n.startIndex;
    const c1 = n.endIndex;
    if (at < c0 || end > c1) continue;
    if (n.type === 'comment') {
      const body = text.slice(c0, c1);
      if (body.startsWith('/*')) {
        if (at >= c1) continue; // just after `*/`
        if (!blockCommentEdit(text, c0, c1, at, end, typed)) return null;
        return { r0: at, r1: end, literal: false, comment: { start: c0, end: c1 } };
      }
      if (!body.startsWith(marker) || at < c0 + marker.length || !oneLine) return null;
      return { r0: at, r1: end, literal: false, comment: { start: c0, end: c1 } };
    }
    if (CONTENT.has(n.type)) {
      if (!literalSafe(removed, typed) || inImport(n, text)) return null;
      return { r0: c0, r1: c1, literal: true };
    }
  }
  // A line comment typed at the end of a line of code.
  const lineEnd = at === text.length || text[at] === '\n' || text[at] === '\r';
  const comment = language === 'python' ? /^[ \t]*#[^\n\r]*$/ : /^[ \t]*\/\/[^\n\r]*$/;
  if (change.rangeLength !== 0 || !lineEnd || at === 0 || text[at - 1] === '\\' || !comment.test(typed)) {
    return language === 'python' ? codeInUnscannedBody(text, change, trace) ?? codeInUnreadAssignment(text, change, tree, trace) : codeInUntouchedFunction(text, change, tree, trace);
  }
  // The line end is inside a string, comment, … when such a node holds its last character and goes on past it.
  // Python: a comment after the last statement of a block becomes part of that block and of the
  // statements around it (`for`, `if`, `def`, …) that end there too; the statement itself and
  // what is in it do not take it in.
  const take: Span[] = [];
  const leave: Span[] = [];
  let inBlock = false;
  for (let n: Node | null = root.descendantForIndex(at - 1, at - 1); n; n = n.parent) {
    if (NOT_CODE.has(n.type) && n.endIndex > at) return null;
    if (n.endIndex !== at) continue;
    // (A decorator ends with its line break: a comment on its line is part of it, as of a block.)
    if (language === 'python' && (n.type === 'block' || n.type === 'decorator')) inBlock = true;
    (inBlock ? take : leave).push({ start: n.startIndex, end: n.endIndex });
  }
  const lead = typed.length - typed.trimStart().length;
  // (`end` is where the typed text goes: the comment ends there plus what is typed.)
  return { r0: at, r1: at, literal: false, comment: { start: at + lead, end: at }, grow: { take, leave } };
}

/** An edit of [at, end) in the block comment [c0, c1) that leaves it one comment, ending where it did with its `*\/`. */
function blockCommentEdit(text: string, c0: number, c1: number, at: number, end: number, typed: string): boolean {
  const next = text.slice(c0, at) + typed + text.slice(end, c1);
  return at >= c0 + 2 && end <= c1 - 2 && next.endsWith('*/') && next.indexOf('*/') === next.length - 2;
}

/** Typed into or deleted from code, these can change where a Python statement or block ends. */
const CODE_UNSAFE = /[\\'"`#()[\]{}:\n\r]|\b(?:global|nonlocal)\b/;

/**
 * Python: an edit inside a function body the front end never scanned (no call in it could be an
 * LLM call and nothing asked for it) leaves the result as it was, as long as the body keeps its
 * extent (no bracket, quote, colon, `#`, backslash or line break typed or deleted, no indentation
 * changed, no line emptied or filled) and the body does not become one to scan: the line names no
 * API step, calls the same names as before, and gains none of the words the front end searched
 * unscanned bodies for.
 */
function codeInUnscannedBody(text: string, change: Change, trace: FrontEndTrace): Region | null {
  const at = change.rangeOffset;
  const end = at + change.rangeLength;
  const body = trace.unscanned.find((b) => b.start < at && end < b.end);
  if (!body) return null;
  const edit = safeCodeEdit(text, change, CODE_UNSAFE);
  if (!edit) return null;
  const { removed, typed } = edit;
  const lines = editedLine(text, change);
  if (!lines) return null;
  const { lineStart: ls, oldLine, newLine } = lines;
  // Indentation: nothing typed or deleted before the line's first token may be white space.
  if (/^[ \t]*$/.test(text.slice(ls, at)) && (/\s/.test(typed) || /\s/.test(removed))) return null;
  if (leadingSpace(oldLine) !== leadingSpace(newLine)) return null;
  if (/\b(?:global|nonlocal)\b/.test(newLine)) return null;
  if (!sameCalls(oldLine, newLine)) return null;
  if (trace.mentioned.some((w) => newLine.includes(w))) return null;
  return { r0: at, r1: end, literal: false, body };
}

/** In a value, these can bind a name, hold a call or make a scope. */
const PY_VALUE_UNSAFE = new Set([
  'call',
  'lambda',
  'await',
  'yield',
  'named_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'assignment',
  'augmented_assignment',
  'interpolation',
]);

/**
 * Python: an edit inside the value of `name = …` or `name: T = …` written directly in a module or
 * a class body (a constant, a dataclass or settings field) when the front end never looked `name`
 * up — in a scope, as a class attribute or as a module constant (`FrontEndTrace.names`): nothing
 * read that value. The statement holds no call, lambda, comprehension or walrus, and the edited
 * line keeps its words (only numbers, operators and spaces change), so no call can become a
 * candidate and no name filter of the front end changes. Checked on the re-parsed tree: the
 * statement must still be one statement.
 */
function codeInUnreadAssignment(text: string, change: Change, tree: Tree, trace: FrontEndTrace): Region | null {
  const edit = safeCodeEdit(text, change, CODE_UNSAFE);
  if (!edit) return null;
  const { at, end } = edit;
  const lines = editedLine(text, change);
  if (!lines || wordsOf(lines.oldLine) !== wordsOf(lines.newLine)) return null;
  for (const i of [at, at - 1]) {
    if (i < 0) continue;
    let assignment: Node | null = null;
    for (let n: Node | null = tree.rootNode.descendantForIndex(i, Math.max(i, end)); n; n = n.parent) {
      if (n.type === 'assignment') {
        assignment = n;
        break;
      }
      if (n.type === 'block' || n.type === 'module' || n.type === 'function_definition' || n.type === 'class_definition') break;
    }
    const right = assignment?.childForFieldName('right');
    const left = assignment?.childForFieldName('left');
    const stmt = assignment?.parent;
    if (!assignment || !right || left?.type !== 'identifier' || stmt?.type !== 'expression_statement' || stmt.namedChildCount !== 1) continue;
    if (at < right.startIndex || end > right.endIndex) continue;
    const scope = stmt.parent;
    const atTop = scope?.type === 'module' || (scope?.type === 'block' && scope.parent?.type === 'class_definition');
    if (!atTop || trace.names.has(text.slice(left.startIndex, left.endIndex))) return null;
    if (holdsAny(right, PY_VALUE_UNSAFE)) return null;
    return { r0: at, r1: end, literal: false, body: { start: stmt.startIndex, end: stmt.endIndex }, statement: true };
  }
  return null;
}

function holdsAny(n: Node, types: ReadonlySet<string>, depth = 0): boolean {
  if (types.has(n.type) || depth > MAX_DEPTH) return true;
  for (const c of n.namedChildren) if (c && holdsAny(c, types, depth + 1)) return true;
  return false;
}

/** The words of a line, in order (numbers are not words). */
function wordsOf(line: string): string {
  return (line.match(/\b[A-Za-z_]\w*/g) ?? []).join(' ');
}

/** Typed into or deleted from JS/TS code, these can change where a statement, block or expression ends. */
const JS_CODE_UNSAFE = /[\\'"`{}()[\];\/<>:#@\n\r]/;
const JS_FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);

/**
 * JS/TS: an edit inside a function body the evaluator never looked at (no lookup from it, nothing
 * in it evaluated, its scope never collected, not searched for returns or as a caller) leaves the
 * result as it was, under the same conditions as `codeInUnscannedBody` — and when the front end
 * read every assignment of the file, the edited line must hold none (`=`, `++`, `--`, `for`).
 * Checked on the re-parsed tree like the Python case.
 */
function codeInUntouchedFunction(text: string, change: Change, tree: Tree, trace: FrontEndTrace): Region | null {
  const edit = safeCodeEdit(text, change, JS_CODE_UNSAFE);
  if (!edit) return null;
  const { at, end } = edit;
  let body: Span | null = null;
  let fn: Span | null = null;
  for (let n: Node | null = tree.rootNode.descendantForIndex(at, Math.max(at, end)); n; n = n.parent) {
    if (!JS_FUNCTIONS.has(n.type)) continue;
    const b = n.childForFieldName('body');
    if (b?.type === 'statement_block' && b.startIndex < at && end < b.endIndex) {
      body = { start: b.startIndex, end: b.endIndex };
      fn = { start: n.startIndex, end: n.endIndex };
    }
    break;
  }
  if (!body || !fn) return null;
  const f = fn;
  const b = body;
  // A body read as a whole (for its returns, or for the loops around a caller).
  if (trace.bodies.some((s) => s.start < b.end && s.end > b.start)) return null;
  // A node resolved or evaluated, a literal evaluated or source copied as text, that holds the
  // edit — except nodes that hold the whole function (its value is the function, not its body).
  const holds = (s: Span) => meetsEdit(s, at, end);
  if (trace.touched.some((s) => holds(s) && !(s.start <= f.start && s.end >= f.end))) return null;
  if (trace.reads.some(holds) || trace.literals.some(holds)) return null;
  const lines = editedLine(text, change);
  if (!lines) return null;
  const { oldLine, newLine } = lines;
  if (trace.assignmentsRead && (/=|\+\+|--|\bfor\b/.test(oldLine) || /=|\+\+|--|\bfor\b/.test(newLine))) return null;
  if (!sameCalls(oldLine, newLine)) return null;
  // (Callers are found from \`name(\` in the text: the called names above cover \`mentioned\`.)
  // A name looked up from inside this function: the edit must not declare, rename or remove it here.
  for (const l of trace.lookups) {
    if (l.at > f.start && l.at < f.end && (wordIn(oldLine, l.name) || wordIn(newLine, l.name))) return null;
  }
  return { r0: at, r1: end, literal: false, body };
}

/** The edit's range and texts, or null when what it types or deletes matches `unsafe` (it can change the code's shape). */
function safeCodeEdit(text: string, change: Change, unsafe: RegExp): { at: number; end: number; removed: string; typed: string } | null {
  const at = change.rangeOffset;
  const end = at + change.rangeLength;
  const removed = text.slice(at, end);
  const typed = change.text;
  return unsafe.test(removed) || unsafe.test(typed) ? null : { at, end, removed, typed };
}

function wordIn(line: string, word: string): boolean {
  for (let i = line.indexOf(word); i !== -1; i = line.indexOf(word, i + 1)) {
    const before = line[i - 1];
    const after = line[i + word.length];
    if ((before === undefined || !/[\w$]/.test(before)) && (after === undefined || !/[\w$]/.test(after))) return true;
  }
  return false;
}

/** The line an edit is on, before and after it; null when either is blank (a line emptied or filled). */
function editedLine(text: string, change: Change): { lineStart: number; oldLine: string; newLine: string } | null {
  const at = change.rangeOffset;
  const end = at + change.rangeLength;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const oldLine = text.slice(lineStart, lineEnd);
  const newLine = text.slice(lineStart, at) + change.text + text.slice(end, lineEnd);
  return oldLine.trim() && newLine.trim() ? { lineStart, oldLine, newLine } : null;
}

/** The edited line names no API step, before or after, and calls the same names: no call can become or stop being a candidate. */
function sameCalls(oldLine: string, newLine: string): boolean {
  return !namesApiStep(oldLine) && !namesApiStep(newLine) && calledNamesIn(oldLine).join('\n') === calledNamesIn(newLine).join('\n');
}

function leadingSpace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** After a re-parse: no syntax error, and `body` is still exactly one block — or one statement (see `KeptFrontEnd.verify`). */
export function bodyIntact(tree: Tree, body: Span & { statement?: boolean }): boolean {
  if (tree.rootNode.hasError) return false;
  for (let n: Node | null = tree.rootNode.descendantForIndex(body.start, body.end); n; n = n.parent) {
    if (n.startIndex !== body.start || n.endIndex !== body.end) return false;
    if (body.statement ? n.type === 'expression_statement' : n.type === 'block' || n.type === 'statement_block') return true;
  }
  return false;
}

/**
 * Python, after an edit in a statement nothing read (`codeInUnreadAssignment`): that statement's
 * text, parsed alone, is still exactly one assignment statement with no syntax error. Nothing
 * typed there can end a bracket, a string or a line, so the rest of the file parses as before;
 * the document's tree is then only edited, like after an edit in a prompt.
 */
export function statementIntact(parse: (text: string) => Tree, text: string, stmt: Span): boolean {
  const tree = parse(text.slice(stmt.start, stmt.end));
  try {
    const root = tree.rootNode;
    const only = root.namedChildCount === 1 ? root.namedChild(0) : null;
    return !root.hasError && only?.type === 'expression_statement' && only.startIndex === 0 && only.endIndex === stmt.end - stmt.start && only.namedChildCount === 1 && only.namedChild(0)?.type === 'assignment';
  } finally {
    tree.delete();
  }
}

/** A module specifier (`import … from '…'`, `require('…')`, `import('…')`): the front end reads it without evaluating it. */
function inImport(n: Node, text: string): boolean {
  for (let p: Node | null = n.parent, k = 0; p && k < 4; p = p.parent, k++) {
    if (p.type === 'import_statement' || p.type === 'export_statement' || p.type === 'import_require_clause') return true;
    if (p.type === 'call_expression') {
      const f = p.childForFieldName('function');
      return !!f && (f.type === 'import' || (f.type === 'identifier' && text.slice(f.startIndex, f.endIndex) === 'require'));
    }
  }
  return false;
}
