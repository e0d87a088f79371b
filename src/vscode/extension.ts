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
import type { ResultStore } from './results';
import type { CodeCacheState } from '../node/codeCache';

/** What `activate` returns: the services record (for the panel and other extensions) and test hooks. */
export interface PromptCostApi {
  services: Services;
  /** Every configuration problem reported so far (the warnings shown). */
  configProblems(): string[];
  /** Analyse a document now, skipping the debounce; resolves when its diagnostics are published. */
  analyzeNow(uri: vscode.Uri): Promise<boolean>;
  /** How this bundle was loaded (V8's code cache found, rejected, absent; `direct` when not through dist/extension.js) and how often the cache was written since. */
  codeCache(): { loaded: CodeCacheState | 'direct'; writes: number };
}

/** V8's code cache of this bundle, when it was loaded through dist/extension.js (src/vscode/entry.ts). */
let codeCache: { state: CodeCacheState; save(): boolean } | undefined;

export function setCodeCache(cache: { state: CodeCacheState; save(): boolean }): void {
  codeCache = cache;
}

export function activate(context: vscode.ExtensionContext): PromptCostApi {
  const t0 = performance.now();
  const host = createHost(context);
  const { services, store, configs, diagnostics } = host;
  if (codeCache) host.log.info(`code cache: ${codeCache.state}`);
  let cacheWrites = 0;
  context.subscriptions.push(
    cacheAfterFirstAnalyses(store, (written) => {
      if (written) cacheWrites++;
      host.log.info(written ? 'code cache written' : 'code cache not written (read-only folder?)');
    }),
  );
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
    codeCache: () => ({ loaded: codeCache?.state ?? 'direct', writes: cacheWrites }),
  };
}

/**
 * Write the code cache a few seconds after the first analysis of each language family (Python,
 * TypeScript/JavaScript), so it holds the code those analyses compiled. At most twice a session.
 */
function cacheAfterFirstAnalyses(store: ResultStore, done: (written: boolean) => void): vscode.Disposable {
  const families = new Set<string>();
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const sub = store.onDidChange(() => {
    if (!codeCache) return;
    for (const e of store.liveEntries()) {
      const family = e.analysis.language === 'python' ? 'python' : e.analysis.language ? 'js' : null;
      if (!family || families.has(family) || e.analysis.calls.length === 0) continue;
      families.add(family);
      const t = setTimeout(() => {
        try {
          done(codeCache?.save() ?? false);
        } catch {
          done(false);
        }
      }, 2000);
      t.unref?.();
      timers.push(t);
    }
  });
  return { dispose: () => (sub.dispose(), timers.forEach(clearTimeout)) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
