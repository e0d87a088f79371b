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
import type { Finding, Language, Note, WorkspaceFs } from './types';
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
