/** Runs the registered rules over a file's analysed calls and applies severities and suppressions. */
import type { Finding } from '../types';
import type { LineIndex } from '../text/lineIndex';
import type { AnalyzedCall, Rule, RuleContext } from './types';
import { suppressedOnLine } from '../comments';

export function runRules(rules: readonly Rule[], calls: AnalyzedCall[], ctx: RuleContext, lines: LineIndex): Finding[] {
  const findings: Finding[] = [];
  for (const call of calls) {
    for (const rule of rules) {
      const setting = ctx.config.rules[rule.meta.id];
      if (setting === 'off') continue;
      let raw;
      try {
        raw = rule.check(call, ctx);
      } catch {
        // A rule bug must not hide the other rules' findings; the fuzz tests hunt these down.
        continue;
      }
      for (const f of raw) {
        // The contract: a finding's range lies within its call site's range.
        const start = Math.max(call.site.span.start, Math.min(f.span.start, call.site.span.end));
        const end = Math.max(start, Math.min(f.span.end, call.site.span.end));
        const line = lines.lineOf(start);
        const suppressed = suppressedOnLine(lines, line);
        const callLine = lines.lineOf(call.site.span.start);
        const callSuppressed = callLine === line ? suppressed : suppressedOnLine(lines, callLine);
        if (suppressed.has('*') || suppressed.has(rule.meta.id) || callSuppressed.has('*') || callSuppressed.has(rule.meta.id)) continue;
        findings.push({
          ruleId: rule.meta.id,
          severity: setting ?? f.severity ?? rule.meta.defaultSeverity,
          span: { start, end },
          message: f.message,
          savingsUsd: f.savingsUsd ?? null,
          fixes: f.fixes ?? [],
        });
      }
    }
  }
  // Rule ids are ASCII: a plain comparison (localeCompare loads ICU collation on first use).
  findings.sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return findings;
}
