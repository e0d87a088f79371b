/**
 * The core's shared vocabulary. Everything under src/core speaks these types; the CLI, the
 * extension and the panel only ever see them through the report types at the bottom.
 *
 * Positions inside the core are UTF-16 code-unit offsets into the source text (what JS strings
 * and web-tree-sitter use). The report layer converts them to 1-based line/column.
 */

export type Language = 'python' | 'typescript' | 'tsx' | 'javascript';

/** Half-open range [start, end) of UTF-16 code-unit offsets into one file's text. */
export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Prompt values (DESIGN.md §3): text that is known now, and holes known only at run time.
// ---------------------------------------------------------------------------------------------

/** What a dynamic hole probably holds; drives cache-busting-prefix. */
export type DynamicHint = 'time' | 'uuid' | 'id' | 'user' | 'random' | 'unknown';

export type Segment =
  | { kind: 'static'; text: string; span?: Span }
  | {
      kind: 'dynamic';
      /** Where the unresolvable expression is written (in the file being analysed when known). */
      span?: Span;
      /** The expression's source text, trimmed to at most 80 characters. */
      expr: string;
      hint: DynamicHint;
      /** Optional static size bounds for the hole, when something is known (e.g. `str(int)`). */
      minTokens?: number;
      maxTokens?: number;
    };

export interface PromptValue {
  segments: Segment[];
}

// ---------------------------------------------------------------------------------------------
// The language-neutral value IR that both language front ends (src/core/lang/python and
// src/core/lang/js) produce, and that the SDK recognizers (src/core/sdk) read.
// ---------------------------------------------------------------------------------------------

/** A resolved qualified name: where a callee or value comes from. */
export interface QName {
  /**
   * The module it was imported from, exactly as written in the import: 'anthropic', 'openai',
   * 'google.genai', 'google.generativeai', 'litellm', 'langchain_anthropic', '@anthropic-ai/sdk',
   * 'openai', '@google/genai', 'ai', '@ai-sdk/openai', '@langchain/anthropic', ….
   * `null` when the root is not an import (a function parameter or other unknown origin).
   */
  module: string | null;
  /**
   * Access path from the module object. Plain strings are attribute/property names; a
   * `{ call }` element is a call or `new` with its (resolved) arguments.
   * Examples:
   *   py  `from anthropic import AsyncAnthropic as A; c = A(); c.messages.create`
   *       → module 'anthropic', path ['AsyncAnthropic', {call}, 'messages', 'create']
   *   py  `import openai; openai.chat.completions.create` → module 'openai', path ['chat','completions','create']
   *   ts  `import Anthropic from '@anthropic-ai/sdk'; new Anthropic().messages.create`
   *       → module '@anthropic-ai/sdk', path ['default', {call}, 'messages', 'create']
   *   ts  `import * as ai from 'ai'; ai.generateText` → module 'ai', path ['generateText']
   *   unknown origin: `def f(client): client.messages.create(...)` → module null, root 'client',
   *       path ['messages', 'create']
   */
  path: Array<string | { call: CallArgs }>;
  /** For module === null: the local name the chain starts from (for messages only). */
  root?: string;
  /**
   * How the root was bound. 'import' follows imports; 'param' is an unknown function parameter
   * or otherwise unknown origin; 'local' is known to be something that is not an LLM SDK (a local
   * class, a Twilio client, …): recognizers must ignore 'local' roots.
   */
  origin: 'import' | 'param' | 'local';
  /**
   * origin 'param' only: the root is one of these (each an imported client, e.g. `anthropic.Anthropic()`
   * or `openai.OpenAI()`), which one is known only at run time (`self._client` set per backend).
   * The recognizers try each; `path` continues from the root as usual.
   */
  alts?: QName[];
}

/** Arguments of a call, resolved. Python keyword arguments and a JS first-argument object both land in `named`. */
export interface CallArgs {
  positional: Val[];
  /**
   * Keyword arguments (Python) — for JS, calls whose options are one object literal
   * (`create({...})`) have that object's entries here AND the object in positional[0].
   */
  named: ObjVal;
  span: Span;
}

export interface ObjEntry {
  key: string;
  /** Span of the whole `key: value` / `key=value` entry (for removal/replacement fixes). */
  span: Span;
  keySpan: Span;
  value: Val;
}

export interface ObjVal {
  t: 'obj';
  entries: ObjEntry[];
  /** True when a `**x` / `...x` spread (or `**kwargs` in a call) could not be resolved: absent keys may be present at run time. */
  openSpread: boolean;
  span: Span;
  /** Where a new entry can be inserted, with the syntax to use. Absent when the object is not in this file. */
  insert?: InsertPoint;
  /** Python class/constructor name when this obj came from e.g. `types.GenerateContentConfig(...)`. */
  ctor?: string;
}

/** Where and how a new key/keyword can be added to an object literal or call. */
export interface InsertPoint {
  /** Offset at which to insert `text` built by the rule. */
  offset: number;
  /** 'kwarg' → `name=value`, 'property' → `name: value`, 'dict' → `"name": value`. */
  style: 'kwarg' | 'property' | 'dict';
  /** Text to put before the new entry (e.g. ', ' or ',\n    '), chosen by the front end to match the surrounding layout. */
  prefix: string;
  /** Text to put after the new entry (e.g. '' or ','). */
  suffix: string;
}

export type Val =
  | { t: 'str'; value: PromptValue; span: Span }
  | { t: 'num'; value: number; span: Span }
  | { t: 'bool'; value: boolean; span: Span }
  | { t: 'null'; span: Span }
  | ObjVal
  | { t: 'arr'; items: Val[]; openSpread: boolean; span: Span }
  /** A call whose callee resolved (e.g. `anthropic("claude-…")`, `types.GenerateContentConfig(...)`). */
  | { t: 'call'; callee: QName; args: CallArgs; span: Span }
  /** Anything else: known only at run time. */
  | { t: 'unknown'; span: Span; expr: string; hint: DynamicHint };

// ---------------------------------------------------------------------------------------------
// Context of a call (loops, retries, handlers): produced by the language front ends.
// ---------------------------------------------------------------------------------------------

export interface LoopInfo {
  kind: 'for' | 'while' | 'comprehension' | 'gather' | 'promise-all' | 'map';
  span: Span;
  /** Number of iterations when statically known (a literal list/range), else null. */
  iterations: number | null;
  /** True for `while True` / `for attempt in range(n)` style loops that re-run the same call (retry shape). */
  retryShape: boolean;
}

export interface RetryInfo {
  /** The retry loop (or recursive call) span. */
  span: Span;
  /** What delay happens between attempts ('linear': it grows with the attempt number, `sleep(2 * attempt)`). */
  backoff: 'none' | 'constant' | 'linear' | 'exponential';
  /** The sleep call or handler span, when present (for the message). */
  sleepSpan?: Span;
}

export interface CallContext {
  /** Enclosing loops, innermost first. */
  loops: LoopInfo[];
  retry: RetryInfo | null;
  /** Inside an HTTP route handler / queue consumer (per-request volume). */
  inRequestHandler: boolean;
  /** The file is a test file, or the call is inside a test function: excluded from totals. */
  inTest: boolean;
}

/**
 * One candidate call found by a language front end: its callee resolved to a qualified name,
 * its arguments resolved to values. The SDK recognizers decide whether it is an LLM call.
 */
export interface Candidate {
  span: Span;
  calleeSpan: Span;
  callee: QName;
  args: CallArgs;
  context: CallContext;
  /** True when the call is a `new` expression. */
  isNew: boolean;
}

/** What a language front end returns for one file. */
export interface FrontEndResult {
  candidates: Candidate[];
  /** Problems the front end wants to tell the user about (e.g. a prompt file that could not be read). */
  notes: Note[];
}

// ---------------------------------------------------------------------------------------------
// Call sites (after SDK recognition)
// ---------------------------------------------------------------------------------------------

export type SdkFamily = 'anthropic' | 'openai' | 'google-genai' | 'google-generativeai' | 'vercel-ai' | 'langchain' | 'litellm';

export interface CacheMarker {
  span: Span;
  ttl: '5m' | '1h';
}

export type BlockRole = 'tools' | 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** One prompt part in the order the provider builds its cache prefix: tools → system → messages. */
export interface PromptBlock {
  role: BlockRole;
  value: PromptValue;
  /** The node the block came from (string literal, content block object, message object). */
  span?: Span;
  /** A cache_control breakpoint that ends at this block. */
  cacheControl?: CacheMarker;
  /** Where a `cache_control` could be added to this block (Anthropic fix). */
  cacheInsert?: CacheInsert;
}

/** How to add a cache breakpoint to a block: a replacement of `span` with `newText`. */
export interface CacheInsert {
  span: Span;
  newText: string;
}

export interface NumberArg {
  /** null when present but not a literal number. */
  value: number | null;
  /** The parameter name as written (`max_tokens`, `maxOutputTokens`, …). */
  param: string;
  span: Span;
}

export interface CallSite {
  language: Language;
  span: Span;
  sdk: SdkFamily;
  /** Provider that bills the call: 'anthropic', 'openai', 'google', 'deepseek', 'groq', 'together', 'azure', 'bedrock', 'vertex', … */
  provider: string;
  /** API path as in DESIGN.md: 'messages.create', 'chat.completions.create', 'responses.create', 'generateText', … */
  api: string;
  /** The model id literal as written, null when dynamic or absent. */
  model: string | null;
  /** Where the model argument is written (for switch-model fixes); absent when not given or not in this file. */
  modelSpan?: Span;
  /** The model argument exists but is dynamic. */
  modelDynamic: boolean;
  /** The output cap, null when absent. */
  maxTokens: NumberArg | null;
  /** The parameter name this API wants for an output cap (for messages and the add-cap fix); null when the API has none. */
  capParam: string | null;
  /** The API rejects a request without a cap (Anthropic Messages). */
  capRequired: boolean;
  /** Where to insert a missing cap. */
  capInsert?: InsertPoint;
  /** The cap lives in an options object that is absent: a fix must add it wrapped (`config={...}`, Gemini). */
  capWrap?: string;
  /** Prompt parts in cache-prefix order. */
  blocks: PromptBlock[];
  /** Anthropic automatic caching: top-level `cache_control`. */
  topLevelCache?: CacheMarker;
  /** Where a top-level option (e.g. `cache_control`) can be inserted. */
  optionsInsert?: InsertPoint;
  /** Some arguments come from an unresolved spread (`**kwargs`, `...opts`): absence proves nothing. */
  openArgs: boolean;
  /** Goes through a batch API (50% off). */
  batch: boolean;
  stream: boolean;
  /** A batch API exists for this provider/API. */
  batchAvailable: boolean;
  context: CallContext;
}

// ---------------------------------------------------------------------------------------------
// Pricing (DESIGN.md §5): one model table, zod-validated at load (src/core/pricing).
// ---------------------------------------------------------------------------------------------

export type TokenizerId =
  | 'o200k_base'
  | 'cl100k_base'
  /** Claude 3 … 4.6 family. */
  | 'claude'
  /** Claude Opus 4.7 and later, all 5.x: the newer tokenizer (≈1.0–1.47× more tokens). */
  | 'claude-2026'
  | 'gemini'
  | 'deepseek'
  /** Anything else: a wide estimate from o200k. */
  | 'generic';

export type ModelTier = 'flagship' | 'mid' | 'small';

export interface PriceTier {
  /** The whole request is re-priced when input tokens exceed this. */
  aboveInputTokens: number;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number | null;
  cacheWrite5mPerMTok?: number | null;
}

export interface ModelEntry {
  id: string;
  /** Other ids that mean this model: date-suffixed ids, provider prefixes, Bedrock/Vertex ids. */
  aliases: string[];
  provider: string;
  displayName?: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheWrite5mPerMTok: number | null;
  cacheWrite1hPerMTok: number | null;
  cacheReadPerMTok: number | null;
  /** Fraction off with a batch API (0.5 = 50% off); null when there is no batch API. */
  batchDiscount: number | null;
  contextWindow: number;
  maxOutput: number;
  /** Minimum prefix tokens that can be cached (Anthropic breakpoints, OpenAI/Gemini implicit cache); null when unknown. */
  minCacheableTokens: number | null;
  tier: ModelTier;
  /** Id of a cheaper model of the same provider suitable for simple tasks. */
  cheaperSibling: string | null;
  tokenizer: TokenizerId;
  priceTiers: PriceTier[];
  deprecation: { date: string; successor: string | null } | null;
  /** Date (YYYY-MM-DD) the prices were last checked, and where. */
  checked: string;
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Tokens and cost
// ---------------------------------------------------------------------------------------------

export interface TokenCount {
  /** Central estimate (exact for OpenAI encoders). */
  central: number;
  low: number;
  high: number;
  exact: boolean;
}

/** Monthly call volume and where it came from. */
export interface Volume {
  perMonth: number;
  source: 'annotation' | 'config' | 'default' | 'loop' | 'test';
  /** Human-readable: '30k/day (comment on line 12)', 'default 10,000/month', … */
  label: string;
}

export interface CallCost {
  inputUsd: number;
  outputUsd: number;
  perCallUsd: number;
  perMonthUsd: number;
}

// ---------------------------------------------------------------------------------------------
// Findings and fixes
// ---------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `--fix`; the rest only with `--unsafe-fixes` or by hand in the editor. */
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  span: Span;
  message: string;
  savingsUsd: { perCall: number; perMonth: number } | null;
  fixes: Fix[];
}

/** Something the tool wants to tell the user that is not a finding (skipped file, unreadable prompt file, bad config). */
export interface Note {
  level: 'info' | 'warning' | 'error';
  message: string;
  span?: Span;
}

// ---------------------------------------------------------------------------------------------
// File access reaches the core through this interface (no fs in src/core).
// ---------------------------------------------------------------------------------------------

export interface WorkspaceFs {
  /**
   * Read a text file by absolute '/'-separated path. Returns null when the file is missing, is
   * outside every workspace root (after resolving symlinks), is binary, is too large, or cannot
   * be read. Implementations must never follow network paths.
   */
  readText(absPath: string): string | null;
}
