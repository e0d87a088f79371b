/** The status-bar item: the workspace's estimated monthly total; click opens the cost panel. */
import * as vscode from 'vscode';
import type { FileAnalysis } from '../core/engine';
import type { ConfigStore } from './config';
import { formatMoney } from './format';
import type { ResultStore } from './results';
import { Commands } from './services';

/** Monthly USD over every analysed call, test code excluded; and the number of priced calls. */
export function monthlyTotal(results: Iterable<FileAnalysis>): { usd: number; calls: number; unpriced: number } {
  let usd = 0;
  let calls = 0;
  let unpriced = 0;
  for (const analysis of results) {
    for (const call of analysis.calls) {
      if (call.site.context.inTest) continue;
      if (call.cost) {
        usd += call.cost.perMonthUsd;
        calls++;
      } else unpriced++;
    }
  }
  return { usd, calls, unpriced };
}

export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptCost.total', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ResultStore,
    private readonly configs: ConfigStore,
  ) {
    this.item.name = 'Prompt Cost: monthly total';
    this.item.command = Commands.showPanel;
    this.subscription = store.onDidChange(() => this.update());
  }

  update(): void {
    const { config } = this.configs.get(vscode.workspace.workspaceFolders?.[0]);
    if (!config.enable || this.store.results.size === 0) {
      this.item.hide();
      return;
    }
    const total = monthlyTotal(this.store.results.values());
    this.item.text = `$(graph) ${formatMoney(total.usd, config)}/mo`;
    const md = new vscode.MarkdownString(
      `**Prompt Cost Lint** — estimated monthly LLM spend of the analysed files: **${formatMoney(total.usd, config)}**\n\n` +
        `${total.calls} priced call site${total.calls === 1 ? '' : 's'} in ${this.store.results.size} file${this.store.results.size === 1 ? '' : 's'}` +
        `${total.unpriced ? `, ${total.unpriced} not priced (dynamic or unknown model)` : ''}. Run **Prompt Cost: Scan Workspace** for every file.\n\nClick to open the cost panel.`,
    );
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
