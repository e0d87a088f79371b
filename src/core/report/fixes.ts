/**
 * Applying fixes: the same text edits the editor's quick fixes use, applied in one pass.
 *
 * A fix is atomic: all of its edits are applied or none. Fixes are taken in order of their first
 * edit; a fix that overlaps one already taken (or inserts at the same offset) is skipped, the way
 * ESLint's fixer does, and the caller re-lints and tries again. Edits are applied from the end of
 * the text so earlier offsets stay valid. Pure: no I/O.
 */
import type { Finding, Fix, TextEdit } from '../types';

export interface ApplyFixesResult {
  /** The text after the applied fixes. */
  text: string;
  /** Fixes that were applied, in text order. */
  applied: Fix[];
  /** Fixes that were skipped: they conflicted with an applied fix, or an edit lay outside the text. */
  skipped: Fix[];
}

export interface SelectOptions {
  /** Also take fixes not marked safe (`--unsafe-fixes`). */
  unsafe?: boolean;
}

/** The fix `--fix` would apply for each finding: its first safe fix (or first fix at all with `unsafe`). */
export function selectFixes(findings: readonly Finding[], options: SelectOptions = {}): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => (options.unsafe || x.safe) && x.edits.length > 0);
    if (fix) out.push(fix);
  }
  return out;
}

function editKey(e: TextEdit): string {
  return `${e.span.start}:${e.span.end}:${e.newText}`;
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Two edits conflict when their ranges overlap, or both start at the same offset (ambiguous order). */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === b.span.start) return true;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

function validFix(fix: Fix, length: number): boolean {
  const edits = sortEdits(fix.edits);
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    const { start, end } = e.span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) return false;
    if (typeof e.newText !== 'string') return false;
    if (i > 0 && conflicts(edits[i - 1]!, e)) return false;
  }
  return edits.length > 0;
}

/**
 * Apply as many of `fixes` as can be applied together to `text`. Identical fixes (the same edits,
 * offered by two findings) are applied once. Never throws.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): ApplyFixesResult {
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const seen = new Set<string>();
  const ordered = fixes
    .map((fix, index) => ({ fix, index, first: fix.edits.length ? Math.min(...fix.edits.map((e) => e.span.start)) : -1 }))
    .sort((a, b) => a.first - b.first || a.index - b.index);
  const taken: TextEdit[] = [];
  for (const { fix } of ordered) {
    if (!validFix(fix, text.length)) {
      skipped.push(fix);
      continue;
    }
    const key = sortEdits(fix.edits).map(editKey).join('|');
    if (seen.has(key)) continue;
    if (fix.edits.some((e) => taken.some((t) => conflicts(t, e)))) {
      skipped.push(fix);
      continue;
    }
    seen.add(key);
    taken.push(...fix.edits);
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied, skipped };
}

/** Apply edits known not to overlap, from the end of the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits).reverse();
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
