/**
 * The one services record the extension builds in `activate()` and hands to every feature
 * (diagnostics, code actions, lens, hover, status bar, commands) and to the cost panel
 * (`registerCostPanel(context, services)` in src/vscode/panel/index.ts).
 *
 * The panel module exports `registerCostPanel(context: vscode.ExtensionContext, services: Services): void`;
 * it registers the webview view `PANEL_VIEW_ID` and the `promptCost.showPanel` command handler
 * (argument: `ShowPanelArgs`).
 *
 * This interface is the contract between the editor adapter and the panel: additive changes
 * only (new optional members), never a rename.
 */
import type * as vscode from 'vscode';
import type { EngineApi, FileAnalysis } from '../core/engine';
import type { Config } from '../core/config/schema';
import type { Span } from '../core/types';

/** Where a call site or finding lives: absolute '/'-separated path (the engine's path) + UTF-16 offsets. */
export interface CodeLocation {
  path: string;
  span: Span;
}

/** Arguments of the `promptCost.showPanel` command (all optional: no argument just opens the panel). */
export interface ShowPanelArgs {
  /** Focus this call site in the panel. */
  location?: CodeLocation;
}

export interface Services {
  /**
   * The engine configured for a workspace folder (or for the folder holding a file URI; the first
   * folder when omitted). Created lazily on first use; engines share one parser runtime.
   */
  getEngine(resource?: vscode.Uri): Promise<EngineApi>;
  /** The engine that analysed `path` (the one to ask for `whatIf` on its calls). */
  engineFor(path: string): Promise<EngineApi>;
  /** Effective configuration (settings merged with `.prompt-cost.json`) for a file or folder. */
  configFor(resource?: vscode.Uri): Config;
  /**
   * Last analysis per file, keyed by absolute '/'-separated path: open documents (live) and
   * the last workspace scan. Read-only for consumers.
   */
  readonly results: ReadonlyMap<string, FileAnalysis>;
  /** Fires (debounced) whenever `results` changes. */
  readonly onDidChangeResults: vscode.Event<void>;
  /** Analyse every matching file of every workspace folder (respects `exclude`); resolves when done or cancelled. */
  scanWorkspace(token?: vscode.CancellationToken): Promise<void>;
  /** Open the file and select the span. */
  reveal(path: string, span: Span): Promise<void>;
  /** The URI of an engine path. */
  uriOf(path: string): vscode.Uri;
  /** The engine path of a URI (absolute, '/'-separated). */
  pathOf(uri: vscode.Uri): string;
  /** The docs page of a rule (public URL) — also the diagnostic code target. */
  ruleDocsUri(ruleId: string): vscode.Uri;
  /** Workspace-relative display path (as in the JSON report). */
  relativePath(path: string): string;
}

/** Command ids (package.json `contributes.commands` declares the same ids). */
export const Commands = {
  scanWorkspace: 'promptCost.scanWorkspace',
  showPanel: 'promptCost.showPanel',
  fixAllSafe: 'promptCost.fixAllSafe',
  exportReport: 'promptCost.exportReport',
  openRuleDocs: 'promptCost.openRuleDocs',
} as const;

/** The panel's webview view id (package.json `contributes.views`). */
export const PANEL_VIEW_ID = 'promptCost.panel';
/** The activity-bar container id. */
export const PANEL_CONTAINER_ID = 'promptCost';
