/**
 * The human-readable report, in the spirit of ESLint's "stylish" formatter plus a cost summary:
 * grouped by file, each call site with its cost and its findings beneath, then totals by model and
 * provider, the monthly total, the potential savings, counts by severity and the pricing date.
 * Colour is ANSI and opt-in (the CLI decides from the TTY, --no-color and NO_COLOR).
 */
import type { Severity } from '../types';
import type { Report, ReportCallSite, ReportFinding, ReportNote, ReportRange } from './types';

export interface TextOptions {
  /** Emit ANSI colour codes. */
  color?: boolean;
}

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

function painter(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (color && s ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole number with thousands separators: 4560 → "4,560". */
export function formatInt(n: number): string {
  return int.format(Math.round(n));
}

/**
 * US dollars with precision that suits the size: $0.000450, $0.0137, $12.34, $1,230.
 * Per-call amounts are often fractions of a cent, monthly ones thousands.
 */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return '$?';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (a === 0) return '$0';
  let body: string;
  if (a < 0.01) body = a.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  else if (a < 1) body = a.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  else if (a < 1000) body = a.toFixed(2);
  else body = int.format(Math.round(a));
  if (/e/.test(body)) body = a.toFixed(8).replace(/0+$/, '');
  return `${sign}$${body}`;
}

function formatTokens(t: ReportCallSite['inputTokens']): string {
  const [low, high] = t.range;
  let s: string;
  if (t.exact) s = `${formatInt(t.static)} tok`;
  else if (low !== high) s = `≈${formatInt(t.static)} tok (${formatInt(low)}–${formatInt(high)})`;
  else s = `≈${formatInt(t.static)} tok`;
  return t.dynamic ? `${s} + dynamic` : s;
}

function pos(r: ReportRange): string {
  return `${r.start.line}:${r.start.column}`;
}

function within(inner: ReportRange, outer: ReportRange): boolean {
  const before = (a: ReportRange['start'], b: ReportRange['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function compareRange(a: ReportRange, b: ReportRange): number {
  return a.start.line - b.start.line || a.start.column - b.start.column || a.end.line - b.end.line || a.end.column - b.end.column;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatInt(n)} ${n === 1 ? word : many}`;
}

function pad(s: string, width: number): string {
  const visible = s.replace(/\u001b\[\d+m/g, '');
  return s + ' '.repeat(Math.max(0, width - [...visible].length));
}

/** Lay rows out in aligned columns (two spaces between); the last column is not padded. */
function table(rows: string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c.replace(/\u001b\[\d+m/g, '')].length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

export interface FileGroup {
  file: string;
  /** Call sites in source order, each with the findings that lie within it. */
  calls: Array<{ site: ReportCallSite; findings: ReportFinding[] }>;
  /** Findings outside every call site of the file. */
  loose: ReportFinding[];
  notes: ReportNote[];
}

/** The report grouped by file (sorted by path): call sites with their findings, loose findings, notes. */
export function groupByFile(report: Report): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  const group = (file: string): FileGroup => {
    let g = groups.get(file);
    if (!g) groups.set(file, (g = { file, calls: [], loose: [], notes: [] }));
    return g;
  };
  for (const site of report.callSites) group(site.file).calls.push({ site, findings: [] });
  for (const g of groups.values()) g.calls.sort((a, b) => compareRange(a.site.range, b.site.range));
  for (const f of report.findings) {
    const g = group(f.file);
    // The innermost call site that contains the finding.
    let best: FileGroup['calls'][number] | undefined;
    for (const c of g.calls) if (within(f.range, c.site.range) && (!best || within(c.site.range, best.site.range))) best = c;
    (best ? best.findings : g.loose).push(f);
  }
  for (const n of report.notes) if (n.file !== null) group(n.file).notes.push(n);
  for (const g of groups.values()) {
    for (const c of g.calls) c.findings.sort((a, b) => compareRange(a.range, b.range));
    g.loose.sort((a, b) => compareRange(a.range, b.range));
  }
  return [...groups.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function severityLabel(s: Severity | ReportNote['level'], p: Paint): string {
  if (s === 'error') return p.red('error');
  if (s === 'warning') return p.yellow('warning');
  return p.cyan(s === 'info' ? 'info' : String(s));
}

function callRow(site: ReportCallSite, p: Paint): string[] {
  const model = site.model ?? (site.provider ? `(dynamic ${site.provider} model)` : '(dynamic model)');
  const cap = site.maxTokens !== null ? `≤${formatInt(site.maxTokens)} out` : `~${formatInt(site.outputTokens)} out (no cap)`;
  const cost = site.costUsd;
  const perCall = cost ? `${formatUsd(cost.perCall)}/call` : 'unpriced';
  const perMonth = cost ? `${formatUsd(cost.perMonth)}/month` : '';
  const tags = [site.batch ? 'batch' : '', site.cacheControl ? 'cached' : '', site.inTest ? 'test: not in totals' : ''].filter(Boolean);
  return [
    p.dim(pos(site.range)),
    p.bold(model),
    formatTokens(site.inputTokens),
    cap,
    perCall,
    perMonth + (tags.length ? `  ${p.dim(`[${tags.join(', ')}]`)}` : ''),
  ];
}

function findingRow(f: ReportFinding, p: Paint): string[] {
  // The message is not padded (messages are long sentences); the rule id follows it.
  return [p.dim(pos(f.range)), severityLabel(f.severity, p), `${f.message}  ${p.dim(f.ruleId)}`];
}

interface Total {
  key: string;
  calls: number;
  unpriced: number;
  perMonth: number;
}

function totalsBy(sites: readonly ReportCallSite[], keyOf: (s: ReportCallSite) => string): Total[] {
  const m = new Map<string, Total>();
  for (const s of sites) {
    if (s.inTest) continue;
    const key = keyOf(s);
    let t = m.get(key);
    if (!t) m.set(key, (t = { key, calls: 0, unpriced: 0, perMonth: 0 }));
    t.calls++;
    if (s.costUsd) t.perMonth += s.costUsd.perMonth;
    else t.unpriced++;
  }
  return [...m.values()].sort((a, b) => b.perMonth - a.perMonth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function totalRows(totals: Total[], p: Paint): string[][] {
  return totals.map((t) => [
    t.key,
    plural(t.calls, 'call'),
    t.calls === t.unpriced ? 'unpriced' : `${formatUsd(t.perMonth)}/month`,
    t.unpriced && t.unpriced !== t.calls ? p.dim(`(${t.unpriced} unpriced)`) : '',
  ]);
}

/** The text report, ending with a newline. */
export function formatText(report: Report, options: TextOptions = {}): string {
  const p = painter(options.color ?? false);
  const out: string[] = [];

  for (const g of groupByFile(report)) {
    out.push(p.underline(g.file));
    const rows: string[][] = [];
    const kinds: Array<'call' | 'finding'> = [];
    for (const c of g.calls) {
      rows.push(callRow(c.site, p));
      kinds.push('call');
      for (const f of c.findings) {
        rows.push(findingRow(f, p));
        kinds.push('finding');
      }
    }
    // Call-site rows and finding rows have different columns: align each kind on its own.
    const callLines = table(rows.filter((_, i) => kinds[i] === 'call'), '  ');
    const findingLines = table(rows.filter((_, i) => kinds[i] === 'finding'), '      ');
    let ci = 0;
    let fi = 0;
    for (const k of kinds) out.push(k === 'call' ? callLines[ci++]! : findingLines[fi++]!);
    if (g.loose.length) out.push(...table(g.loose.map((f) => findingRow(f, p)), '  '));
    for (const n of g.notes) out.push(`  ${n.range ? p.dim(pos(n.range)) + '  ' : ''}${severityLabel(n.level, p)}  ${n.message}`);
    out.push('');
  }

  const general = report.notes.filter((n) => n.file === null);
  if (general.length) {
    for (const n of general) out.push(`${severityLabel(n.level, p)}  ${n.message}`);
    out.push('');
  }

  const counted = report.callSites.filter((s) => !s.inTest);
  if (counted.length) {
    out.push(p.bold('Totals by model'));
    out.push(...table(totalRows(totalsBy(counted, (s) => (s.model ?? '(dynamic)') + ` (${s.provider})`), p), '  '));
    out.push(p.bold('Totals by provider'));
    out.push(...table(totalRows(totalsBy(counted, (s) => s.provider), p), '  '));
    out.push('');
  }

  const s = report.summary;
  const testCalls = report.callSites.length - counted.length;
  out.push(
    `${plural(s.callSites, 'call site')} in ${plural(s.files, 'file')}` +
      (testCalls ? ` (${plural(testCalls, 'call')} in tests not counted)` : '') +
      `: ${p.bold(`≈${formatUsd(s.perMonthUsd)}/month`)}` +
      (s.savingsPerMonthUsd > 0 ? `, potential savings ${p.green(`≈${formatUsd(s.savingsPerMonthUsd)}/month`)}` : ''),
  );

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) out.push(p.green('No problems found.'));
  else {
    const parts = SEVERITY_ORDER.filter((k) => counts[k] > 0).map((k) => {
      const text = plural(counts[k], k, k === 'info' ? 'info' : undefined);
      return k === 'error' ? p.red(text) : k === 'warning' ? p.yellow(text) : p.cyan(text);
    });
    const line = `${counts.error ? '✖' : '⚠'} ${plural(total, 'problem')} (${parts.join(', ')})`;
    out.push(p.bold(line));
  }
  out.push(
    p.dim(
      `Prices as of ${report.pricingDate}. Token counts for non-OpenAI models are estimates (≈, with a low–high range); ` +
        'output is priced at the cap, or at the assumed output when there is none.',
    ),
  );
  return out.join('\n') + '\n';
}
