/**
 * Entry point. `activate()` only builds the services record and registers every disposable on
 * the context (well under 20 ms): the parser, grammars and tokenizers load on first analysis.
 */
import * as vscode from 'vscode';
import { PromptCostCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { SELECTOR } from './constants';
import { createHost } from './host';
import { CostHoverProvider, CostLensProvider } from './lens';
import { registerCostPanel } from './panel/index';
import type { Services } from './services';
import { CostStatusBar } from './statusBar';

/** What `activate` returns: the services record (for the panel and other extensions) and test hooks. */
export interface PromptCostApi {
  services: Services;
  /** Every configuration problem reported so far (the warnings shown). */
  configProblems(): string[];
  /** Analyse a document now, skipping the debounce; resolves when its diagnostics are published. */
  analyzeNow(uri: vscode.Uri): Promise<boolean>;
}

export function activate(context: vscode.ExtensionContext): PromptCostApi {
  const t0 = performance.now();
  const host = createHost(context);
  const { services, store, configs, diagnostics } = host;
  const lens = new CostLensProvider(store, configs);
  const status = new CostStatusBar(store, configs);
  context.subscriptions.push(
    lens,
    status,
    vscode.languages.registerCodeLensProvider(SELECTOR, lens),
    vscode.languages.registerHoverProvider(SELECTOR, new CostHoverProvider(store, configs, async (uri) => (await services.getEngine(uri)).pricing.pricingDate)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PromptCostCodeActions(store), {
      providedCodeActionKinds: PromptCostCodeActions.providedCodeActionKinds,
    }),
  );
  registerCommands(context, services, diagnostics);
  registerCostPanel(context, services);
  host.log.info(`activated in ${(performance.now() - t0).toFixed(1)} ms (the engine starts on first analysis)`);
  // Documents already open are analysed after activation returns, off the activation path.
  setTimeout(() => diagnostics.start(), 0);
  return {
    services,
    configProblems: () => configs.problems(),
    async analyzeNow(uri) {
      const doc = await vscode.workspace.openTextDocument(uri);
      return (await diagnostics.analyzeNow(doc)) !== undefined;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
