/**
 * CSV of the call sites (`--format csv`), one row per call site, for spreadsheets. The columns match
 * the cost panel's CSV export where they mean the same thing; money is USD as in the JSON report.
 * RFC 4180 quoting with CRLF line ends; cells that a spreadsheet would run as a formula are
 * neutralised (the panel's `csvField`).
 */
import { groupByFile } from './text';
import type { Report } from './types';
import { csvField } from './viewmodel';
import { combinedSavings } from '../cost/cost';

export const CSV_COLUMNS = [
  'file', 'line', 'column', 'provider', 'api', 'model', 'input_tokens', 'input_tokens_low', 'input_tokens_high', 'input_exact', 'input_dynamic',
  'max_tokens', 'output_tokens', 'calls_per_month', 'batch', 'cache_control', 'per_call_USD', 'per_month_USD', 'findings', 'savings_per_month_USD', 'in_test',
] as const;

/** The CSV text: a header row, then the call sites grouped by file in source order. */
export function formatCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const g of groupByFile(report)) {
    for (const { site, findings } of g.calls) {
      const savings = combinedSavings(site.costUsd?.perMonth ?? null, findings.map((f) => f.savingsUsd?.perMonth ?? 0));
      const cells: Array<string | number | boolean | null> = [
        site.file, site.range.start.line, site.range.start.column, site.provider, site.api, site.model,
        site.inputTokens.static, site.inputTokens.range[0], site.inputTokens.range[1], site.inputTokens.exact, site.inputTokens.dynamic,
        site.maxTokens, site.outputTokens, site.volume.perMonth, site.batch, site.cacheControl,
        site.costUsd?.perCall ?? null, site.costUsd?.perMonth ?? null,
        findings.map((f) => f.ruleId).join(' '), findings.some((f) => f.savingsUsd) ? Math.round(savings * 100) / 100 : null, site.inTest,
      ];
      lines.push(cells.map(csvField).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
