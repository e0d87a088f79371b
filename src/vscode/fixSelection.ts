/**
 * Which fixes "fix all safe problems" applies: the first safe fix of each finding, skipping any
 * fix whose edits touch an edit already chosen (two fixes inserting at the same point, or
 * overlapping ranges, would corrupt the code; the skipped ones are re-offered after re-analysis).
 * Pure: no `vscode` import, unit-tested.
 */
import type { Finding, Fix, TextEdit } from '../core/types';

/** Two edits conflict when their ranges overlap or they start at the same offset (two insertions there). */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.span.start === b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end);
}

function sameEdits(a: Fix, b: Fix): boolean {
  return (
    a.edits.length === b.edits.length &&
    a.edits.every((e, i) => e.span.start === b.edits[i]!.span.start && e.span.end === b.edits[i]!.span.end && e.newText === b.edits[i]!.newText)
  );
}

export interface SelectedFixes {
  fixes: Fix[];
  edits: TextEdit[];
  /** Safe fixes left out because they conflict with a chosen one. */
  deferred: number;
}

export function selectSafeFixes(findings: readonly Finding[]): SelectedFixes {
  const candidates = findings
    .map((f) => f.fixes.find((fix) => fix.safe && fix.edits.length > 0))
    .filter((fix): fix is Fix => fix !== undefined)
    .sort((a, b) => Math.min(...a.edits.map((e) => e.span.start)) - Math.min(...b.edits.map((e) => e.span.start)));
  const fixes: Fix[] = [];
  const edits: TextEdit[] = [];
  let deferred = 0;
  for (const fix of candidates) {
    if (fixes.some((chosen) => sameEdits(chosen, fix))) continue;
    if (fix.edits.some((e) => edits.some((c) => touches(e, c)))) {
      deferred++;
      continue;
    }
    fixes.push(fix);
    edits.push(...fix.edits);
  }
  return { fixes, edits, deferred };
}
