/**
 * The one core entry point the CLI, the extension and the panel call.
 *
 *   const engine = await Engine.create({ fs, loadWasm });
 *   engine.configure(rawConfigObject);          // → ConfigProblem[] (bad keys fall back to defaults)
 *   const result = await engine.analyze({ path, text, languageId });
 *   const report = engine.report([result], rel); // the JSON report contract
 *
 * Keeps the last syntax tree per document for incremental re-parse (pass `edits`).
 */
import type { AnalyzedCall } from './rules/types';
import type { CallCost, Finding, Language, ModelEntry, Note, TokenCount, WorkspaceFs } from './types';
import type { Config, ConfigProblem } from './config/schema';
import type { PricingTable } from './pricing/table';
import type { Report } from './report/types';
import type { WasmLoader } from './parse/parser';
import type { LineIndex } from './text/lineIndex';

export interface EngineOptions {
  fs: WorkspaceFs;
  loadWasm: WasmLoader;
}

export interface DocumentInput {
  /** Absolute '/'-separated path (or a virtual one for unsaved documents). */
  path: string;
  text: string;
  /** VS Code language id; when absent the language comes from the file extension. */
  languageId?: string;
}

/** A VS Code-style content change, for incremental re-parse. Offsets are into the OLD text. */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface FileAnalysis {
  path: string;
  language: Language | null;
  calls: AnalyzedCall[];
  findings: Finding[];
  notes: Note[];
  lines: LineIndex;
}

/** A what-if change for one call (the cost panel). */
export interface WhatIf {
  /** Switch to this model id (re-tokenised and re-priced with it). */
  model?: string;
  batch?: boolean;
  /** 0–1: share of calls that read the cached prefix (applies where a prefix is or would be cached). */
  cacheHitRate?: number;
  callsPerMonth?: number;
}

export interface WhatIfResult {
  model: ModelEntry | null;
  inputTokens: TokenCount;
  cost: CallCost | null;
}

/**
 * The engine's public surface (implemented by `Engine` below). The CLI, the extension and the
 * panel use only this.
 */
export interface EngineApi {
  readonly config: Config;
  readonly pricing: PricingTable;
  /** Validate and apply a raw config object (`.prompt-cost.json` or the editor's settings). Bad keys fall back to defaults and are returned. */
  configure(raw: unknown): ConfigProblem[];
  /** Analyse one document. Never rejects: failures become notes. `changes` (VS Code content changes since the last call for this path) enable incremental re-parse. */
  analyze(doc: DocumentInput, changes?: readonly ContentChange[]): Promise<FileAnalysis>;
  /** Drop the cached tree of a closed document. */
  forget(path: string): void;
  /** Re-price one analysed call under a what-if. */
  whatIf(call: AnalyzedCall, change: WhatIf): Promise<WhatIfResult>;
  /** Build the JSON report; `rel` maps an absolute path to the report's relative path. */
  report(results: readonly FileAnalysis[], rel: (absPath: string) => string): Report;
  dispose(): void;
}
