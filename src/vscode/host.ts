/**
 * Builds the one services record of an activation. Cheap: no parser, no tokenizer, no file read
 * happens here; engines start on first need.
 */
import * as vscode from 'vscode';
import * as nodePath from 'node:path';
import type { EngineApi } from '../core/engine';
import type { Span } from '../core/types';
import { ConfigStore } from './config';
import { ruleDocsUrl } from './constants';
import { DiagnosticsController } from './diagnostics';
import { EngineHost } from './engines';
import { FsAdapter } from './fsAdapter';
import { folderOf, pathOf, relativePath, uriOf } from './paths';
import { ResultStore } from './results';
import { scanWorkspace } from './scan';
import type { Services } from './services';

export interface Host {
  services: Services;
  configs: ConfigStore;
  store: ResultStore;
  engines: EngineHost;
  diagnostics: DiagnosticsController;
  fs: FsAdapter;
  log: vscode.LogOutputChannel;
}

export function createHost(context: vscode.ExtensionContext): Host {
  const log = vscode.window.createOutputChannel('Prompt Cost Lint', { log: true });
  const configs = new ConfigStore((message) => {
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  });
  const fs = new FsAdapter({
    roots: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    maxBytes: () => configs.get(vscode.workspace.workspaceFolders?.[0]).config.maxFileSizeKb * 1024,
    allowed: () => vscode.workspace.isTrusted,
  });
  const store = new ResultStore();
  const engines = new EngineHost(nodePath.join(context.extensionPath, 'dist', 'wasm'), fs, configs, (problem) => configs.reportExtra(problem));
  const engineOfDoc = (doc: vscode.TextDocument): Promise<EngineApi> => engines.get(folderOf(doc.uri));
  const diagnostics = new DiagnosticsController(engineOfDoc, configs, store);

  const services: Services = {
    getEngine: (resource) => engines.get(folderOf(resource)),
    engineFor: (path) => engines.get(folderOf(uriOf(path))),
    configFor: (resource) => configs.get(folderOf(resource)).config,
    results: store.results,
    onDidChangeResults: store.onDidChange,
    async scanWorkspace(token) {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showInformationMessage('Prompt Cost: the workspace scan reads files and is off in untrusted workspaces; open files are still analysed.');
        return;
      }
      const t0 = Date.now();
      const result = await scanWorkspace({ configs, store, fs, engine: (folder) => engines.get(folder) }, token);
      log.info(`workspace scan: ${result.files} files in ${Date.now() - t0} ms${result.cancelled ? ' (cancelled)' : ''}`);
    },
    async reveal(path: string, span: Span) {
      const doc = await vscode.workspace.openTextDocument(uriOf(path));
      const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
      await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
    },
    uriOf,
    pathOf,
    ruleDocsUri: (ruleId) => vscode.Uri.parse(ruleDocsUrl(ruleId)),
    relativePath,
  };

  // Scanned files were priced under the old configuration: re-scan them quietly when it changes.
  let rescan: vscode.CancellationTokenSource | undefined;
  let rescanTimer: ReturnType<typeof setTimeout> | undefined;
  const rescanOnChange = configs.onDidChange(() => {
    if (store.scannedCount === 0) return;
    rescan?.cancel();
    if (rescanTimer) clearTimeout(rescanTimer);
    rescanTimer = setTimeout(() => {
      rescan = new vscode.CancellationTokenSource();
      void services.scanWorkspace(rescan.token).catch((err: unknown) => log.error(`re-scan failed: ${String(err)}`));
    }, 500);
  });
  const stopRescan = {
    dispose(): void {
      rescan?.cancel();
      if (rescanTimer) clearTimeout(rescanTimer);
    },
  };

  context.subscriptions.push(log, configs, store, engines, diagnostics, rescanOnChange, stopRescan);
  return { services, configs, store, engines, diagnostics, fs, log };
}
