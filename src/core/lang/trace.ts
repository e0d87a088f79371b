/**
 * What a front end did with the text of the file it analysed, recorded so the engine can keep its
 * result across an edit that cannot change it (src/core/reuse.ts):
 *
 * - `literals`: the content span of every string literal it evaluated;
 * - `reads`: source it used as written — literal text used as a dict key, an attribute name, a
 *   path, a format string, a separator, through a string method, and the source of every run-time
 *   value (its `expr`);
 * - `unscanned` (Python): function bodies it never looked into;
 * - `mentioned`: words it searched the file for;
 * - Python: `names` it looked up (in a scope, as a class attribute, as a module constant);
 * - JS/TS: `touched` nodes its evaluator resolved or evaluated, `lookups` of names and where from,
 *   `bodies` it read as a whole, and whether it read every assignment of the file.
 *
 * An edit inside a literal that was evaluated but not read, and that reaches the result only as
 * segments carrying exactly that literal's span, changes nothing but those segments' text.
 * Recording is off (and free) outside `traced`.
 */
import type { Segment, Span, Val } from '../types';

export interface FrontEndTrace {
  literals: Span[];
  reads: Span[];
  /** Python: function bodies the scan never looked into (nothing in them reached the result). */
  unscanned: Span[];
  /** Words the front end searched the file for (callers of a function; Python: unscanned bodies mentioning a name). */
  mentioned: string[];
  /** Python: names looked up in a scope, as a class attribute or as a module constant (a binding of any other name was never read). */
  names: Set<string>;
  /** JS/TS: nodes the evaluator resolved or evaluated (their text decides their value). */
  touched: Span[];
  /** JS/TS: names looked up, and where from (a declaration of that name in a scope on the way would change the answer). */
  lookups: Array<{ name: string; at: number }>;
  /** JS/TS: function bodies read as a whole (searched for returns; the function around a caller, for its loops). */
  bodies: Span[];
  /** JS/TS: the walk that collects every assignment of the file ran (its result depends on every `=`). */
  assignmentsRead: boolean;
}

let current: FrontEndTrace | null = null;

/** Run a front end with recording on. */
export function traced<T>(fn: () => T): { value: T; trace: FrontEndTrace } {
  const outer = current;
  const trace: FrontEndTrace = { literals: [], reads: [], unscanned: [], mentioned: [], names: new Set(), touched: [], lookups: [], bodies: [], assignmentsRead: false };
  current = trace;
  try {
    return { value: fn(), trace };
  } finally {
    current = outer;
  }
}

/** A literal's content (between its quotes or interpolations) was evaluated. */
export function noteLiteral(span: Span): void {
  current?.literals.push(span);
}

/** The text of these segments was used as something other than prompt text. */
export function noteRead(segments: readonly Segment[]): void {
  if (!current) return;
  for (const s of segments) if (s.span) current.reads.push(s.span);
}

/** `noteRead` for a string value. */
export function noteReadVal(v: Val): void {
  if (current && v.t === 'str') noteRead(v.value.segments);
}

/** A string literal node's text was read as written (a key, a name, a path), not evaluated. */
export function noteReadNode(n: { startIndex: number; endIndex: number }): void {
  current?.reads.push({ start: n.startIndex + 1, end: n.endIndex - 1 });
}

/** A piece of source was used as text (two bindings compared as written, an unknown value's `expr`): anything in it was read. */
export function noteReadSource(n: { startIndex: number; endIndex: number }): void {
  current?.reads.push({ start: n.startIndex, end: n.endIndex });
}

/** Python: a function body left unscanned at the end of the analysis. */
export function noteUnscanned(span: Span): void {
  current?.unscanned.push(span);
}

/** Python: unscanned bodies were searched for `word`. */
export function noteMentioned(word: string): void {
  current?.mentioned.push(word);
}

/** Python: the bindings of `name` were looked up. */
export function noteName(name: string): void {
  current?.names.add(name);
}

/** JS/TS: the evaluator resolved or evaluated this node. */
export function noteTouched(n: { startIndex: number; endIndex: number }): void {
  current?.touched.push({ start: n.startIndex, end: n.endIndex });
}

/** JS/TS: `name` was looked up from `at`. */
export function noteLookup(name: string, at: { startIndex: number }): void {
  current?.lookups.push({ name, at: at.startIndex });
}

/** JS/TS: this function body was read as a whole. */
export function noteBody(n: { startIndex: number; endIndex: number }): void {
  current?.bodies.push({ start: n.startIndex, end: n.endIndex });
}

/** JS/TS: every assignment of the file was collected. */
export function noteAssignmentsRead(): void {
  if (current) current.assignmentsRead = true;
}
