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
import { setRankLoader, type RankLoader } from './tokens';
import type { LineIndex } from './text/lineIndex';

export interface EngineOptions {
  fs: WorkspaceFs;
  loadWasm: WasmLoader;
  /** Loads a js-tiktoken rank table by name (o200k_base, cl100k_base); default: import it from js-tiktoken. */
  loadRanks?: RankLoader;
  /**
   * false (the editor): do not hold an analysis for an encoder that is still loading — count with
   * the estimate and let `onTokenizerLoaded` (src/core/tokens) trigger a re-analysis. Default true.
   */
  waitForTokenizer?: boolean;
}

export interface DocumentInput {
  /** Absolute '/'-separated path (or a virtual one for unsaved documents). */
  path: string;
  text: string;
  /** VS Code language id; when absent the language comes from the file extension. */
  languageId?: string;
  /** The workspace folder containing the file: folder-name heuristics (a `tests/` folder) look at the path relative to it. */
  root?: string;
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

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

import { Parsers, languageOfId, languageOfPath, type Tree } from './parse/parser';
import { LineIndex as Lines } from './text/lineIndex';
import { defaultConfig, parseConfig } from './config/schema';
import { loadDefaultPricing } from './pricing/table';
import { analyzePython } from './lang/python';
import { analyzeJs } from './lang/js';
import type { FrontEndContext, ParsedModule } from './lang/frontend';
import { callFilters, mayBeLlmCall, mayContainLlmCall, recognize } from './sdk';
import { analyzeCall, cachePlan, countBlocks, outputTokensOf, promptStyle, promptTokensOf, tokenizerFor } from './analysis';
import { estimateCost } from './cost/cost';
import { runRules } from './rules/run';
import { rules as allRules } from './rules';
import { buildReport } from './report/build';
import { MAX_NESTING, tooDeep } from './text/nesting';

/** At most this many LLM calls are analysed per file (generated files with 100,000 calls); the rest get one note. */
export const MAX_CALLS_PER_FILE = 2000;

interface DocState {
  text: string;
  language: Language;
  tree: Tree;
}

const JS_FAMILY: Language[] = ['typescript', 'tsx', 'javascript'];

export class Engine implements EngineApi {
  private cfg: Config = defaultConfig();
  private basePricing: PricingTable;
  private table: PricingTable;
  private readonly docs = new Map<string, DocState>();

  private constructor(
    private readonly parsers: Parsers,
    private readonly fs: WorkspaceFs,
    private readonly waitForTokenizer: boolean,
  ) {
    this.basePricing = loadDefaultPricing();
    this.table = this.basePricing;
  }

  /** Loads the parser runtime; grammars and tokenizers load later, on first need. */
  static async create(opts: EngineOptions): Promise<Engine> {
    if (opts.loadRanks) setRankLoader(opts.loadRanks);
    return new Engine(await Parsers.load(opts.loadWasm), opts.fs, opts.waitForTokenizer ?? true);
  }

  get config(): Config {
    return this.cfg;
  }

  get pricing(): PricingTable {
    return this.table;
  }

  configure(raw: unknown): ConfigProblem[] {
    const { config, problems } = parseConfig(raw);
    this.cfg = config;
    const { table, problems: modelProblems } = this.basePricing.withOverrides(config.models);
    this.table = table;
    return [...problems, ...modelProblems];
  }

  forget(path: string): void {
    const doc = this.docs.get(path);
    if (doc) {
      doc.tree.delete();
      this.docs.delete(path);
    }
  }

  dispose(): void {
    for (const path of [...this.docs.keys()]) this.forget(path);
  }

  async analyze(doc: DocumentInput, changes?: readonly ContentChange[]): Promise<FileAnalysis> {
    const lines = new Lines(doc.text);
    const language = (doc.languageId ? languageOfId(doc.languageId) : null) ?? languageOfPath(doc.path);
    const result: FileAnalysis = { path: doc.path, language, calls: [], findings: [], notes: [], lines };
    if (!language) return result;
    if (!this.cfg.enable) return result;
    const sizeKb = doc.text.length / 1024;
    if (sizeKb > this.cfg.maxFileSizeKb) {
      this.forget(doc.path);
      result.notes.push({ level: 'info', message: `Skipped: the file is ${Math.round(sizeKb)} KB, above maxFileSizeKb (${this.cfg.maxFileSizeKb}).` });
      return result;
    }
    if (doc.text.includes('\u0000')) {
      this.forget(doc.path);
      result.notes.push({ level: 'info', message: 'Skipped: the file looks binary (it contains NUL characters).' });
      return result;
    }
    if (!mayContainLlmCall(doc.text)) {
      // No API step named anywhere in the text: no call site, so nothing to parse (most files of a repository).
      this.forget(doc.path);
      return result;
    }
    try {
      await this.ensureLanguages(language);
      const tree = this.parse(doc, language, changes);
      if (tooDeep(doc.text, tree)) {
        result.notes.push({ level: 'info', message: `Skipped: the code nests more than ${MAX_NESTING} levels deep (generated code?).` });
        return result;
      }
      const modules = new Map<string, ParsedModule | null>();
      let wanted = 0;
      let unresolved = 0;
      const ctx: FrontEndContext = {
        path: doc.path,
        language,
        text: doc.text,
        tree,
        fs: this.fs,
        cache: new Map(),
        loadModule: (absPath) => this.loadModule(absPath, modules),
        root: doc.root,
        ...callFilters(doc.text),
        // Past the cap, the front ends skip resolving further possible calls (a generated file with 100,000 calls).
        wanted: (callee) => {
          if (!mayBeLlmCall(callee)) return false;
          if (wanted >= MAX_CALLS_PER_FILE * 2) {
            unresolved++;
            return false;
          }
          wanted++;
          return true;
        },
      };
      let frontEnd;
      try {
        frontEnd = language === 'python' ? analyzePython(ctx) : analyzeJs(ctx);
      } finally {
        for (const m of modules.values()) m?.tree.delete();
      }
      result.notes.push(...frontEnd.notes);
      const rctx = { language, text: doc.text, pricing: this.table };
      let beyondCap = 0;
      for (const candidate of frontEnd.candidates) {
        let site;
        try {
          site = recognize(candidate, rctx);
        } catch {
          site = null;
        }
        if (!site) continue;
        if (result.calls.length >= MAX_CALLS_PER_FILE) {
          beyondCap++;
          continue;
        }
        result.calls.push(await analyzeCall(site, this.table, this.cfg, lines, this.waitForTokenizer));
      }
      if (beyondCap + unresolved > 0) {
        const more = unresolved > 0 ? `${beyondCap + unresolved} more possible calls were not` : `${beyondCap} more were not`;
        result.notes.push({ level: 'info', message: `Only the first ${MAX_CALLS_PER_FILE} LLM calls of this file were analysed; ${more}.` });
      }
      result.calls.sort((a, b) => a.site.span.start - b.site.span.start);
      result.findings = runRules(
        allRules,
        result.calls,
        { config: this.cfg, pricing: this.table, language, text: doc.text, path: doc.path, calls: result.calls, today: new Date().toISOString().slice(0, 10) },
        lines,
      );
    } catch (err) {
      this.forget(doc.path);
      result.calls = [];
      result.findings = [];
      result.notes.push({ level: 'warning', message: `Analysis failed: ${err instanceof Error ? err.message : String(err)}` });
    }
    return result;
  }

  async whatIf(call: AnalyzedCall, change: WhatIf): Promise<WhatIfResult> {
    const site = { ...call.site, batch: change.batch ?? call.site.batch, model: change.model ?? call.site.model };
    const model = site.model ? this.table.lookup(site.model, change.model ? undefined : site.provider) : null;
    if (!model) return { model: null, inputTokens: call.inputTokens, cost: null };
    // Same tokenizer: the call's own counts stand; another tokenizer: count the prompt again.
    const tokens =
      model.tokenizer === call.model?.tokenizer ? promptTokensOf(call) : await countBlocks(site.blocks, tokenizerFor(model, site), promptStyle(site));
    const cfg = { ...this.cfg, cacheHitRate: change.cacheHitRate ?? this.cfg.cacheHitRate };
    const plan = cachePlan(site, model, tokens, cfg);
    const batch = site.batch && model.batchDiscount !== null;
    const cost = estimateCost(model, {
      inputTokens: tokens.input.central,
      outputTokens: outputTokensOf(site, model, this.cfg),
      batch,
      callsPerMonth: change.callsPerMonth ?? call.volume.perMonth,
      ...plan,
    });
    return {
      model,
      inputTokens: tokens.input,
      cost: { inputUsd: cost.inputUsd, outputUsd: cost.outputUsd, perCallUsd: cost.perCallUsd, perMonthUsd: cost.perMonthUsd },
    };
  }

  report(results: readonly FileAnalysis[], rel: (absPath: string) => string): Report {
    return buildReport(results, rel, this.table.pricingDate);
  }

  private async ensureLanguages(language: Language): Promise<void> {
    const needed = language === 'python' ? ['python' as const] : JS_FAMILY;
    await Promise.all(needed.map((l) => this.parsers.ready(l)));
  }

  private parse(doc: DocumentInput, language: Language, changes?: readonly ContentChange[]): Tree {
    const old = this.docs.get(doc.path);
    let tree: Tree;
    if (old && old.language === language && changes && changes.length > 0) {
      const edited = applyEdits(old, changes, doc.text);
      tree = edited ? this.parsers.parse(language, doc.text, old.tree) : this.parsers.parse(language, doc.text);
    } else if (old && old.language === language && old.text === doc.text) {
      return old.tree;
    } else {
      tree = this.parsers.parse(language, doc.text);
    }
    if (old) old.tree.delete();
    this.docs.set(doc.path, { text: doc.text, language, tree });
    return tree;
  }

  private loadModule(absPath: string, cache: Map<string, ParsedModule | null>): ParsedModule | null {
    if (cache.has(absPath)) return cache.get(absPath)!;
    let mod: ParsedModule | null = null;
    const language = languageOfPath(absPath);
    if (language && this.parsers.isReady(language)) {
      const text = this.fs.readText(absPath);
      if (text !== null && text.length <= this.cfg.maxFileSizeKb * 1024 && !text.includes('\u0000')) {
        try {
          mod = { path: absPath, language, text, tree: this.parsers.parse(language, text) };
        } catch {
          mod = null;
        }
      }
    }
    cache.set(absPath, mod);
    return mod;
  }
}

/**
 * Apply VS Code content changes to the old tree (tree.edit) so the parser can reuse it. Returns
 * false — and the caller re-parses from scratch — when the changes do not reproduce `newText`.
 */
function applyEdits(old: DocState, changes: readonly ContentChange[], newText: string): boolean {
  let text = old.text;
  const edits: Array<Parameters<Tree['edit']>[0]> = [];
  for (const ch of changes) {
    if (ch.rangeOffset < 0 || ch.rangeOffset + ch.rangeLength > text.length) return false;
    const before = new Lines(text);
    const startIndex = ch.rangeOffset;
    const oldEndIndex = ch.rangeOffset + ch.rangeLength;
    const next = text.slice(0, startIndex) + ch.text + text.slice(oldEndIndex);
    const after = new Lines(next);
    const newEndIndex = startIndex + ch.text.length;
    const point = (l: Lines, i: number) => {
      const p = l.toLineCol(i);
      return { row: p.line - 1, column: p.column - 1 };
    };
    edits.push({
      startIndex,
      oldEndIndex,
      newEndIndex,
      startPosition: point(before, startIndex),
      oldEndPosition: point(before, oldEndIndex),
      newEndPosition: point(after, newEndIndex),
    } as Parameters<Tree['edit']>[0]);
    text = next;
  }
  if (text !== newText) return false;
  for (const e of edits) old.tree.edit(e);
  return true;
}
