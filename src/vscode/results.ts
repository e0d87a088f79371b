/**
 * The last analysis of every file: open documents (live, with the document version they were
 * computed for and the diagnostic ⇄ finding pairs the code actions look up) and files of the
 * last workspace scan. One instance per activation, held by the services record.
 */
import * as vscode from 'vscode';
import type { FileAnalysis } from '../core/engine';
import type { Finding } from '../core/types';

/** The last analysis of an open document. */
export interface LiveAnalysis {
  uri: vscode.Uri;
  path: string;
  /** `document.version` the analysis was computed for. */
  version: number;
  analysis: FileAnalysis;
  /** Published diagnostics and the findings they came from. */
  pairs: Array<{ diagnostic: vscode.Diagnostic; finding: Finding }>;
}

/** How a diagnostic handed back in a code-action context is matched to its finding. */
export function diagnosticKey(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code ?? '');
  const r = d.range;
  return `${code}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}

export class ResultStore implements vscode.Disposable {
  /** Every analysis by path (live documents override scanned files). */
  readonly results = new Map<string, FileAnalysis>();
  private readonly live = new Map<string, LiveAnalysis>();
  private readonly scanned = new Map<string, FileAnalysis>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.emitter.event;

  getLive(path: string): LiveAnalysis | undefined {
    return this.live.get(path);
  }

  /** Finding of a diagnostic in the last analysis of its document. */
  findingOf(path: string, diagnostic: vscode.Diagnostic): Finding | undefined {
    const live = this.live.get(path);
    if (!live) return undefined;
    const key = diagnosticKey(diagnostic);
    return live.pairs.find((p) => diagnosticKey(p.diagnostic) === key)?.finding;
  }

  setLive(entry: LiveAnalysis): void {
    this.live.set(entry.path, entry);
    this.results.set(entry.path, entry.analysis);
    this.changed();
  }

  /** A document closed: keep the file's scanned result if it has one (refreshed by the live one). */
  closeLive(path: string): void {
    const live = this.live.get(path);
    this.live.delete(path);
    if (live && this.scanned.has(path)) this.scanned.set(path, live.analysis);
    if (this.scanned.has(path)) this.results.set(path, this.scanned.get(path)!);
    else this.results.delete(path);
    this.changed();
  }

  setScanned(analysis: FileAnalysis): void {
    this.scanned.set(analysis.path, analysis);
    if (!this.live.has(analysis.path)) this.results.set(analysis.path, analysis);
    this.changed();
  }

  /** Forget every scanned file (a new scan starts, or the configuration changed). */
  clearScanned(): void {
    for (const path of this.scanned.keys()) if (!this.live.has(path)) this.results.delete(path);
    this.scanned.clear();
    this.changed();
  }

  get scannedCount(): number {
    return this.scanned.size;
  }

  liveEntries(): LiveAnalysis[] {
    return [...this.live.values()];
  }

  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, 50);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
