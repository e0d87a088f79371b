/**
 * The cost panel's view model: pure data in, pure data out. The extension host builds rows from the
 * engine's `FileAnalysis` results, keeps the what-if scenario, asks the engine to re-price the calls
 * the scenario touches (`engine.whatIf`), and uses the functions here to filter, sort, group, total
 * and export what the page shows. The page only renders.
 *
 * Money in rows is USD (as the engine computes it); conversion to the display currency happens at
 * the edges (page rendering, export) through `Currency`.
 */
import type { AnalyzedCall } from '../rules/types';
import type { Finding, Severity } from '../types';
import type { LineIndex } from '../text/lineIndex';
import type { WhatIf, WhatIfResult } from '../engine';
import { combinedSavings } from '../cost/cost';

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** Cache status of a call: an explicit breakpoint, automatic (provider-side) caching, a cacheable prefix left uncached, or none. */
export type CacheStatus = 'cached' | 'automatic' | 'uncached' | 'none';

export interface RowTokens {
  central: number;
  low: number;
  high: number;
  exact: boolean;
  /** Part of the input is only known at run time. */
  dynamic: boolean;
}

export interface RowCost {
  perCallUsd: number;
  perMonthUsd: number;
}

export interface RowFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based line of the finding. */
  line: number;
  savingsPerCallUsd: number | null;
  savingsPerMonthUsd: number | null;
}

/** The call as re-priced under the current what-if scenario. */
export interface RowAfter {
  model: string | null;
  inputTokens: RowTokens;
  batch: boolean;
  callsPerMonth: number;
  cost: RowCost | null;
}

export interface PanelRow {
  /** Stable id within a session: `${file}:${line}:${column}`. */
  id: string;
  /** Workspace-relative path, '/'-separated. */
  file: string;
  line: number;
  column: number;
  provider: string;
  api: string;
  language: string;
  /** Model id as written; null when dynamic or absent. */
  model: string | null;
  /** The model is priced (known to the pricing table). */
  priced: boolean;
  inputTokens: RowTokens;
  /** The literal output cap; null when absent (or dynamic). */
  maxTokens: number | null;
  /** Output tokens priced (the cap, or the configured expectation). */
  outputTokens: number;
  callsPerMonth: number;
  volumeLabel: string;
  batch: boolean;
  batchAvailable: boolean;
  cache: CacheStatus;
  cost: RowCost | null;
  findings: RowFinding[];
  /** The findings' monthly savings combined (`combinedSavings`: they act on the same call, so they do not simply add up). */
  savingsPerMonthUsd: number;
  /** In a test file or test function: shown, excluded from totals. */
  inTest: boolean;
  /** Present when the what-if scenario changes this call. */
  after?: RowAfter;
}

/** Where a row's call is, for reveal (kept in the host, never needed by the page). */
export interface RowLocation {
  path: string;
  start: number;
  end: number;
}

function tokensOf(t: { central: number; low: number; high: number; exact: boolean }, dynamic: boolean): RowTokens {
  return { central: t.central, low: t.low, high: t.high, exact: t.exact, dynamic };
}

/** Cache status of an analysed call, from its markers, its provider and its static prefix size. */
export function cacheStatusOf(call: AnalyzedCall): CacheStatus {
  const site = call.site;
  if (site.topLevelCache || site.blocks.some((b) => b.cacheControl)) return 'cached';
  const min = call.model?.minCacheableTokens ?? null;
  const prefix = call.blocks.length ? call.blocks[call.blocks.length - 1]!.cumulative : call.inputTokens.central;
  if (min === null || prefix < min) return 'none';
  // Anthropic (and Bedrock/Vertex Claude) cache only at explicit breakpoints; the others cache long prefixes on their own.
  const explicitOnly = site.sdk === 'anthropic' || call.model?.provider === 'anthropic';
  return explicitOnly ? 'uncached' : 'automatic';
}

function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * Rows of one analysed file. `file` is the workspace-relative path shown to the user. Findings are
 * attached to the (innermost) call whose span contains them. Returns each row with its location.
 */
export function rowsFromAnalysis(
  analysis: { path: string; calls: readonly AnalyzedCall[]; findings: readonly Finding[]; lines: LineIndex },
  file: string,
): Array<{ row: PanelRow; location: RowLocation; call: AnalyzedCall }> {
  const out: Array<{ row: PanelRow; location: RowLocation; call: AnalyzedCall }> = [];
  const calls = analysis.calls;
  const owner: number[] = analysis.findings.map((f) => {
    let best = -1;
    for (let i = 0; i < calls.length; i++) {
      const s = calls[i]!.site.span;
      if (within(f.span, s) && (best < 0 || s.end - s.start < calls[best]!.site.span.end - calls[best]!.site.span.start)) best = i;
    }
    return best;
  });
  calls.forEach((call, i) => {
    const site = call.site;
    const pos = analysis.lines.toLineCol(site.span.start);
    const findings: RowFinding[] = [];
    analysis.findings.forEach((f, j) => {
      if (owner[j] !== i) return;
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: analysis.lines.toLineCol(f.span.start).line,
        savingsPerCallUsd: f.savingsUsd ? f.savingsUsd.perCall : null,
        savingsPerMonthUsd: f.savingsUsd ? f.savingsUsd.perMonth : null,
      });
    });
    const row: PanelRow = {
      id: `${file}:${pos.line}:${pos.column}`,
      file,
      line: pos.line,
      column: pos.column,
      provider: site.provider,
      api: site.api,
      language: site.language,
      model: site.model,
      priced: call.model !== null,
      inputTokens: tokensOf(call.inputTokens, call.dynamicInput),
      maxTokens: site.maxTokens ? site.maxTokens.value : null,
      outputTokens: call.outputTokens,
      callsPerMonth: call.volume.perMonth,
      volumeLabel: call.volume.label,
      batch: site.batch,
      batchAvailable: site.batchAvailable,
      cache: cacheStatusOf(call),
      cost: call.cost ? { perCallUsd: call.cost.perCallUsd, perMonthUsd: call.cost.perMonthUsd } : null,
      findings,
      savingsPerMonthUsd: combinedSavings(call.cost?.perMonthUsd ?? null, findings.map((f) => f.savingsPerMonthUsd ?? 0)),
      inTest: site.context.inTest,
    };
    out.push({ row, location: { path: analysis.path, start: site.span.start, end: site.span.end }, call });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// What-if scenario
// ---------------------------------------------------------------------------------------------

export interface CallOverride {
  model?: string;
  batch?: boolean;
  callsPerMonth?: number;
}

export interface WhatIfScenario {
  /** Switch every call using the key model to the value model. */
  modelMap: Record<string, string>;
  /** Per-call overrides, by row id. They win over `modelMap` and `volumeScale`. */
  calls: Record<string, CallOverride>;
  /** Share of calls reading the cached prefix (0–1); null leaves each call as configured. */
  cacheHitRate: number | null;
  /** Multiply every call's monthly volume; null leaves volumes as they are. */
  volumeScale: number | null;
}

export type WhatIfOp =
  | { kind: 'model'; id: string; model: string | null }
  | { kind: 'modelAll'; from: string; model: string | null }
  | { kind: 'batch'; id: string; batch: boolean | null }
  | { kind: 'callVolume'; id: string; callsPerMonth: number | null }
  | { kind: 'cacheHitRate'; value: number | null }
  | { kind: 'volumeScale'; value: number | null }
  | { kind: 'reset' };

export function emptyScenario(): WhatIfScenario {
  return { modelMap: {}, calls: {}, cacheHitRate: null, volumeScale: null };
}

export function scenarioIsEmpty(s: WhatIfScenario): boolean {
  return Object.keys(s.modelMap).length === 0 && Object.keys(s.calls).length === 0 && s.cacheHitRate === null && s.volumeScale === null;
}

function setOverride(s: WhatIfScenario, id: string, patch: Partial<Record<keyof CallOverride, unknown>>): WhatIfScenario {
  const cur: Record<string, unknown> = { ...(s.calls[id] ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined) delete cur[k];
    else cur[k] = v;
  }
  const calls = { ...s.calls };
  if (Object.keys(cur).length) calls[id] = cur as CallOverride;
  else delete calls[id];
  return { ...s, calls };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** Apply one what-if edit to a scenario (returns a new scenario; `null` values clear a setting). */
export function applyWhatIfOp(s: WhatIfScenario, op: WhatIfOp): WhatIfScenario {
  switch (op.kind) {
    case 'reset':
      return emptyScenario();
    case 'model':
      return setOverride(s, op.id, { model: op.model });
    case 'batch':
      return setOverride(s, op.id, { batch: op.batch });
    case 'callVolume':
      return setOverride(s, op.id, { callsPerMonth: op.callsPerMonth === null ? null : Math.max(0, op.callsPerMonth) });
    case 'modelAll': {
      const modelMap = { ...s.modelMap };
      if (op.model === null || op.model === op.from) delete modelMap[op.from];
      else modelMap[op.from] = op.model;
      return { ...s, modelMap };
    }
    case 'cacheHitRate':
      return { ...s, cacheHitRate: op.value === null ? null : clamp01(op.value) };
    case 'volumeScale':
      return { ...s, volumeScale: op.value === null || op.value === 1 ? null : Math.max(0, op.value) };
  }
}

/** The engine what-if for one row under a scenario; null when the scenario leaves the call unchanged. */
export function whatIfFor(row: PanelRow, s: WhatIfScenario): WhatIf | null {
  const change: WhatIf = {};
  const o = s.calls[row.id];
  const model = o?.model ?? (row.model !== null ? s.modelMap[row.model] : undefined);
  if (model !== undefined && model !== row.model) change.model = model;
  if (o?.batch !== undefined && o.batch !== row.batch) change.batch = o.batch;
  if (s.cacheHitRate !== null) change.cacheHitRate = s.cacheHitRate;
  if (o?.callsPerMonth !== undefined) change.callsPerMonth = o.callsPerMonth;
  else if (s.volumeScale !== null) change.callsPerMonth = row.callsPerMonth * s.volumeScale;
  return Object.keys(change).length ? change : null;
}

/** The row with its what-if result attached (or without one when the scenario leaves it alone). */
export function withAfter(row: PanelRow, change: WhatIf | null, result: WhatIfResult | null): PanelRow {
  const { after: _old, ...base } = row;
  if (!change || !result) return base;
  return {
    ...base,
    after: {
      model: change.model ?? row.model,
      inputTokens: tokensOf(result.inputTokens, row.inputTokens.dynamic),
      batch: change.batch ?? row.batch,
      callsPerMonth: change.callsPerMonth ?? row.callsPerMonth,
      cost: result.cost ? { perCallUsd: result.cost.perCallUsd, perMonthUsd: result.cost.perMonthUsd } : null,
    },
  };
}

/** Monthly cost after the what-if (the current cost when the row is unchanged); null when unpriced. */
export function afterPerMonth(row: PanelRow): number | null {
  if (row.after) return row.after.cost ? row.after.cost.perMonthUsd : null;
  return row.cost ? row.cost.perMonthUsd : null;
}

export function afterPerCall(row: PanelRow): number | null {
  if (row.after) return row.after.cost ? row.after.cost.perCallUsd : null;
  return row.cost ? row.cost.perCallUsd : null;
}

/** after − before per month; null when either side is unpriced. */
export function deltaPerMonth(row: PanelRow): number | null {
  const a = afterPerMonth(row);
  return a === null || row.cost === null ? null : a - row.cost.perMonthUsd;
}

// ---------------------------------------------------------------------------------------------
// Totals, filtering, sorting, grouping
// ---------------------------------------------------------------------------------------------

export interface Totals {
  /** Call sites counted (test calls excluded). */
  calls: number;
  /** Of those, call sites whose model is not priced (not in the money totals). */
  unpriced: number;
  /** Test call sites (shown, excluded from every total). */
  testCalls: number;
  perMonthUsd: number;
  afterPerMonthUsd: number;
  deltaPerMonthUsd: number;
  savingsPerMonthUsd: number;
  findings: number;
}

export function totalsOf(rows: readonly PanelRow[]): Totals {
  const t: Totals = { calls: 0, unpriced: 0, testCalls: 0, perMonthUsd: 0, afterPerMonthUsd: 0, deltaPerMonthUsd: 0, savingsPerMonthUsd: 0, findings: 0 };
  for (const r of rows) {
    if (r.inTest) {
      t.testCalls++;
      continue;
    }
    t.calls++;
    t.findings += r.findings.length;
    t.savingsPerMonthUsd += r.savingsPerMonthUsd;
    const before = r.cost ? r.cost.perMonthUsd : null;
    const after = afterPerMonth(r);
    if (before === null && after === null) {
      t.unpriced++;
      continue;
    }
    // A call priced on only one side (switched to or from an unknown model) counts its known side.
    t.perMonthUsd += before ?? 0;
    t.afterPerMonthUsd += after ?? 0;
  }
  t.deltaPerMonthUsd = t.afterPerMonthUsd - t.perMonthUsd;
  return t;
}

export interface RowFilter {
  provider?: string | null;
  /** A model id; '' (empty) matches calls whose model is dynamic. */
  model?: string | null;
  /** Case-insensitive substring of the file path. */
  file?: string | null;
  hasFindings?: boolean | null;
}

export function filterRows(rows: readonly PanelRow[], f: RowFilter): PanelRow[] {
  const file = f.file ? f.file.toLowerCase() : '';
  return rows.filter((r) => {
    if (f.provider && r.provider !== f.provider) return false;
    if (f.model !== undefined && f.model !== null && (r.model ?? '') !== f.model) return false;
    if (file && !r.file.toLowerCase().includes(file)) return false;
    if (f.hasFindings === true && r.findings.length === 0) return false;
    if (f.hasFindings === false && r.findings.length > 0) return false;
    return true;
  });
}

export const SORT_KEYS = [
  'location',
  'provider',
  'model',
  'inputTokens',
  'maxTokens',
  'perCall',
  'perMonth',
  'cache',
  'findings',
  'savings',
  'delta',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

const CACHE_ORDER: Record<CacheStatus, number> = { uncached: 0, none: 1, automatic: 2, cached: 3 };

function sortValue(r: PanelRow, key: SortKey): string | number | null {
  switch (key) {
    case 'location':
      return null; // handled by the tie-break
    case 'provider':
      return r.provider;
    case 'model':
      return r.after?.model ?? r.model;
    case 'inputTokens':
      return r.inputTokens.central;
    case 'maxTokens':
      return r.maxTokens;
    case 'perCall':
      return afterPerCall(r);
    case 'perMonth':
      return afterPerMonth(r);
    case 'cache':
      return CACHE_ORDER[r.cache];
    case 'findings':
      return r.findings.length;
    case 'savings':
      return r.savingsPerMonthUsd;
    case 'delta':
      return deltaPerMonth(r);
  }
}

function byLocation(a: PanelRow, b: PanelRow): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Sort rows by a column. Missing values (unpriced, no cap, dynamic model) go last in either direction; ties keep file:line order. */
export function sortRows(rows: readonly PanelRow[], key: SortKey, dir: SortDir): PanelRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'location') return sign * byLocation(a, b);
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      return byLocation(a, b);
    }
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return sign * c || byLocation(a, b);
  });
}

export type GroupBy = 'none' | 'model' | 'provider' | 'file';

export interface RowGroup {
  key: string;
  label: string;
  rows: PanelRow[];
  totals: Totals;
}

function groupKey(r: PanelRow, by: GroupBy): string {
  switch (by) {
    case 'model':
      return r.model ?? '';
    case 'provider':
      return r.provider;
    case 'file':
      return r.file;
    case 'none':
      return '';
  }
}

/** Group (already sorted) rows; groups are ordered by monthly cost (after the what-if), highest first. */
export function groupRows(rows: readonly PanelRow[], by: GroupBy): RowGroup[] {
  if (by === 'none') return [{ key: '', label: 'All calls', rows: [...rows], totals: totalsOf(rows) }];
  const map = new Map<string, PanelRow[]>();
  for (const r of rows) {
    const k = groupKey(r, by);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(r);
  }
  const groups = [...map.entries()].map(([key, list]) => ({
    key,
    label: key === '' ? '(dynamic model)' : key,
    rows: list,
    totals: totalsOf(list),
  }));
  return groups.sort((a, b) => b.totals.afterPerMonthUsd - a.totals.afterPerMonthUsd || a.label.localeCompare(b.label));
}

// ---------------------------------------------------------------------------------------------
// Chart data
// ---------------------------------------------------------------------------------------------

export interface ChartBar {
  label: string;
  perMonthUsd: number;
  afterPerMonthUsd: number;
}

/** Monthly cost by model or by file, highest first; beyond `top` bars the rest fold into "other". */
export function chartBars(rows: readonly PanelRow[], by: 'model' | 'file', top = 8): ChartBar[] {
  const groups = groupRows(rows, by).filter((g) => g.totals.calls > g.totals.unpriced);
  const bars = groups.map((g) => ({ label: g.label, perMonthUsd: g.totals.perMonthUsd, afterPerMonthUsd: g.totals.afterPerMonthUsd }));
  if (bars.length <= top) return bars;
  const rest = bars.slice(top - 1);
  const other: ChartBar = {
    label: `${rest.length} others`,
    perMonthUsd: rest.reduce((s, b) => s + b.perMonthUsd, 0),
    afterPerMonthUsd: rest.reduce((s, b) => s + b.afterPerMonthUsd, 0),
  };
  return [...bars.slice(0, top - 1), other];
}

// ---------------------------------------------------------------------------------------------
// The whole view
// ---------------------------------------------------------------------------------------------

export interface ViewOptions {
  sort: { key: SortKey; dir: SortDir };
  filter: RowFilter;
  groupBy: GroupBy;
  /** Rows to send to the page (the page asks for more). */
  limit: number;
}

export function defaultViewOptions(): ViewOptions {
  return { sort: { key: 'perMonth', dir: 'desc' }, filter: {}, groupBy: 'none', limit: 200 };
}

export interface Facets {
  providers: string[];
  /** Model ids in use ('' for dynamic). */
  models: string[];
  files: string[];
}

export interface PanelView {
  groups: RowGroup[];
  /** Totals of the filtered rows. */
  totals: Totals;
  /** Totals of the whole workspace (unfiltered). */
  workspace: Totals;
  /** Rows after filtering, and how many of them `groups` holds (the rest wait behind "show more"). */
  matchingRows: number;
  shownRows: number;
  allRows: number;
  chart: { byModel: ChartBar[]; byFile: ChartBar[] };
  facets: Facets;
  whatIfActive: boolean;
}

function uniqSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

export function facetsOf(rows: readonly PanelRow[]): Facets {
  return {
    providers: uniqSorted(rows.map((r) => r.provider)),
    models: uniqSorted(rows.map((r) => r.model ?? '')),
    files: uniqSorted(rows.map((r) => r.file)),
  };
}

/** Filter + sort (the rows an export writes). */
export function visibleRows(rows: readonly PanelRow[], o: ViewOptions): PanelRow[] {
  return sortRows(filterRows(rows, o.filter), o.sort.key, o.sort.dir);
}

/** Everything the page renders, from all rows and the view options. */
export function buildView(rows: readonly PanelRow[], o: ViewOptions): PanelView {
  const matching = visibleRows(rows, o);
  const limit = Math.max(1, Math.floor(o.limit));
  // Group the whole filtered set for correct group totals; cut rows at `limit` across groups.
  const full = groupRows(matching, o.groupBy);
  let budget = limit;
  const groups: RowGroup[] = [];
  for (const g of full) {
    if (budget <= 0) {
      groups.push({ ...g, rows: [] });
      continue;
    }
    groups.push({ ...g, rows: g.rows.slice(0, budget) });
    budget -= Math.min(budget, g.rows.length);
  }
  return {
    groups,
    totals: totalsOf(matching),
    workspace: totalsOf(rows),
    matchingRows: matching.length,
    shownRows: Math.min(limit, matching.length),
    allRows: rows.length,
    chart: { byModel: chartBars(matching, 'model'), byFile: chartBars(matching, 'file') },
    facets: facetsOf(rows),
    whatIfActive: rows.some((r) => r.after !== undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

export interface Currency {
  /** ISO code of the display currency. */
  code: string;
  /** Display units per 1 USD. */
  rate: number;
}

export const USD: Currency = { code: 'USD', rate: 1 };

/** Round a converted amount for machine-readable export (no float noise such as 0.30000000000000004). */
function num(usd: number | null, c: Currency): number | null {
  if (usd === null) return null;
  return Math.round(usd * c.rate * 1e6) / 1e6;
}

function tokensText(t: RowTokens): string {
  const base = t.exact || t.low === t.high ? String(t.central) : `${t.low}-${t.high}`;
  return t.dynamic ? `${base}+dynamic` : base;
}

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Guards against spreadsheet formula injection. */
export function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly PanelRow[], c: Currency = USD): string {
  const cur = c.code;
  const whatIf = rows.some((r) => r.after);
  const head = [
    'file', 'line', 'column', 'provider', 'api', 'model', 'input_tokens', 'input_tokens_low', 'input_tokens_high', 'input_exact', 'input_dynamic',
    'max_tokens', 'output_tokens', 'calls_per_month', 'batch', 'cache', `per_call_${cur}`, `per_month_${cur}`, 'findings', `savings_per_month_${cur}`, 'in_test',
  ];
  if (whatIf) head.push('after_model', 'after_batch', 'after_calls_per_month', `after_per_call_${cur}`, `after_per_month_${cur}`, `delta_per_month_${cur}`);
  const lines = [head.join(',')];
  for (const r of rows) {
    const f: Array<string | number | boolean | null> = [
      r.file, r.line, r.column, r.provider, r.api, r.model, r.inputTokens.central, r.inputTokens.low, r.inputTokens.high, r.inputTokens.exact,
      r.inputTokens.dynamic, r.maxTokens, r.outputTokens, r.callsPerMonth, r.batch, r.cache, num(r.cost?.perCallUsd ?? null, c),
      num(r.cost?.perMonthUsd ?? null, c), r.findings.map((x) => x.ruleId).join(' '), num(r.savingsPerMonthUsd, c), r.inTest,
    ];
    if (whatIf) {
      f.push(
        r.after ? r.after.model : r.model,
        r.after ? r.after.batch : r.batch,
        r.after ? r.after.callsPerMonth : r.callsPerMonth,
        num(afterPerCall(r), c),
        num(afterPerMonth(r), c),
        num(deltaPerMonth(r), c),
      );
    }
    lines.push(f.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export interface JsonExport {
  version: 1;
  currency: string;
  currencyRate: number;
  totals: Totals;
  callSites: Array<PanelRow & { afterPerMonth: number | null; deltaPerMonth: number | null }>;
}

/** JSON export; money stays in USD (as in the JSON report) with the display currency and rate alongside. */
export function toJson(rows: readonly PanelRow[], c: Currency = USD): string {
  const doc: JsonExport = {
    version: 1,
    currency: c.code,
    currencyRate: c.rate,
    totals: totalsOf(rows),
    callSites: rows.map((r) => ({ ...r, afterPerMonth: afterPerMonth(r), deltaPerMonth: deltaPerMonth(r) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Escape text for a Markdown table cell: pipes, backslashes, line breaks, and HTML-significant characters. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, '\\`')
    .replace(/\r?\n|\r/g, ' ');
}

export interface Formatters {
  /** Format an amount given in USD in the display currency. */
  money(usd: number): string;
  tokens(t: RowTokens): string;
}

export function plainFormatters(c: Currency = USD): Formatters {
  return {
    money: (usd) => {
      const v = usd * c.rate;
      const abs = Math.abs(v);
      const digits = abs === 0 ? 2 : abs < 0.01 ? 4 : 2;
      const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
      const sign = v < 0 ? '-' : '';
      return c.code === 'USD' ? `${sign}$${s}` : `${sign}${s} ${c.code}`;
    },
    tokens: (t) => {
      const n = (x: number) => x.toLocaleString('en-US');
      const base = t.exact || t.low === t.high ? n(t.central) : `≈${n(t.central)} (${n(t.low)}–${n(t.high)})`;
      return t.dynamic ? `${base} + dynamic` : base;
    },
  };
}

/** A Markdown table of the rows (paste into a pull request), with a totals line. */
export function toMarkdown(rows: readonly PanelRow[], fmt: Formatters = plainFormatters()): string {
  const whatIf = rows.some((r) => r.after);
  const head = ['Call', 'Provider', 'Model', 'Input tokens', 'Output cap', '$/call', '$/month', 'Cache', 'Findings', 'Savings/month'];
  if (whatIf) head.push('After $/month', 'Δ/month');
  const money = (v: number | null) => (v === null ? '—' : fmt.money(v));
  const right = new Set(['Input tokens', 'Output cap', '$/call', '$/month', 'Savings/month', 'After $/month', 'Δ/month']);
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((h) => (right.has(h) ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const r of rows) {
    const model = r.after && r.after.model !== r.model ? `${r.model ?? '(dynamic)'} → ${r.after.model ?? '(dynamic)'}` : (r.model ?? '(dynamic)');
    const cells = [
      `${r.file}:${r.line}`,
      r.provider,
      model,
      fmt.tokens(r.inputTokens),
      r.maxTokens === null ? '—' : String(r.maxTokens),
      money(r.cost?.perCallUsd ?? null),
      money(r.cost?.perMonthUsd ?? null),
      r.cache,
      r.findings.map((f) => f.ruleId).join(', ') || '—',
      r.savingsPerMonthUsd ? fmt.money(r.savingsPerMonthUsd) : '—',
    ];
    if (whatIf) cells.push(money(afterPerMonth(r)), money(deltaPerMonth(r)));
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  const t = totalsOf(rows);
  let total = `**Total: ${fmt.money(t.perMonthUsd)}/month** over ${t.calls} call site${t.calls === 1 ? '' : 's'}`;
  if (whatIf) total += ` → ${fmt.money(t.afterPerMonthUsd)}/month (${t.deltaPerMonthUsd <= 0 ? '' : '+'}${fmt.money(t.deltaPerMonthUsd)})`;
  if (t.unpriced) total += `; ${t.unpriced} not priced`;
  if (t.testCalls) total += `; ${t.testCalls} test call${t.testCalls === 1 ? '' : 's'} excluded`;
  return `${lines.join('\n')}\n\n${mdCell(total)}\n`;
}

