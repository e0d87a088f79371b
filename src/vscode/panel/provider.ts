/**
 * The cost panel's extension-host side: a WebviewViewProvider that turns the editor's analysis
 * results into panel rows, keeps the view options and the what-if scenario, asks the engine to
 * re-price the calls a what-if touches, and posts the rendered-ready state to the page. Messages
 * from the page are validated (src/shared/protocol.ts) and unknown ones are ignored.
 */
import * as vscode from 'vscode';
import type { AnalyzedCall } from '../../core/rules/types';
import type { WhatIfResult } from '../../core/engine';
import {
  applyWhatIfOp,
  buildView,
  defaultViewOptions,
  emptyScenario,
  rowsFromAnalysis,
  toCsv,
  toJson,
  toMarkdown,
  visibleRows,
  whatIfFor,
  withAfter,
  type Currency,
  type PanelRow,
  type RowLocation,
  type ViewOptions,
  type WhatIfScenario,
} from '../../core/report/viewmodel';
import {
  panelStateSchema,
  parsePageMessage,
  scenarioSchema,
  viewOptionsSchema,
  type ExportFormat,
  type HostMessage,
  type PageMessage,
  type PanelState,
  type ScanStatus,
} from '../../shared/protocol';
import { PANEL_VIEW_ID, type CodeLocation, type Services } from '../services';
import { formatMoney, formatTokens } from '../../core/cost/format';
import { pageHtml } from './html';

interface Entry {
  row: PanelRow;
  location: RowLocation;
  call: AnalyzedCall;
}

const STATE_KEY = 'promptCost.panel.state';
const REFRESH_DELAY_MS = 120;

export class CostPanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];
  private entries = new Map<string, Entry>();
  private baseRows: PanelRow[] = [];
  private rows: PanelRow[] = [];
  private rowsStale = true;
  private options: ViewOptions;
  private scenario: WhatIfScenario;
  private scan: ScanStatus = { running: false, message: '' };
  private scanCts: vscode.CancellationTokenSource | undefined;
  private focusId: string | null = null;
  private modelIds: string[] = [];
  private pricingDate = '';
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private whatIfMemo = new Map<string, WhatIfResult | null>();
  private pending: Promise<PanelState> | undefined;
  /** The last state posted to the page (the integration tests read it). */
  lastPosted: PanelState | null = null;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly services: Services,
  ) {
    const saved = context.workspaceState.get<{ options?: unknown; scenario?: unknown }>(STATE_KEY);
    const o = viewOptionsSchema.safeParse(saved?.options);
    const s = scenarioSchema.safeParse(saved?.scenario);
    this.options = o.success ? o.data : defaultViewOptions();
    this.scenario = s.success ? s.data : emptyScenario();
    this.disposables.push(
      services.onDidChangeResults(() => {
        this.rowsStale = true;
        if (this.scan.running) this.setScan({ running: true, message: `Scanning… ${services.results.size} files analysed` });
        this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('promptCost')) {
          this.rowsStale = true;
          this.modelIds = []; // custom models may have been added or removed
          this.schedule();
        }
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.viewDisposables.forEach((d) => d.dispose());
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
    const root = this.context.extensionUri;
    view.webview.html = pageHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'panel.css')).toString(),
    });
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.schedule(0);
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.viewDisposables.forEach((d) => d.dispose());
        this.viewDisposables = [];
      }),
    ];
  }

  // ------------------------------------------------------------------------------------------
  // Page → host
  // ------------------------------------------------------------------------------------------

  /** Handle one raw message from the page; malformed and unknown messages are ignored. */
  async onMessage(raw: unknown): Promise<void> {
    const msg = parsePageMessage(raw);
    if (!msg) return;
    await this.handle(msg);
  }

  private async handle(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        if (msg.options) this.options = msg.options;
        await this.refresh();
        return;
      case 'setOptions':
        this.options = msg.options;
        this.persist();
        await this.refresh();
        return;
      case 'whatIf':
        this.scenario = applyWhatIfOp(this.scenario, msg.op);
        this.persist();
        await this.refresh();
        return;
      case 'reveal': {
        const e = this.entries.get(msg.id);
        if (!e) return;
        this.focusId = msg.id;
        await this.services.reveal(e.location.path, { start: e.location.start, end: e.location.end });
        return;
      }
      case 'export':
        await this.exportView(msg.format);
        return;
      case 'scan':
        void this.runScan();
        return;
      case 'cancelScan':
        this.scanCts?.cancel();
        return;
    }
  }

  private persist(): void {
    void this.context.workspaceState.update(STATE_KEY, { options: this.options, scenario: this.scenario });
  }

  // ------------------------------------------------------------------------------------------
  // State
  // ------------------------------------------------------------------------------------------

  private currency(): Currency {
    try {
      const c = this.services.configFor();
      return { code: c.displayCurrency, rate: c.currencyRate };
    } catch {
      return { code: 'USD', rate: 1 };
    }
  }

  private schedule(delay = REFRESH_DELAY_MS): void {
    if (!this.view?.visible) return; // recomputed when it becomes visible
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private rebuildRows(): void {
    const entries = new Map<string, Entry>();
    const rows: PanelRow[] = [];
    const paths = [...this.services.results.keys()].sort();
    for (const path of paths) {
      const analysis = this.services.results.get(path)!;
      let rel = path;
      try {
        rel = this.services.relativePath(path);
      } catch {
        /* keep the absolute path */
      }
      for (const item of rowsFromAnalysis(analysis, rel)) {
        let id = item.row.id;
        for (let n = 2; entries.has(id); n++) id = `${item.row.id}#${n}`; // same position in two roots
        const row = id === item.row.id ? item.row : { ...item.row, id };
        entries.set(id, { ...item, row });
        rows.push(row);
      }
    }
    this.entries = entries;
    this.baseRows = rows;
    this.whatIfMemo.clear();
    this.rowsStale = false;
  }

  private async loadPricing(): Promise<void> {
    try {
      const engine = await this.services.getEngine();
      this.modelIds = [...new Set(engine.pricing.all().map((m) => m.id))].sort((a, b) => a.localeCompare(b));
      this.pricingDate = engine.pricing.pricingDate;
    } catch {
      /* the panel still shows rows without the model list */
    }
  }

  private async applyWhatIfs(gen: number): Promise<PanelRow[] | null> {
    const out: PanelRow[] = [];
    for (const row of this.baseRows) {
      const change = whatIfFor(row, this.scenario);
      if (!change) {
        out.push(row);
        continue;
      }
      const key = `${row.id}\u0000${JSON.stringify(change)}`;
      let result = this.whatIfMemo.get(key);
      if (result === undefined) {
        const entry = this.entries.get(row.id)!;
        try {
          const engine = await this.services.engineFor(entry.location.path);
          result = await engine.whatIf(entry.call, change);
        } catch {
          result = null;
        }
        this.whatIfMemo.set(key, result);
        if (gen !== this.generation) return null; // superseded by a newer refresh
      }
      out.push(withAfter(row, change, result));
    }
    return out;
  }

  /** Recompute rows, what-ifs and the view; post the state to the page when it is open. */
  refresh(): Promise<PanelState> {
    const gen = ++this.generation;
    const run = (async (): Promise<PanelState> => {
      if (this.rowsStale) this.rebuildRows();
      if (this.modelIds.length === 0) await this.loadPricing();
      const rows = await this.applyWhatIfs(gen);
      if (rows === null) return this.pending ?? this.refresh();
      this.rows = rows;
      const state = this.state();
      if (gen === this.generation) this.post({ type: 'state', state });
      return state;
    })();
    this.pending = run;
    return run;
  }

  private state(): PanelState {
    const state: PanelState = {
      view: buildView(this.rows, this.options),
      options: this.options,
      scenario: this.scenario,
      modelIds: this.modelIds,
      currency: this.currency(),
      pricingDate: this.pricingDate,
      scan: this.scan,
      focusId: this.focusId && this.entries.has(this.focusId) ? this.focusId : null,
    };
    return state;
  }

  private post(msg: HostMessage): void {
    if (msg.type === 'state') this.lastPosted = msg.state;
    void this.view?.webview.postMessage(msg);
  }

  private setScan(scan: ScanStatus): void {
    this.scan = scan;
    this.post({ type: 'scan', scan });
  }

  // ------------------------------------------------------------------------------------------
  // Commands
  // ------------------------------------------------------------------------------------------

  /** Scan the workspace with progress (in the view and on the page) and cancel. */
  async runScan(): Promise<void> {
    if (this.scanCts) return;
    const cts = new vscode.CancellationTokenSource();
    this.scanCts = cts;
    this.setScan({ running: true, message: 'Scanning workspace…' });
    try {
      await vscode.window.withProgress({ location: { viewId: PANEL_VIEW_ID }, title: 'Scanning workspace' }, () =>
        this.services.scanWorkspace(cts.token),
      );
      const n = this.services.results.size;
      this.setScan({
        running: false,
        message: cts.token.isCancellationRequested ? `Scan cancelled (${n} files analysed)` : `Scanned: ${n} file${n === 1 ? '' : 's'} analysed`,
      });
    } catch (err) {
      this.setScan({ running: false, message: `Scan failed: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      cts.dispose();
      this.scanCts = undefined;
      this.rowsStale = true;
      await this.refresh();
    }
  }

  /** The current view (filtered and sorted, every matching row) as text. */
  exportText(format: ExportFormat): string {
    const rows = visibleRows(this.rows, this.options);
    const currency = this.currency();
    if (format === 'csv') return toCsv(rows, currency);
    if (format === 'json') return toJson(rows, currency);
    return toMarkdown(rows, {
      money: (usd) => formatMoney(usd, { currency: currency.code, rate: currency.rate }),
      tokens: (t) => {
        const base = t.exact || t.low === t.high ? `${t.exact ? '' : '≈'}${formatTokens(t.central)}` : `≈${formatTokens(t.low)}–${formatTokens(t.high)}`;
        return t.dynamic ? `${base} + dynamic` : base;
      },
    });
  }

  private async exportView(format: ExportFormat): Promise<void> {
    await (this.pending ?? this.refresh());
    const text = this.exportText(format);
    if (format === 'markdown') {
      await vscode.env.clipboard.writeText(text);
      this.post({ type: 'notice', text: 'Markdown table copied to the clipboard.' });
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = format === 'csv' ? 'prompt-cost.csv' : 'prompt-cost.json';
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: 'Export',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    this.post({ type: 'notice', text: `Saved ${vscode.workspace.asRelativePath(target)}.` });
  }

  /** Select the row of a call (from "show in panel" in the editor); widens the view so it is shown. */
  async focusLocation(location: CodeLocation): Promise<string | null> {
    if (this.rowsStale) this.rebuildRows();
    let found: Entry | undefined;
    for (const e of this.entries.values()) {
      if (e.location.path === location.path && e.location.start <= location.span.start && location.span.start < e.location.end) {
        if (!found || e.location.end - e.location.start < found.location.end - found.location.start) found = e;
      }
    }
    if (!found) return null;
    this.focusId = found.row.id;
    const o = this.options;
    if (!visibleRows(this.baseRows, { ...o, limit: Number.MAX_SAFE_INTEGER }).some((r) => r.id === found!.row.id)) this.options = { ...o, filter: {} };
    const index = visibleRows(this.rows.length ? this.rows : this.baseRows, this.options).findIndex((r) => r.id === found!.row.id);
    if (index >= this.options.limit) this.options = { ...this.options, limit: Math.ceil((index + 1) / 200) * 200 };
    await this.refresh();
    return this.focusId;
  }

  /** Test hook: feed a page message as if the page had sent it; resolves with the state after it. */
  async simulate(raw: unknown): Promise<PanelState | null> {
    const msg = parsePageMessage(raw);
    if (!msg) return null;
    if (msg.type === 'reveal' || msg.type === 'scan' || msg.type === 'cancelScan') {
      await this.handle(msg);
      return this.lastPosted;
    }
    if (msg.type === 'export') return this.lastPosted;
    await this.handle(msg);
    return this.refresh();
  }

  /** Validates a state against the protocol (used by the test hook to prove what is posted is well-formed). */
  static isValidState(state: unknown): boolean {
    return panelStateSchema.safeParse(state).success;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.scanCts?.cancel();
    this.viewDisposables.forEach((d) => d.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}
