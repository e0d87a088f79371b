/**
 * What a front end did with the string literals of the file it analysed, recorded so the engine
 * can reuse that front end's result after an edit inside a literal (src/core/reuse.ts):
 *
 * - `literals`: the content span of every literal it evaluated;
 * - `reads`: the spans of literal text it used for anything other than carrying it, unchanged and
 *   with its span, into a prompt value — a dict key, an attribute name, a format string, a
 *   separator, a string method that left the text as it was, `len(…)`, ….
 *
 * An edit inside a literal that was evaluated but not read, and that reaches the result only as
 * segments carrying exactly that literal's span, changes nothing but those segments' text.
 * Recording is off (and free) outside `traced`.
 */
import type { Segment, Span, Val } from '../types';

export interface LiteralTrace {
  literals: Span[];
  reads: Span[];
}

let current: LiteralTrace | null = null;

/** Run a front end with recording on. */
export function traced<T>(fn: () => T): { value: T; trace: LiteralTrace } {
  const outer = current;
  const trace: LiteralTrace = { literals: [], reads: [] };
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

/** A whole piece of source was compared as text (two bindings written the same): any literal in it was read. */
export function noteReadSource(n: { startIndex: number; endIndex: number }): void {
  current?.reads.push({ start: n.startIndex, end: n.endIndex });
}
