/** FileAnalysis[] → the JSON report contract (report/types.ts). */
import type { FileAnalysis } from '../engine';
import type { Severity } from '../types';
import type { Report, ReportCallSite, ReportFinding, ReportNote } from './types';
import { combinedSavings } from '../cost/cost';

const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

export function buildReport(results: readonly FileAnalysis[], rel: (absPath: string) => string, pricingDate: string): Report {
  const callSites: ReportCallSite[] = [];
  const findings: ReportFinding[] = [];
  const notes: ReportNote[] = [];
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let perMonth = 0;
  let savings = 0;
  for (const r of results) {
    const file = rel(r.path);
    for (const c of r.calls) {
      const s = c.site;
      callSites.push({
        file,
        range: r.lines.toRange(s.span),
        provider: s.provider,
        api: s.api,
        language: s.language,
        model: s.model,
        maxTokens: s.maxTokens?.value ?? null,
        cacheControl: !!s.topLevelCache || s.blocks.some((b) => b.cacheControl),
        inputTokens: {
          static: c.inputTokens.central,
          range: [c.inputTokens.low, c.inputTokens.high],
          dynamic: c.dynamicInput,
          exact: c.inputTokens.exact,
        },
        costUsd: c.cost && {
          input: round(c.cost.inputUsd),
          output: round(c.cost.outputUsd),
          perCall: round(c.cost.perCallUsd),
          perMonth: round(c.cost.perMonthUsd, 2),
        },
        sdk: s.sdk,
        batch: s.batch,
        outputTokens: c.outputTokens,
        volume: { perMonth: c.volume.perMonth, source: c.volume.source, label: c.volume.label },
        inTest: s.context.inTest,
      });
      if (c.cost) perMonth += c.cost.perMonthUsd;
    }
    // Savings per call: several findings on one call combine (cost/cost.ts), they do not add up.
    const perCall = new Map<number, number[]>();
    for (const f of r.findings) {
      if (!f.savingsUsd) continue;
      const i = innermostCall(r, f.span.start);
      if (i < 0) savings += f.savingsUsd.perMonth;
      else perCall.set(i, [...(perCall.get(i) ?? []), f.savingsUsd.perMonth]);
    }
    for (const [i, list] of perCall) savings += combinedSavings(r.calls[i]!.cost?.perMonthUsd ?? null, list);
    for (const f of r.findings) {
      bySeverity[f.severity]++;
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        file,
        range: r.lines.toRange(f.span),
        message: f.message,
        savingsUsd: f.savingsUsd && { perCall: round(f.savingsUsd.perCall), perMonth: round(f.savingsUsd.perMonth, 2) },
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          safe: fix.safe,
          edits: fix.edits.map((e) => ({ range: r.lines.toRange(e.span), newText: e.newText })),
        })),
      });
    }
    for (const n of r.notes) {
      notes.push({ level: n.level, file, message: n.message, ...(n.span ? { range: r.lines.toRange(n.span) } : {}) });
    }
  }
  return {
    version: 1,
    pricingDate,
    callSites,
    findings,
    notes,
    summary: {
      files: results.length,
      callSites: callSites.length,
      perMonthUsd: round(perMonth, 2),
      savingsPerMonthUsd: round(savings, 2),
      bySeverity,
    },
  };
}

/** Index of the smallest call of `r` whose span holds `offset` (-1: none). */
function innermostCall(r: FileAnalysis, offset: number): number {
  let best = -1;
  r.calls.forEach((c, i) => {
    const { start, end } = c.site.span;
    if (start <= offset && offset <= end && (best < 0 || end - start < r.calls[best]!.site.span.end - r.calls[best]!.site.span.start)) best = i;
  });
  return best;
}
