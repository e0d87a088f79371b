/**
 * Live diagnostics: every open Python / TypeScript / JavaScript document is analysed on open and,
 * debounced, on change (the content changes go to the engine for an incremental re-parse); results
 * of an older document version are dropped; diagnostics are cleared on close. A document too
 * large, excluded, or whose analysis fails gets one informational note at line 1, never an
 * exception into the host.
 */
import * as vscode from 'vscode';
import { onTokenizerLoaded } from '../core/tokens';
import picomatch from 'picomatch';
import type { ContentChange, EngineApi, FileAnalysis } from '../core/engine';
import type { Finding, Note, Severity, Span } from '../core/types';
import type { LineIndex } from '../core/text/lineIndex';
import { LANGUAGE_IDS, SCHEMES, SOURCE, ruleDocsUrl } from './constants';
import type { ConfigStore } from './config';
import { folderOf, pathOf } from './paths';
import type { LiveAnalysis, ResultStore } from './results';

export const DEBOUNCE_MS = 250;
/** A document whose analysis is slow waits longer after a change (twice its last analysis time, at most this). */
const MAX_DEBOUNCE_MS = 2000;

interface DocState {
  timer?: ReturnType<typeof setTimeout>;
  /** Content changes since the last `analyze` call, in order (null: the log is broken, re-parse fully). */
  pending: ContentChange[] | null;
  /** The engine that saw the previous text (incremental re-parse only against the same engine). */
  engine?: EngineApi;
  /** Serialises the analyses of one document. */
  chain: Promise<void>;
  /** Resolves when the next scheduled analysis has been published (for commands and tests). */
  waiters: Array<() => void>;
  /** How long the last analysis took (ms), for the adaptive debounce. */
  lastMs: number;
}

export function isAnalysable(doc: vscode.TextDocument): boolean {
  return (LANGUAGE_IDS as readonly string[]).includes(doc.languageId) && (SCHEMES as readonly string[]).includes(doc.uri.scheme);
}

export function toRange(lines: LineIndex, span: Span): vscode.Range {
  const r = lines.toRange(span);
  return new vscode.Range(r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1);
}

export function toSeverity(s: Severity | Note['level']): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

export function findingDiagnostic(lines: LineIndex, finding: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, finding.span), finding.message, toSeverity(finding.severity));
  d.source = SOURCE;
  d.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  return d;
}

function noteDiagnostic(message: string, range = new vscode.Range(0, 0, 0, 0)): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Information);
  d.source = SOURCE;
  return d;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly states = new Map<string, DocState>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly engineFor: (doc: vscode.TextDocument) => Promise<EngineApi>,
    private readonly configs: ConfigStore,
    private readonly store: ResultStore,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.close(doc)),
      configs.onDidChange(() => this.reanalyzeAll()),
      // Engines run with waitForTokenizer: false — first diagnostics come with estimated counts
      // while the encoder loads in the background; once it is ready, publish exact ones.
      { dispose: onTokenizerLoaded(() => this.reanalyzeAll()) },
    );
  }

  /** Analyse the documents already open when the extension starts (called after activation returns). */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** Analyse a document now (skipping the debounce) and resolve when its result is published. */
  analyzeNow(doc: vscode.TextDocument): Promise<LiveAnalysis | undefined> {
    const state = this.stateOf(doc);
    const done = new Promise<void>((resolve) => state.waiters.push(resolve));
    this.schedule(doc, 0);
    return done.then(() => this.store.getLive(pathOf(doc.uri)));
  }

  private stateOf(doc: vscode.TextDocument): DocState {
    const key = doc.uri.toString();
    let state = this.states.get(key);
    if (!state) {
      state = { pending: null, chain: Promise.resolve(), waiters: [], lastMs: 0 };
      this.states.set(key, state);
    }
    return state;
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (!isAnalysable(e.document) || e.contentChanges.length === 0) return;
    const state = this.stateOf(e.document);
    if (state.pending) {
      for (const c of e.contentChanges) state.pending.push({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text });
    }
    this.schedule(e.document, Math.min(MAX_DEBOUNCE_MS, Math.max(DEBOUNCE_MS, state.lastMs * 2)));
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isAnalysable(doc)) return;
    const state = this.stateOf(doc);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const waiters = state.waiters.splice(0);
      state.chain = state.chain
        .then(() => this.run(doc, state))
        .catch((err: unknown) => this.fail(doc, err))
        .finally(() => waiters.forEach((w) => w()));
    }, delay);
  }

  private async run(doc: vscode.TextDocument, state: DocState): Promise<void> {
    if (doc.isClosed) return;
    const path = pathOf(doc.uri);
    const folder = folderOf(doc.uri);
    const { config } = this.configs.get(folder);
    const changes = state.pending;
    state.pending = [];
    if (!config.enable) {
      this.collection.delete(doc.uri);
      this.store.closeLive(path);
      return;
    }
    const version = doc.version;
    const text = doc.getText();
    const skip = this.skipReason(doc, text, config.maxFileSizeKb, config.exclude, folder);
    if (skip) {
      state.pending = null;
      state.engine = undefined;
      this.store.closeLive(path);
      this.collection.set(doc.uri, skip === 'excluded' ? [] : [noteDiagnostic(skip)]);
      return;
    }
    const engine = await this.engineFor(doc);
    const incremental = state.engine === engine && changes !== null ? changes : undefined;
    state.engine = engine;
    const started = performance.now();
    const analysis = await engine.analyze({ path, text, languageId: doc.languageId, root: folder ? pathOf(folder.uri) : undefined }, incremental);
    state.lastMs = performance.now() - started;
    if (doc.isClosed || doc.version !== version) return; // a newer run is already scheduled
    this.publish(doc, path, version, analysis);
  }

  private skipReason(
    doc: vscode.TextDocument,
    text: string,
    maxKb: number,
    exclude: readonly string[],
    folder: vscode.WorkspaceFolder | undefined,
  ): string | 'excluded' | null {
    if (folder && doc.uri.scheme === 'file' && exclude.length > 0) {
      const rel = vscode.workspace.asRelativePath(doc.uri, false).replace(/\\/g, '/');
      if (picomatch.isMatch(rel, [...exclude], { dot: true })) return 'excluded';
    }
    if (text.length > maxKb * 1024) {
      const kb = Math.round(text.length / 1024);
      return `Prompt Cost Lint skipped this file: ${kb.toLocaleString('en-US')} KB is over the ${maxKb.toLocaleString('en-US')} KB limit (setting promptCost.maxFileSizeKb).`;
    }
    return null;
  }

  private publish(doc: vscode.TextDocument, path: string, version: number, analysis: FileAnalysis): void {
    const pairs = analysis.findings.map((finding) => ({ finding, diagnostic: findingDiagnostic(analysis.lines, finding) }));
    const notes = analysis.notes
      .filter((n) => n.span || n.level !== 'info')
      .map((n) => noteDiagnostic(`Prompt Cost Lint: ${n.message}`, n.span ? toRange(analysis.lines, n.span) : undefined));
    this.collection.set(doc.uri, [...pairs.map((p) => p.diagnostic), ...notes]);
    this.store.setLive({ uri: doc.uri, path, version, analysis, pairs });
  }

  private fail(doc: vscode.TextDocument, err: unknown): void {
    const state = this.states.get(doc.uri.toString());
    if (state) {
      state.pending = null;
      state.engine = undefined;
    }
    if (doc.isClosed) return;
    const reason = err instanceof Error ? err.message : String(err);
    this.collection.set(doc.uri, [noteDiagnostic(`Prompt Cost Lint could not analyse this file: ${reason}`)]);
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const state = this.states.get(key);
    if (state?.timer) clearTimeout(state.timer);
    state?.waiters.splice(0).forEach((w) => w());
    this.states.delete(key);
    this.collection.delete(doc.uri);
    if (!isAnalysable(doc)) return;
    const path = pathOf(doc.uri);
    this.store.closeLive(path);
    state?.engine?.forget(path);
  }

  private reanalyzeAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (isAnalysable(doc) && !doc.isClosed) this.schedule(doc, 0);
  }

  dispose(): void {
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
    for (const d of this.disposables) d.dispose();
  }
}
