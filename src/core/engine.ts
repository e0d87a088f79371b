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
import { baseEncoderFor, encoderLoadError, normalizeTokenizerId, setRankLoader, type RankLoader } from './tokens';
import type { LineIndex } from './text/lineIndex';

/** The start of the note on a file whose token counts fell back to estimates because a tokenizer failed to load. */
export const TOKENIZER_FAILED = 'Token counts are estimates: the tokenizer could not be loaded';

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
  /**
   * true: `create` does not start the parser runtime; the first analysis that parses does (or
   * `prepare`). For a caller that may not parse at all (the CLI with every result cached).
   */
  deferParser?: boolean;
}

export interface DocumentInput {
  /** Absolute '/'-separated path (or a virtual one for unsaved documents). */
  path: string;
  text: string;
  /** VS Code language id; when absent the language comes from the file extension. */
  languageId?: string;
  /** The workspace folder containing the file: folder-name heuristics (a `tests/` folder) look at the path relative to it. */
  root?: string;
  /** `mayContainLlmCall(text)`, when the caller has already computed it for this exact text (the CLI's prefilter). */
  mayHoldCall?: boolean;
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
  /** The last front-end result was moved to this text instead of re-parsing (an edit in a comment or a prompt's text). */
  reused?: boolean;
  /**
   * Every other file this analysis asked the `WorkspaceFs` for — prompt files, imported modules,
   * paths probed while resolving an import — whether it was found or not and whether it was read
   * or served from the analysis's own memo; sorted, absent when none. The result holds as long as
   * the file's text and these files are unchanged (with the same configuration): the CLI's cache.
   */
  consulted?: string[];
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
  /** Start the parser runtime now if it was deferred (`deferParser`); rejects when it cannot start. Optional for stand-in engines. */
  prepare?(): Promise<void>;
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
import { bodyIntact, reuseAfter, statementIntact, type KeptFrontEnd } from './reuse';
import { traced } from './lang/trace';

/** At most this many LLM calls are analysed per file (generated files with 100,000 calls); the rest get one note. */
export const MAX_CALLS_PER_FILE = 2000;

interface DocState {
  text: string;
  language: Language;
  /** The last parse, edited (`tree.edit`) for every change since; `stale` when not re-parsed after them. */
  tree: Tree;
  stale: boolean;
  /** The tree had syntax errors at its last parse. */
  hasError: boolean;
  /** The last front-end result, with the config generation and root it was computed under. */
  kept?: Stamped;
}

type Stamped = KeptFrontEnd & { generation: number; root: string | undefined };

const JS_FAMILY: Language[] = ['typescript', 'tsx', 'javascript'];

export class Engine implements EngineApi {
  private cfg: Config = defaultConfig();
  private basePricing: PricingTable;
  private table: PricingTable;
  private readonly docs = new Map<string, DocState>();
  /** Bumped by `configure`: a kept front-end result from before is not reused. */
  private generation = 0;

  private constructor(
    private readonly parsers: Parsers,
    private readonly fs: WorkspaceFs,
    private readonly waitForTokenizer: boolean,
  ) {
    this.basePricing = loadDefaultPricing();
    this.table = this.basePricing;
  }

  /** Loads the parser runtime (unless `deferParser`); grammars and tokenizers load later, on first need. */
  static async create(opts: EngineOptions): Promise<Engine> {
    if (opts.loadRanks) setRankLoader(opts.loadRanks);
    const parsers = opts.deferParser ? Parsers.deferred(opts.loadWasm) : await Parsers.load(opts.loadWasm);
    return new Engine(parsers, opts.fs, opts.waitForTokenizer ?? true);
  }

  prepare(): Promise<void> {
    return this.parsers.start();
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
    this.generation++;
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
    if (!(doc.mayHoldCall ?? mayContainLlmCall(doc.text))) {
      // No API step named anywhere in the text: no call site, so nothing to parse (most files of a repository).
      this.forget(doc.path);
      return result;
    }
    try {
      await this.ensureLanguages(language);
      const { tree, kept } = this.parse(doc, language, changes);
      const frontEnd = kept ?? this.runFrontEnd(doc, language, tree);
      if (kept) result.reused = true;
      if (!frontEnd) {
        result.notes.push({ level: 'info', message: `Skipped: the code nests more than ${MAX_NESTING} levels deep (generated code?).` });
        return result;
      }
      const unresolved = frontEnd.unresolved;
      if (frontEnd.consulted.length > 0) result.consulted = [...frontEnd.consulted];
      result.notes.push(...frontEnd.result.notes);
      const rctx = { language, text: doc.text, pricing: this.table };
      let beyondCap = 0;
      for (const candidate of frontEnd.result.candidates) {
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
      // A tokenizer that failed to load: the counts are estimates, say why (an encoder still loading is not a failure).
      const failed = new Set<string>();
      for (const c of result.calls) {
        const encoder = baseEncoderFor(normalizeTokenizerId(tokenizerFor(c.model, c.site)));
        const why = encoderLoadError(encoder);
        if (why) failed.add(`${encoder}: ${why}`);
      }
      if (failed.size > 0) result.notes.push({ level: 'warning', message: `${TOKENIZER_FAILED} (${[...failed].join('; ')}).` });
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

  /**
   * The document's syntax tree, re-parsed incrementally when `changes` apply to the last one —
   * or, when every change is inside a comment or a prompt's text (src/core/reuse.ts), the last
   * front-end result moved to the new text (`kept`) and the tree only edited, not re-parsed.
   */
  private parse(doc: DocumentInput, language: Language, changes?: readonly ContentChange[]): { tree: Tree; kept?: KeptFrontEnd } {
    const old = this.docs.get(doc.path);
    let tree: Tree;
    if (old && old.language === language && changes && changes.length > 0) {
      const texts = replay(old.text, changes, doc.text);
      if (texts) {
        const kept = old.kept;
        let reused: KeptFrontEnd | null =
          kept && !old.hasError && kept.generation === this.generation && kept.root === doc.root ? kept : null;
        changes.forEach((ch, i) => {
          if (reused) reused = reuseAfter(reused, texts[i]!, ch, old.tree, language);
          // Code typed in an unscanned body is checked on the re-parsed tree: only as the last change.
          if (reused?.verify && i < changes.length - 1) reused = null;
          old.tree.edit(treeEdit(texts[i]!, ch, texts[i + 1]!));
        });
        old.text = doc.text;
        // An edit in a statement nothing read: parsing that statement alone tells whether it is still one.
        if (reused?.verify?.statement) reused = statementIntact((t) => this.parsers.parse(language, t), doc.text, reused.verify) ? { ...reused, verify: undefined } : null;
        if (reused && !reused.verify) {
          old.stale = true;
          old.kept = this.stamp(reused, doc);
          return { tree: old.tree, kept: reused };
        }
        tree = this.parsers.parse(language, doc.text, old.tree);
        if (reused?.verify && bodyIntact(tree, reused.verify)) {
          const kept: KeptFrontEnd = { ...reused, verify: undefined };
          old.tree.delete();
          this.docs.set(doc.path, { text: doc.text, language, tree, stale: false, hasError: false, kept: this.stamp(kept, doc) });
          return { tree, kept };
        }
      } else {
        tree = this.parsers.parse(language, doc.text);
      }
    } else if (old && old.language === language && old.text === doc.text && !old.stale) {
      old.kept = undefined;
      return { tree: old.tree };
    } else if (old && old.language === language && old.text === doc.text) {
      tree = this.parsers.parse(language, doc.text, old.tree);
    } else {
      tree = this.parsers.parse(language, doc.text);
    }
    if (old) old.tree.delete();
    this.docs.set(doc.path, { text: doc.text, language, tree, stale: false, hasError: tree.rootNode.hasError });
    return { tree };
  }

  /** Run the language's front end; null when the code nests too deep to analyse. Keeps the result for `parse`. */
  private runFrontEnd(doc: DocumentInput, language: Language, tree: Tree): KeptFrontEnd | null {
    if (tooDeep(doc.text, tree)) return null;
    const modules = new Map<string, ParsedModule | null>();
    // Every path this analysis asks for, noted before any memo answers: its own, not shared with analyses running beside it.
    const consulted = new Set<string>();
    const fs: WorkspaceFs = {
      readText: (absPath) => {
        consulted.add(absPath);
        return this.fs.readText(absPath);
      },
    };
    let wanted = 0;
    let unresolved = 0;
    const ctx: FrontEndContext = {
      path: doc.path,
      language,
      text: doc.text,
      tree,
      fs,
      cache: new Map(),
      loadModule: (absPath) => {
        consulted.add(absPath);
        return this.loadModule(absPath, modules);
      },
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
    let run;
    try {
      run = traced(() => (language === 'python' ? analyzePython(ctx) : analyzeJs(ctx)));
    } finally {
      for (const m of modules.values()) m?.tree.delete();
    }
    consulted.delete(doc.path);
    const kept: KeptFrontEnd = { result: run.value, trace: run.trace, comments: [], contents: [], unresolved, consulted: [...consulted].sort() };
    const state = this.docs.get(doc.path);
    if (state && state.tree === tree) state.kept = this.stamp(kept, doc);
    return kept;
  }

  /** A front-end result with what it was computed under: it is reused only under the same. */
  private stamp(kept: KeptFrontEnd, doc: DocumentInput): Stamped {
    return { ...kept, generation: this.generation, root: doc.root };
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
 * The texts VS Code content changes go through: [old, after the first, …, `newText`]. null — and
 * the caller re-parses from scratch — when they do not reproduce `newText`.
 */
function replay(oldText: string, changes: readonly ContentChange[], newText: string): string[] | null {
  const texts = [oldText];
  let text = oldText;
  for (const ch of changes) {
    if (ch.rangeOffset < 0 || ch.rangeOffset + ch.rangeLength > text.length) return null;
    text = text.slice(0, ch.rangeOffset) + ch.text + text.slice(ch.rangeOffset + ch.rangeLength);
    texts.push(text);
  }
  return text === newText ? texts : null;
}

/** The tree-sitter edit for one change from `before` to `after` (rows and columns counted only around it). */
function treeEdit(before: string, ch: ContentChange, after: string): Parameters<Tree['edit']>[0] {
  const startIndex = ch.rangeOffset;
  const oldEndIndex = ch.rangeOffset + ch.rangeLength;
  const newEndIndex = startIndex + ch.text.length;
  const start = pointFrom(before, 0, { row: 0, column: 0 }, startIndex);
  return {
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition: start,
    oldEndPosition: pointFrom(before, startIndex, start, oldEndIndex),
    newEndPosition: pointFrom(after, startIndex, start, newEndIndex),
  } as Parameters<Tree['edit']>[0];
}

/** The point (row, column) of `index`, knowing the point of `from` ≤ `index` (from 0: `{ row: 0, column: 0 }`). */
function pointFrom(text: string, from: number, at: { row: number; column: number }, index: number): { row: number; column: number } {
  let row = at.row;
  let column = at.column + (index - from);
  for (let i = text.indexOf('\n', from); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    column = index - (i + 1);
  }
  return { row, column };
}
