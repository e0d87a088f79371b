/**
 * The cost panel page (browser bundle, dist/webview.js). It renders what the extension host sends
 * and sends back intents (sort, filter, group, what-if edits, reveal, export, scan). It never
 * computes money: every figure, including what-if results, comes priced from the host.
 *
 * Messages are validated on arrival (src/shared/protocol.ts); unknown or malformed ones are ignored.
 * View options and UI state (selection, open sections) survive hide/show through getState/setState.
 */
import { parseHostMessage, viewOptionsSchema, type PageMessage, type PanelState, type ScanStatus } from '../shared/protocol';
import type { ChartBar, PanelRow, SortKey, Totals, ViewOptions, WhatIfOp } from '../core/report/viewmodel';
import { h, replace, setOptions, type Child } from './dom';
import { count, money, moneyDelta, tokens, tokensLong, type PageCurrency } from './format';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  options?: ViewOptions;
  selectedId?: string | null;
  open?: Record<string, boolean>;
}

const vscode = acquireVsCodeApi();
const saved: SavedState = (() => {
  const s = vscode.getState();
  return s && typeof s === 'object' ? (s as SavedState) : {};
})();

let state: PanelState | null = null;
let selectedId: string | null = typeof saved.selectedId === 'string' ? saved.selectedId : null;
const openSections: Record<string, boolean> = { ...(saved.open ?? {}) };
let restoreFocus = false;

function send(msg: PageMessage): void {
  vscode.postMessage(msg);
}

function save(): void {
  vscode.setState({ options: state?.options ?? saved.options, selectedId, open: openSections } satisfies SavedState);
}

function cur(): PageCurrency {
  return state?.currency ?? { code: 'USD', rate: 1 };
}

function setOptionsAndSend(patch: Partial<ViewOptions>): void {
  if (!state) return;
  const options: ViewOptions = { ...state.options, ...patch };
  state = { ...state, options };
  save();
  send({ type: 'setOptions', options });
}

function whatIf(op: WhatIfOp): void {
  send({ type: 'whatIf', op });
}

// ---------------------------------------------------------------------------------------------
// Skeleton (built once; the parts below are updated in place so inputs keep focus and text)
// ---------------------------------------------------------------------------------------------

const app = document.getElementById('app')!;

const scanBtn = h('button', { id: 'scan', class: 'primary', text: 'Scan workspace', on: { click: () => send({ type: 'scan' }) } });
const cancelBtn = h('button', { id: 'cancel-scan', text: 'Cancel', hidden: true, attrs: { 'aria-label': 'Cancel the workspace scan' }, on: { click: () => send({ type: 'cancelScan' }) } });
const progress = h('div', { class: 'progress', hidden: true, role: 'progressbar', attrs: { 'aria-label': 'Scanning the workspace' } });
const status = h('div', { id: 'status', class: 'status', role: 'status', attrs: { 'aria-live': 'polite' } });
const exportBtns = h(
  'div',
  { class: 'exports', role: 'group', attrs: { 'aria-label': 'Export the current view' } },
  h('button', { id: 'export-csv', text: 'CSV', attrs: { 'aria-label': 'Export the current view as CSV' }, on: { click: () => send({ type: 'export', format: 'csv' }) } }),
  h('button', { id: 'export-json', text: 'JSON', attrs: { 'aria-label': 'Export the current view as JSON' }, on: { click: () => send({ type: 'export', format: 'json' }) } }),
  h('button', { id: 'export-md', text: 'Markdown', attrs: { 'aria-label': 'Copy the current view as a Markdown table' }, on: { click: () => send({ type: 'export', format: 'markdown' }) } }),
);

const summary = h('section', { id: 'summary', class: 'summary', attrs: { 'aria-label': 'Totals' } });

function section(key: string, title: string, body: HTMLElement, openByDefault: boolean): HTMLDetailsElement {
  const d = h('details', { class: 'section', id: `section-${key}` }, h('summary', { text: title }), body);
  d.open = openSections[key] ?? openByDefault;
  d.addEventListener('toggle', () => {
    openSections[key] = d.open;
    save();
  });
  return d;
}

const chartModel = h('div', { class: 'chart', id: 'chart-model', role: 'list', attrs: { 'aria-label': 'Monthly cost by model' } });
const chartFile = h('div', { class: 'chart', id: 'chart-file', role: 'list', attrs: { 'aria-label': 'Monthly cost by file' } });

// What-if controls
const fromModel = h('select', { id: 'wi-from', attrs: { 'aria-label': 'Model to switch from' } });
const toModel = h('select', { id: 'wi-to', attrs: { 'aria-label': 'Model to switch to' } });
const applyAll = h('button', {
  id: 'wi-apply-all',
  text: 'Switch',
  on: {
    click: () => {
      if (fromModel.value && toModel.value) whatIf({ kind: 'modelAll', from: fromModel.value, model: toModel.value });
    },
  },
});
const cacheRate = h('input', { id: 'wi-cache', type: 'range', attrs: { min: 0, max: 100, step: 5, 'aria-label': 'Cache hit rate, percent' } });
const cacheRateOut = h('output', { id: 'wi-cache-value', attrs: { for: 'wi-cache' } });
const cacheClear = h('button', { class: 'link', text: 'Clear', attrs: { 'aria-label': 'Clear the cache hit rate: use each call’s configured rate' }, on: { click: () => whatIf({ kind: 'cacheHitRate', value: null }) } });
cacheRate.addEventListener('input', () => (cacheRateOut.textContent = `${cacheRate.value}%`));
cacheRate.addEventListener('change', () => whatIf({ kind: 'cacheHitRate', value: Number(cacheRate.value) / 100 }));
const volume = h('input', { id: 'wi-volume', type: 'number', attrs: { min: 0, step: 0.1, 'aria-label': 'Multiply every call volume by' } });
volume.addEventListener('change', () => {
  const v = Number(volume.value);
  if (volume.value !== '' && Number.isFinite(v) && v >= 0) whatIf({ kind: 'volumeScale', value: v });
  else if (volume.value === '') whatIf({ kind: 'volumeScale', value: null });
});
const changes = h('ul', { id: 'wi-changes', class: 'changes', attrs: { 'aria-label': 'Active what-if changes' } });
const resetBtn = h('button', { id: 'wi-reset', text: 'Reset what-if', on: { click: () => whatIf({ kind: 'reset' }) } });

const whatIfBody = h(
  'div',
  { class: 'whatif' },
  h('div', { class: 'field' }, h('label', { text: 'Every call using', attrs: { for: 'wi-from' } }), fromModel),
  h('div', { class: 'field' }, h('label', { text: 'switched to', attrs: { for: 'wi-to' } }), toModel, applyAll),
  h('div', { class: 'field' }, h('label', { text: 'Cache hit rate', attrs: { for: 'wi-cache' } }), cacheRate, cacheRateOut, cacheClear),
  h('div', { class: 'field' }, h('label', { text: 'Call volume ×', attrs: { for: 'wi-volume' } }), volume),
  changes,
  resetBtn,
);

// Filters
const fProvider = h('select', { id: 'f-provider', attrs: { 'aria-label': 'Filter by provider' } });
const fModel = h('select', { id: 'f-model', attrs: { 'aria-label': 'Filter by model' } });
const fFile = h('input', { id: 'f-file', type: 'search', attrs: { placeholder: 'file contains…', 'aria-label': 'Filter by file path' } });
const fFindings = h('input', { id: 'f-findings', type: 'checkbox' });
const groupBy = h('select', { id: 'group-by', attrs: { 'aria-label': 'Group rows by' } });
const sortSel = h('select', { id: 'sort-by', attrs: { 'aria-label': 'Sort rows by' } });
const sortDir = h('button', { id: 'sort-dir', class: 'icon' });
sortSel.addEventListener('change', () => {
  if (!state) return;
  const col = COLUMNS.find((c) => c.key === sortSel.value);
  if (col) setOptionsAndSend({ sort: { key: col.key, dir: col.num || col.key === 'findings' ? 'desc' : 'asc' } });
});
sortDir.addEventListener('click', () => {
  if (state) setOptionsAndSend({ sort: { key: state.options.sort.key, dir: state.options.sort.dir === 'asc' ? 'desc' : 'asc' } });
});
setOptions(groupBy, [['none', 'No grouping'], ['model', 'Group by model'], ['provider', 'Group by provider'], ['file', 'Group by file']], 'none');

function filterChanged(): void {
  if (!state) return;
  setOptionsAndSend({
    filter: {
      provider: fProvider.value || null,
      model: fModel.value === '*' ? null : fModel.value,
      file: fFile.value.trim() || null,
      hasFindings: fFindings.checked ? true : null,
    },
    limit: 200,
  });
}
fProvider.addEventListener('change', filterChanged);
fModel.addEventListener('change', filterChanged);
fFindings.addEventListener('change', filterChanged);
let fileTimer: ReturnType<typeof setTimeout> | undefined;
fFile.addEventListener('input', () => {
  clearTimeout(fileTimer);
  fileTimer = setTimeout(filterChanged, 250);
});
groupBy.addEventListener('change', () => setOptionsAndSend({ groupBy: groupBy.value as ViewOptions['groupBy'] }));

const filters = h(
  'div',
  { class: 'filters', role: 'group', attrs: { 'aria-label': 'Filter and group' } },
  fProvider,
  fModel,
  fFile,
  h('label', { class: 'check' }, fFindings, ' has findings'),
  groupBy,
  h('span', { class: 'sortctl' }, sortSel, sortDir),
);

// Table
interface Column {
  key: SortKey;
  label: string;
  /** Accessible name of the header (when the label is an abbreviation). */
  long: string;
  num?: boolean;
  whatIfOnly?: boolean;
  /** Shown at sidebar width too (the others appear when the view is wider; every one is in the sort menu). */
  narrow?: boolean;
}
const COLUMNS: Column[] = [
  { key: 'location', label: 'Call', long: 'File and line', narrow: true },
  { key: 'provider', label: 'Provider', long: 'Provider' },
  { key: 'model', label: 'Model', long: 'Model' },
  { key: 'inputTokens', label: 'Input', long: 'Input tokens', num: true },
  { key: 'maxTokens', label: 'Out cap', long: 'Output cap', num: true },
  { key: 'perCall', label: '$/call', long: 'Cost per call', num: true },
  { key: 'perMonth', label: '$/month', long: 'Cost per month', num: true, narrow: true },
  { key: 'delta', label: 'Δ/month', long: 'Difference per month', num: true, whatIfOnly: true },
  { key: 'cache', label: 'Cache', long: 'Cache status' },
  { key: 'findings', label: 'Findings', long: 'Findings', narrow: true },
  { key: 'savings', label: 'Savings/mo', long: 'Savings per month if the findings are fixed', num: true },
];

const table = h('table', { id: 'calls', class: 'grid', role: 'grid', attrs: { 'aria-label': 'LLM call sites', 'aria-readonly': 'true' } });
const thead = h('thead');
const tbody = h('tbody');
table.append(thead, tbody);
const tableWrap = h('div', { class: 'table-wrap' }, table);
const more = h('button', { id: 'more', hidden: true, on: { click: () => state && setOptionsAndSend({ limit: state.options.limit + 200 }) } });
const empty = h('p', { id: 'empty', class: 'muted', hidden: true });
const detail = h('section', { id: 'detail', class: 'detail', hidden: true, attrs: { 'aria-label': 'Selected call' } });

replace(
  app,
  h('header', { class: 'toolbar' }, scanBtn, cancelBtn, exportBtns),
  progress,
  status,
  summary,
  section('chart-model', 'Monthly cost by model', chartModel, true),
  section('chart-file', 'Monthly cost by file', chartFile, false),
  section('whatif', 'What-if', whatIfBody, true),
  filters,
  tableWrap,
  more,
  empty,
  detail,
);
app.removeAttribute('aria-busy');

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function renderScan(scan: ScanStatus): void {
  scanBtn.disabled = scan.running;
  cancelBtn.hidden = !scan.running;
  progress.hidden = !scan.running;
  if (scan.message) status.textContent = scan.message;
}

function beforeAfter(before: string, after: string | null, changed: boolean): Child {
  if (!changed || after === null) return before;
  return h('span', { class: 'ba' }, h('span', { class: 'before', text: before }), h('span', { class: 'sep', text: ' → ', attrs: { 'aria-label': 'becomes' } }), h('span', { class: 'after', text: after }));
}

function renderSummary(s: PanelState): void {
  const t = s.view.totals;
  const c = cur();
  const filtered = s.view.matchingRows !== s.view.allRows;
  const head = h('div', { class: 'total', id: 'total' });
  head.append(h('span', { class: 'amount', id: 'total-before', text: money(t.perMonthUsd, c) }));
  if (s.view.whatIfActive) {
    head.append(' → ', h('span', { class: 'amount after', id: 'total-after', text: money(t.afterPerMonthUsd, c) }));
    head.append(' ', h('span', { class: t.deltaPerMonthUsd <= 0 ? 'delta down' : 'delta up', id: 'total-delta', text: `(${moneyDelta(t.deltaPerMonthUsd, c)})` }));
  }
  head.append(h('span', { class: 'unit', text: '\u00a0/\u00a0month' }));
  const parts: string[] = [`${count(t.calls)} call site${t.calls === 1 ? '' : 's'}${filtered ? ` shown of ${count(s.view.workspace.calls)}` : ''}`];
  if (t.findings) parts.push(`${count(t.findings)} finding${t.findings === 1 ? '' : 's'}`);
  if (t.savingsPerMonthUsd > 0) parts.push(`fixes could save ${money(t.savingsPerMonthUsd, c)}/month`);
  if (t.unpriced) parts.push(`${count(t.unpriced)} not priced`);
  if (t.testCalls) parts.push(`${count(t.testCalls)} in tests (not counted)`);
  const sub = h('div', { class: 'sub muted', text: parts.join(' · ') });
  const foot = s.pricingDate ? h('div', { class: 'sub muted', text: `Estimates; prices as of ${s.pricingDate}${c.code !== 'USD' ? `, ${c.code} at ${c.rate} per USD` : ''}.` }) : null;
  replace(summary, head, sub, foot);
}

function renderChart(el: HTMLElement, bars: ChartBar[], whatIfActive: boolean): void {
  const c = cur();
  if (bars.length === 0) {
    replace(el, h('p', { class: 'muted', text: 'No priced calls.' }));
    return;
  }
  const max = Math.max(...bars.map((b) => Math.max(b.perMonthUsd, b.afterPerMonthUsd)), 1e-12);
  replace(
    el,
    ...bars.map((b) => {
      const changed = whatIfActive && Math.abs(b.afterPerMonthUsd - b.perMonthUsd) > 1e-12;
      const track = h('div', { class: 'track', attrs: { 'aria-hidden': 'true' } });
      const before = h('div', { class: changed ? 'bar before' : 'bar' });
      before.style.width = `${Math.max(0.5, (b.perMonthUsd / max) * 100)}%`;
      track.append(before);
      if (changed) {
        const after = h('div', { class: 'bar after' });
        after.style.width = `${Math.max(0.5, (b.afterPerMonthUsd / max) * 100)}%`;
        track.append(after);
      }
      const value = changed ? `${money(b.perMonthUsd, c)} → ${money(b.afterPerMonthUsd, c)}` : money(b.perMonthUsd, c);
      return h(
        'div',
        { class: 'bar-row', role: 'listitem', attrs: { 'aria-label': `${b.label}: ${value} per month` } },
        h('span', { class: 'label', text: b.label, title: b.label }),
        h('span', { class: 'value', text: value }),
        track,
      );
    }),
  );
}

function modelLabel(id: string): string {
  return id === '' ? '(dynamic model)' : id;
}

function renderWhatIf(s: PanelState): void {
  const used = s.view.facets.models.filter((m) => m !== '');
  setOptions(fromModel, used.map((m) => [m, m]), fromModel.value || used[0] || '');
  const targets = s.modelIds.length ? s.modelIds : used;
  const currentTo = s.scenario.modelMap[fromModel.value] ?? toModel.value;
  setOptions(toModel, targets.map((m) => [m, m]), currentTo || targets[0] || '');
  applyAll.disabled = used.length === 0 || targets.length === 0;
  const rate = s.scenario.cacheHitRate;
  cacheRate.value = String(Math.round((rate ?? 0) * 100));
  cacheRateOut.textContent = rate === null ? 'as configured' : `${Math.round(rate * 100)}%`;
  cacheClear.hidden = rate === null;
  if (document.activeElement !== volume) volume.value = s.scenario.volumeScale === null ? '' : String(s.scenario.volumeScale);
  volume.placeholder = '1';

  const items: HTMLElement[] = [];
  for (const [from, to] of Object.entries(s.scenario.modelMap)) {
    items.push(
      h('li', {}, h('span', { text: `Every ${from} → ${to}` }), ' ', h('button', { class: 'link', text: 'Undo', attrs: { 'aria-label': `Undo switching ${from} to ${to}` }, on: { click: () => whatIf({ kind: 'modelAll', from, model: null }) } })),
    );
  }
  for (const [id, o] of Object.entries(s.scenario.calls)) {
    const what: string[] = [];
    if (o.model !== undefined) what.push(`model → ${o.model}`);
    if (o.batch !== undefined) what.push(o.batch ? 'batch on' : 'batch off');
    if (o.callsPerMonth !== undefined) what.push(`${count(o.callsPerMonth)} calls/month`);
    items.push(
      h('li', {}, h('span', { text: `${id}: ${what.join(', ')}` }), ' ', h('button', { class: 'link', text: 'Undo', attrs: { 'aria-label': `Undo the what-if on ${id}` }, on: { click: () => {
        if (o.model !== undefined) whatIf({ kind: 'model', id, model: null });
        if (o.batch !== undefined) whatIf({ kind: 'batch', id, batch: null });
        if (o.callsPerMonth !== undefined) whatIf({ kind: 'callVolume', id, callsPerMonth: null });
      } } })),
    );
  }
  if (s.scenario.cacheHitRate !== null) items.push(h('li', { text: `Cache hit rate ${Math.round(s.scenario.cacheHitRate * 100)}%` }));
  if (s.scenario.volumeScale !== null) items.push(h('li', { text: `Volume × ${s.scenario.volumeScale}` }));
  replace(changes, ...items);
  changes.hidden = items.length === 0;
  resetBtn.disabled = items.length === 0;
}

function renderFilters(s: PanelState): void {
  const f = s.options.filter;
  setOptions(fProvider, [['', 'All providers'], ...s.view.facets.providers.map((p): [string, string] => [p, p])], f.provider ?? '');
  setOptions(fModel, [['*', 'All models'], ...s.view.facets.models.map((m): [string, string] => [m, modelLabel(m)])], f.model ?? '*');
  if (document.activeElement !== fFile) fFile.value = f.file ?? '';
  fFindings.checked = f.hasFindings === true;
  groupBy.value = s.options.groupBy;
  setOptions(sortSel, columns(s).map((c): [string, string] => [c.key, `Sort: ${c.long}`]), s.options.sort.key);
  const asc = s.options.sort.dir === 'asc';
  sortDir.textContent = asc ? '↑' : '↓';
  sortDir.setAttribute('aria-label', asc ? 'Sorted ascending; sort descending' : 'Sorted descending; sort ascending');
  sortDir.title = asc ? 'Ascending' : 'Descending';
}

function columns(s: PanelState): Column[] {
  return COLUMNS.filter((c) => !c.whatIfOnly || s.view.whatIfActive);
}

function renderHead(s: PanelState): void {
  const sort = s.options.sort;
  const tr = h('tr', { role: 'row' });
  for (const col of columns(s)) {
    const active = sort.key === col.key;
    const dir = active ? sort.dir : null;
    const btn = h('button', {
      class: 'sort',
      text: col.label,
      attrs: { 'aria-label': `${col.long}${active ? (dir === 'asc' ? ', sorted ascending' : ', sorted descending') : ''}. Sort`, 'data-sort': col.key },
      on: {
        click: () => {
          const next: ViewOptions['sort'] = active
            ? { key: col.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' }
            : { key: col.key, dir: col.num || col.key === 'findings' ? 'desc' : 'asc' };
          setOptionsAndSend({ sort: next });
        },
      },
    });
    if (active) btn.append(h('span', { class: 'arrow', text: dir === 'asc' ? ' ▲' : ' ▼', attrs: { 'aria-hidden': 'true' } }));
    tr.append(
      h('th', { role: 'columnheader', class: [col.num ? 'num' : '', col.narrow ? '' : 'wide'].join(' ').trim(), attrs: { 'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none', scope: 'col' } }, btn),
    );
  }
  replace(thead, tr);
}

const CACHE_TEXT: Record<PanelRow['cache'], string> = { cached: 'cached', automatic: 'auto', uncached: 'uncached', none: '—' };
const CACHE_TITLE: Record<PanelRow['cache'], string> = {
  cached: 'A cache breakpoint marks the prompt prefix',
  automatic: 'The provider caches the long prefix automatically',
  uncached: 'Cacheable prefix sent without a cache breakpoint',
  none: 'Prefix below the minimum cacheable size, or unknown',
};

function cell(col: Column, content: Child | Child[], extra: Partial<{ title: string; cls: string }> = {}): HTMLTableCellElement {
  const parts = Array.isArray(content) ? content : [content];
  return h('td', { role: 'gridcell', class: [col.num ? 'num' : '', col.narrow ? '' : 'wide', extra.cls ?? ''].join(' ').trim(), title: extra.title }, ...parts);
}

function rowCells(s: PanelState, r: PanelRow): HTMLTableCellElement[] {
  const c = cur();
  const a = r.after;
  const out: HTMLTableCellElement[] = [];
  for (const col of columns(s)) {
    switch (col.key) {
      case 'location':
        {
          // At sidebar width the Model column folds into a second line of this cell.
          const m = r.model ?? '(dynamic)';
          const sub = a && a.model !== r.model ? `${m} → ${a.model ?? '(dynamic)'}` : m;
          out.push(
            cell(col, [h('span', { class: 'loc', text: `${r.file}:${r.line}` }), h('span', { class: 'sub-model', text: sub, attrs: { 'aria-hidden': 'true' } })], {
              title: `${r.file}:${r.line}:${r.column} · ${sub}${r.inTest ? ' (test, not counted)' : ''}`,
              cls: r.inTest ? 'test' : '',
            }),
          );
        }
        break;
      case 'provider':
        out.push(cell(col, r.provider, { title: r.api }));
        break;
      case 'model': {
        const before = r.model ?? '(dynamic)';
        const changed = !!a && a.model !== r.model;
        out.push(cell(col, beforeAfter(before, a ? (a.model ?? '(dynamic)') : null, changed), { title: r.priced ? before : `${before} (not priced)`, cls: r.priced ? '' : 'unpriced' }));
        break;
      }
      case 'inputTokens':
        out.push(cell(col, beforeAfter(tokens(r.inputTokens), a ? tokens(a.inputTokens) : null, !!a && a.inputTokens.central !== r.inputTokens.central), { title: tokensLong(r.inputTokens) }));
        break;
      case 'maxTokens':
        out.push(cell(col, r.maxTokens === null ? '—' : count(r.maxTokens), { title: r.maxTokens === null ? `no cap: priced at ${count(r.outputTokens)} output tokens` : `${count(r.maxTokens)} output tokens` }));
        break;
      case 'perCall': {
        const after = a ? (a.cost ? money(a.cost.perCallUsd, c) : '—') : null;
        out.push(cell(col, beforeAfter(money(r.cost?.perCallUsd, c), after, !!a)));
        break;
      }
      case 'perMonth': {
        const after = a ? (a.cost ? money(a.cost.perMonthUsd, c) : '—') : null;
        out.push(cell(col, beforeAfter(money(r.cost?.perMonthUsd, c), after, !!a), { title: `${a && a.callsPerMonth !== r.callsPerMonth ? `${count(a.callsPerMonth)}/month (what-if)` : r.volumeLabel}${(a ? a.batch : r.batch) ? ', batch' : ''}` }));
        break;
      }
      case 'delta': {
        const d = a && a.cost && r.cost ? a.cost.perMonthUsd - r.cost.perMonthUsd : null;
        out.push(cell(col, a ? moneyDelta(d, c) : '', { cls: d === null ? '' : d < 0 ? 'down' : d > 0 ? 'up' : '' }));
        break;
      }
      case 'cache':
        out.push(cell(col, CACHE_TEXT[r.cache], { title: CACHE_TITLE[r.cache], cls: `cache-${r.cache}` }));
        break;
      case 'findings': {
        const worst = r.findings.some((f) => f.severity === 'error') ? 'error' : r.findings.some((f) => f.severity === 'warning') ? 'warning' : 'info';
        out.push(
          cell(col, r.findings.length ? h('span', { class: `sev sev-${worst}`, text: String(r.findings.length) }) : '—', {
            title: r.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
          }),
        );
        break;
      }
      case 'savings':
        out.push(cell(col, r.savingsPerMonthUsd > 0 ? money(r.savingsPerMonthUsd, c) : '—', { title: r.findings.filter((f) => f.savingsPerMonthUsd).map((f) => `${f.ruleId}: ${money(f.savingsPerMonthUsd, c)}/month`).join('\n') }));
        break;
    }
  }
  return out;
}

function groupTotalsText(t: Totals, whatIfActive: boolean): string {
  const c = cur();
  let s = `${count(t.calls)} call${t.calls === 1 ? '' : 's'} · ${money(t.perMonthUsd, c)}/month`;
  if (whatIfActive && Math.abs(t.deltaPerMonthUsd) > 1e-9) s += ` → ${money(t.afterPerMonthUsd, c)} (${moneyDelta(t.deltaPerMonthUsd, c)})`;
  if (t.savingsPerMonthUsd > 0) s += ` · save ${money(t.savingsPerMonthUsd, c)}`;
  return s;
}

function renderBody(s: PanelState): void {
  const cols = columns(s).length;
  const rows: HTMLTableRowElement[] = [];
  const grouped = s.options.groupBy !== 'none';
  let index = 1; // aria-rowindex: 1 is the header row
  for (const g of s.view.groups) {
    if (grouped) {
      index++;
      rows.push(
        h(
          'tr',
          { role: 'row', class: 'group', attrs: { 'aria-rowindex': index } },
          h('td', { role: 'gridcell', attrs: { colspan: cols } }, h('span', { class: 'glabel', text: g.label }), ' ', h('span', { class: 'muted', text: groupTotalsText(g.totals, s.view.whatIfActive) })),
        ),
      );
    }
    for (const r of g.rows) {
      index++;
      const tr = h(
        'tr',
        {
          role: 'row',
          tabIndex: -1,
          class: ['call', r.id === selectedId ? 'selected' : '', r.after ? 'changed' : ''].join(' ').trim(),
          attrs: { 'data-id': r.id, 'aria-rowindex': index, 'aria-selected': r.id === selectedId ? 'true' : 'false' },
        },
        ...rowCells(s, r),
      );
      rows.push(tr);
    }
  }
  replace(tbody, ...rows);
  table.setAttribute('aria-rowcount', String(s.view.matchingRows + 1 + (grouped ? s.view.groups.length : 0)));
  // One tab stop in the grid: the selected row, else the first.
  const calls = tbody.querySelectorAll<HTMLTableRowElement>('tr.call');
  const sel = Array.from(calls).find((tr) => tr.dataset.id === selectedId) ?? calls[0];
  if (sel) sel.tabIndex = 0;
  if (restoreFocus && sel) focusRow(sel);
  restoreFocus = false;

  const remaining = s.view.matchingRows - s.view.shownRows;
  more.hidden = remaining <= 0;
  more.textContent = `Show ${count(Math.min(200, remaining))} more (${count(s.view.shownRows)} of ${count(s.view.matchingRows)} shown)`;
  empty.hidden = s.view.matchingRows > 0;
  empty.textContent =
    s.view.allRows === 0
      ? 'No LLM calls found yet. Open a Python or TypeScript file that calls an LLM SDK, or scan the workspace.'
      : 'No call matches the filters.';
  tableWrap.hidden = s.view.matchingRows === 0;
}

function findRow(s: PanelState, id: string | null): PanelRow | undefined {
  if (!id) return undefined;
  for (const g of s.view.groups) for (const r of g.rows) if (r.id === id) return r;
  return undefined;
}

function renderDetail(s: PanelState): void {
  const r = findRow(s, selectedId);
  if (!r) {
    detail.hidden = true;
    replace(detail);
    return;
  }
  const c = cur();
  detail.hidden = false;
  const o = s.scenario.calls[r.id] ?? {};
  const model = h('select', { id: 'd-model', attrs: { 'aria-label': 'What-if model for this call' } });
  setOptions(model, [['', '(as written)'], ...s.modelIds.map((m): [string, string] => [m, m])], o.model ?? '');
  model.addEventListener('change', () => whatIf({ kind: 'model', id: r.id, model: model.value || null }));
  const batch = h('input', { id: 'd-batch', type: 'checkbox', checked: o.batch ?? r.batch, disabled: !r.batchAvailable && !r.batch });
  batch.addEventListener('change', () => whatIf({ kind: 'batch', id: r.id, batch: batch.checked === r.batch ? null : batch.checked }));
  const calls = h('input', { id: 'd-volume', type: 'number', value: o.callsPerMonth === undefined ? '' : String(o.callsPerMonth), attrs: { min: 0, step: 1000, placeholder: count(r.callsPerMonth), 'aria-label': 'What-if calls per month for this call' } });
  calls.addEventListener('change', () => {
    const v = Number(calls.value);
    whatIf({ kind: 'callVolume', id: r.id, callsPerMonth: calls.value === '' || !Number.isFinite(v) || v < 0 ? null : v });
  });
  const findings = r.findings.length
    ? h(
        'ul',
        { class: 'findings' },
        ...r.findings.map((f) =>
          h(
            'li',
            { class: `sev-${f.severity}` },
            h('span', { class: 'rule', text: f.ruleId }),
            f.savingsPerMonthUsd ? h('span', { class: 'saving', text: ` saves ${money(f.savingsPerMonthUsd, c)}/month` }) : null,
            h('div', { class: 'msg', text: f.message }),
          ),
        ),
      )
    : h('p', { class: 'muted', text: 'No findings on this call.' });
  replace(
    detail,
    h('h2', { text: `${r.file}:${r.line}` }),
    h('p', { class: 'muted', text: `${r.provider} · ${r.api} · ${r.model ?? 'dynamic model'} · ${r.volumeLabel}${r.batch ? ' · batch' : ''}` }),
    findings,
    h(
      'div',
      { class: 'whatif' },
      h('div', { class: 'field' }, h('label', { text: 'Model', attrs: { for: 'd-model' } }), model),
      h('div', { class: 'field' }, h('label', { class: 'check' }, batch, r.batchAvailable || r.batch ? ' Batch API (50% off where offered)' : ' Batch API (not offered for this call)')),
      h('div', { class: 'field' }, h('label', { text: 'Calls/month', attrs: { for: 'd-volume' } }), calls),
    ),
    h('button', { id: 'd-reveal', text: 'Go to call', on: { click: () => send({ type: 'reveal', id: r.id }) } }),
  );
}

function render(s: PanelState): void {
  if (s.focusId && s.focusId !== selectedId) {
    selectedId = s.focusId;
    restoreFocus = true;
  }
  renderScan(s.scan);
  renderSummary(s);
  renderChart(chartModel, s.view.chart.byModel, s.view.whatIfActive);
  renderChart(chartFile, s.view.chart.byFile, s.view.whatIfActive);
  renderWhatIf(s);
  renderFilters(s);
  renderHead(s);
  renderBody(s);
  renderDetail(s);
  save();
}

// ---------------------------------------------------------------------------------------------
// Interaction: rows (click / keyboard), header focus after sorting
// ---------------------------------------------------------------------------------------------

/** Focus a row and bring it into view vertically, keeping the table scrolled to its start column. */
function focusRow(tr: HTMLTableRowElement): void {
  tr.focus({ preventScroll: true });
  tr.scrollIntoView({ block: 'nearest', inline: 'start' });
  tableWrap.scrollLeft = 0;
}

function rowOf(el: EventTarget | null): HTMLTableRowElement | null {
  return el instanceof Element ? (el.closest('tr.call') as HTMLTableRowElement | null) : null;
}

function select(tr: HTMLTableRowElement, focus: boolean): void {
  const id = tr.dataset.id ?? null;
  for (const other of Array.from(tbody.querySelectorAll<HTMLTableRowElement>('tr.call'))) {
    const on = other === tr;
    other.tabIndex = on ? 0 : -1;
    other.classList.toggle('selected', on);
    other.setAttribute('aria-selected', on ? 'true' : 'false');
  }
  if (focus) focusRow(tr);
  if (id !== selectedId) {
    selectedId = id;
    if (state) renderDetail(state);
    save();
  }
}

tbody.addEventListener('click', (e) => {
  const tr = rowOf(e.target);
  if (!tr?.dataset.id) return;
  select(tr, true);
  send({ type: 'reveal', id: tr.dataset.id });
});

tbody.addEventListener('keydown', (e) => {
  const tr = rowOf(e.target);
  if (!tr) return;
  const rows = Array.from(tbody.querySelectorAll<HTMLTableRowElement>('tr.call'));
  const i = rows.indexOf(tr);
  let next: HTMLTableRowElement | undefined;
  switch (e.key) {
    case 'ArrowDown':
      next = rows[Math.min(rows.length - 1, i + 1)];
      break;
    case 'ArrowUp':
      if (i === 0) {
        (thead.querySelector('button') as HTMLButtonElement | null)?.focus();
        e.preventDefault();
        return;
      }
      next = rows[i - 1];
      break;
    case 'PageDown':
      next = rows[Math.min(rows.length - 1, i + 10)];
      break;
    case 'PageUp':
      next = rows[Math.max(0, i - 10)];
      break;
    case 'Home':
      next = rows[0];
      break;
    case 'End':
      next = rows[rows.length - 1];
      break;
    case 'Enter':
      if (tr.dataset.id) send({ type: 'reveal', id: tr.dataset.id });
      e.preventDefault();
      return;
    case ' ':
      select(tr, true);
      e.preventDefault();
      return;
    default:
      return;
  }
  e.preventDefault();
  if (next) select(next, true);
});

thead.addEventListener('keydown', (e) => {
  const btns = Array.from(thead.querySelectorAll<HTMLButtonElement>('button'));
  const i = btns.indexOf(e.target as HTMLButtonElement);
  if (i < 0) return;
  if (e.key === 'ArrowRight') btns[Math.min(btns.length - 1, i + 1)]!.focus();
  else if (e.key === 'ArrowLeft') btns[Math.max(0, i - 1)]!.focus();
  else if (e.key === 'ArrowDown') (tbody.querySelector('tr.call[tabindex="0"]') as HTMLElement | null)?.focus();
  else return;
  e.preventDefault();
});

// Keep the focused header button focused across the re-render a sort causes.
let focusSortKey: string | null = null;
thead.addEventListener('focusin', (e) => (focusSortKey = (e.target as HTMLElement).dataset?.sort ?? null));
thead.addEventListener('focusout', () => setTimeout(() => {
  if (!thead.contains(document.activeElement)) focusSortKey = null;
}, 0));

// ---------------------------------------------------------------------------------------------
// Messages from the host
// ---------------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return; // unknown or malformed: ignored
  switch (msg.type) {
    case 'state': {
      const hadFocusInTable = tbody.contains(document.activeElement);
      const key = focusSortKey;
      state = msg.state;
      restoreFocus = restoreFocus || hadFocusInTable;
      render(msg.state);
      if (key) (thead.querySelector(`button[data-sort="${CSS.escape(key)}"]`) as HTMLButtonElement | null)?.focus();
      break;
    }
    case 'scan':
      if (state) state = { ...state, scan: msg.scan };
      renderScan(msg.scan);
      break;
    case 'notice':
      status.textContent = msg.text;
      break;
  }
});

// Saved options from an older page may no longer fit the protocol: send them only when they do.
const restored = viewOptionsSchema.safeParse(saved.options);
send(restored.success ? { type: 'ready', options: restored.data } : { type: 'ready' });
