/**
 * A CodeLens above each call site (model · tokens · cap · $/call · $/month) and a hover on the
 * call with the price rows, tokenizer, cache, output and volume assumptions and its findings.
 * Both read the last analysis of the document; clicking the lens opens the cost panel on the call.
 */
import * as vscode from 'vscode';
import type { FileAnalysis } from '../core/engine';
import type { AnalyzedCall } from '../core/rules/types';
import { hoverMarkdown, lensTitle } from './callText';
import type { ConfigStore } from './config';
import { toRange } from './diagnostics';
import { folderOf, pathOf } from './paths';
import type { ResultStore } from './results';
import { Commands, type ShowPanelArgs } from './services';

export class CostLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly store: ResultStore,
    private readonly configs: ConfigStore,
  ) {
    this.subscription = store.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const path = pathOf(document.uri);
    const live = this.store.getLive(path);
    if (!live) return [];
    const { config } = this.configs.get(folderOf(document.uri));
    return live.analysis.calls.map((call) => {
      const start = toRange(live.analysis.lines, call.site.span).start;
      const args: ShowPanelArgs = { location: { path, span: call.site.span } };
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: lensTitle(call, config),
        tooltip: 'Prompt Cost: open the cost breakdown of this call',
        command: Commands.showPanel,
        arguments: [args],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The innermost call whose range holds the offset. */
export function callAt(analysis: FileAnalysis, offset: number): AnalyzedCall | undefined {
  let best: AnalyzedCall | undefined;
  for (const call of analysis.calls) {
    const s = call.site.span;
    if (s.start <= offset && offset <= s.end && (!best || s.end - s.start < best.site.span.end - best.site.span.start)) best = call;
  }
  return best;
}

export class CostHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ResultStore,
    private readonly configs: ConfigStore,
    /** The "prices as of" date of the price table used for a document. */
    private readonly pricingDate: (uri: vscode.Uri) => Promise<string | undefined>,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const live = this.store.getLive(pathOf(document.uri));
    if (!live) return undefined;
    const lines = live.analysis.lines;
    const offset = lines.toOffset({ line: position.line + 1, column: position.character + 1 });
    const call = callAt(live.analysis, offset);
    if (!call) return undefined;
    const span = call.site.span;
    const findings = live.analysis.findings.filter((f) => f.span.start >= span.start && f.span.end <= span.end);
    const { config } = this.configs.get(folderOf(document.uri));
    const date = await this.pricingDate(document.uri).catch(() => undefined);
    const md = new vscode.MarkdownString(hoverMarkdown(call, findings, config, date), true);
    return new vscode.Hover(md, toRange(lines, span));
  }
}
