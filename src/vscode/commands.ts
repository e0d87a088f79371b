/**
 * The palette commands: scan workspace (progress + cancel), fix all safe problems, export report
 * (JSON / CSV / SARIF through the core's formatters), open rule docs. `promptCost.showPanel` is
 * registered by the panel module.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { EngineApi, FileAnalysis } from '../core/engine';
import { formatJson } from '../core/report/json';
import { formatSarif } from '../core/report/sarif';
import { rowsFromAnalysis, toCsv } from '../core/report/viewmodel';
import { rules } from '../core/rules';
import { safeFixAllEdit } from './codeActions';
import { REPOSITORY_URL, ruleDocsUrl } from './constants';
import type { DiagnosticsController } from './diagnostics';
import { Commands, type Services } from './services';

export type ExportFormat = 'json' | 'csv' | 'sarif';

export interface ExportArgs {
  format?: ExportFormat;
  /** Where to write; asked with a save dialog when absent. */
  uri?: vscode.Uri;
}

/** Apply every safe fix of a document, re-analysing between passes (fixes that touched the same spot come back after the first one is in). */
export async function fixAllSafe(doc: vscode.TextDocument, diagnostics: DiagnosticsController): Promise<number> {
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const live = await diagnostics.analyzeNow(doc);
    if (!live || live.version !== doc.version) break;
    const all = safeFixAllEdit(live);
    if (!all) break;
    if (!(await vscode.workspace.applyEdit(all.edit))) break;
    applied += all.count;
  }
  return applied;
}

/** The report text of the analysed files in one of the export formats. */
export function exportText(format: ExportFormat, results: readonly FileAnalysis[], services: Services, engine: EngineApi, version: string): string {
  if (format === 'csv') {
    const rows = results.flatMap((a) => rowsFromAnalysis(a, services.relativePath(a.path)).map((r) => r.row));
    const { displayCurrency, currencyRate } = services.configFor();
    return toCsv(rows, { code: displayCurrency, rate: currencyRate });
  }
  const report = engine.report(results, (p) => services.relativePath(p));
  if (format === 'sarif') {
    return formatSarif(report, {
      rules: rules.map((r) => r.meta),
      toolVersion: version,
      informationUri: REPOSITORY_URL,
      docsBaseUri: `${REPOSITORY_URL}/blob/main/docs/rules`,
    });
  }
  return formatJson(report);
}

export function registerCommands(
  context: vscode.ExtensionContext,
  services: Services,
  diagnostics: DiagnosticsController,
): void {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');

  const scan = (): Thenable<void> =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Prompt Cost: scanning the workspace', cancellable: true },
      (_progress, token) => services.scanWorkspace(token),
    );

  const fixAll = async (uri?: vscode.Uri): Promise<number> => {
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('Prompt Cost: open a Python, TypeScript or JavaScript file first.');
      return 0;
    }
    const applied = await fixAllSafe(doc, diagnostics);
    void vscode.window.showInformationMessage(
      applied === 0 ? 'Prompt Cost: no safe fixes to apply in this file.' : `Prompt Cost: applied ${applied} safe fix${applied === 1 ? '' : 'es'}.`,
    );
    return applied;
  };

  const exportReport = async (args?: ExportArgs): Promise<vscode.Uri | undefined> => {
    if (services.results.size === 0) await scan();
    let format = args?.format;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'JSON', description: 'the report contract the CLI prints', format: 'json' as const },
          { label: 'CSV', description: 'one row per call site, for spreadsheets', format: 'csv' as const },
          { label: 'SARIF', description: 'SARIF 2.1.0, for code scanning', format: 'sarif' as const },
        ],
        { title: 'Prompt Cost: export report' },
      );
      if (!pick) return undefined;
      format = pick.format;
    }
    const results = [...services.results.values()];
    const engine = await services.getEngine();
    const text = exportText(format, results, services, engine, version);
    const ext = format === 'sarif' ? 'sarif' : format;
    let target = args?.uri;
    if (!target) {
      const base = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({
        defaultUri: base ? vscode.Uri.joinPath(base, `prompt-cost-report.${ext}`) : undefined,
        filters: { [format.toUpperCase()]: [ext] },
      });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    return target;
  };

  const openRuleDocs = async (ruleId?: unknown): Promise<void> => {
    let id = typeof ruleId === 'string' ? ruleId : undefined;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        rules.map((r) => ({ label: r.meta.id, description: r.meta.description })),
        { title: 'Prompt Cost: open rule documentation' },
      );
      id = pick?.label;
    }
    if (!id || !/^[a-z0-9-]+$/.test(id)) return;
    const local = nodePath.join(context.extensionPath, 'docs', 'rules', `${id}.md`);
    if (fs.existsSync(local)) {
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
    } else {
      await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(id)));
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.scanWorkspace, scan),
    vscode.commands.registerCommand(Commands.fixAllSafe, fixAll),
    vscode.commands.registerCommand(Commands.exportReport, exportReport),
    vscode.commands.registerCommand(Commands.openRuleDocs, openRuleDocs),
  );
}
