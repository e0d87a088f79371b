/**
 * Registers the cost panel: the webview view in the extension's activity-bar container, the
 * `promptCost.showPanel` command (optionally focusing one call), the panel's toolbar commands, and
 * — in test runs only — hooks the integration tests use to read what the host posts.
 */
import * as vscode from 'vscode';
import { Commands, PANEL_VIEW_ID, type ShowPanelArgs, type Services } from '../services';
import { CostPanelProvider } from './provider';

export { CostPanelProvider } from './provider';

/** Panel toolbar commands (package.json `contributes.commands` / `menus.view/title`). */
export const PanelCommands = {
  scan: 'promptCost.panel.scan',
  exportCsv: 'promptCost.panel.exportCsv',
  exportJson: 'promptCost.panel.exportJson',
  copyMarkdown: 'promptCost.panel.copyMarkdown',
  resetWhatIf: 'promptCost.panel.resetWhatIf',
  /** Test-only: the last state posted to the page (`{ fresh: true }` recomputes first). */
  snapshot: 'promptCost._panelSnapshot',
  /** Test-only: feed a page → host message; resolves with the state after it. */
  message: 'promptCost._panelMessage',
  /** Test-only: the current view exported as text. */
  exportText: 'promptCost._panelExport',
} as const;

function isTestRun(context: vscode.ExtensionContext): boolean {
  return !!process.env.PCL_TEST || context.extensionMode === vscode.ExtensionMode.Test;
}

export function registerCostPanel(context: vscode.ExtensionContext, services: Services): void {
  const provider = new CostPanelProvider(context, services);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand(Commands.showPanel, async (args?: ShowPanelArgs) => {
      await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
      if (args && typeof args === 'object' && args.location && typeof args.location.path === 'string') {
        await provider.focusLocation(args.location);
      }
    }),
    vscode.commands.registerCommand(PanelCommands.scan, () => provider.runScan()),
    vscode.commands.registerCommand(PanelCommands.exportCsv, () => provider.onMessage({ type: 'export', format: 'csv' })),
    vscode.commands.registerCommand(PanelCommands.exportJson, () => provider.onMessage({ type: 'export', format: 'json' })),
    vscode.commands.registerCommand(PanelCommands.copyMarkdown, () => provider.onMessage({ type: 'export', format: 'markdown' })),
    vscode.commands.registerCommand(PanelCommands.resetWhatIf, () => provider.onMessage({ type: 'whatIf', op: { kind: 'reset' } })),
  );
  if (isTestRun(context)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(PanelCommands.snapshot, async (opts?: { fresh?: boolean }) =>
        opts?.fresh ? provider.refresh() : provider.lastPosted,
      ),
      vscode.commands.registerCommand(PanelCommands.message, (msg: unknown) => provider.simulate(msg)),
      vscode.commands.registerCommand(PanelCommands.exportText, async (format: unknown) => {
        await provider.refresh();
        return format === 'csv' || format === 'json' || format === 'markdown' ? provider.exportText(format) : null;
      }),
    );
  }
}
