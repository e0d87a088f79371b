import type { CallCost, CallSite, Finding, Fix, Language, ModelEntry, PromptBlock, Severity, Span, TokenCount, Volume } from '../types';
import type { Config } from '../config/schema';
import type { PricingTable } from '../pricing/table';

/** Tokens of one prompt block, and the running total of the prefix up to and including it. */
export interface BlockTokens {
  block: PromptBlock;
  tokens: TokenCount;
  /** Central estimate of tokens from the first block up to and including this one (static parts only). */
  cumulative: number;
  /** The block contains at least one dynamic segment. */
  dynamic: boolean;
}

/** A call site after pricing and token counting: what every rule looks at. */
export interface AnalyzedCall {
  site: CallSite;
  /** The priced model entry; null when the model is dynamic, absent or unknown. */
  model: ModelEntry | null;
  /** Static input tokens including the provider's message framing. */
  inputTokens: TokenCount;
  /** Some input is only known at run time. */
  dynamicInput: boolean;
  blocks: BlockTokens[];
  /** Central tokens of the static text before the first run-time part, in cache-prefix order (what an implicit cache can reuse). */
  leadingStaticTokens: number;
  /** The output tokens priced: the cap when present, else the configured expected output, capped at the model's max output. */
  outputTokens: number;
  volume: Volume;
  /** Cost as written today; null when the model is not priced. */
  cost: CallCost | null;
}

export interface RuleContext {
  config: Config;
  pricing: PricingTable;
  language: Language;
  /** The file's text (for messages quoting code and building edits). */
  text: string;
  /** Path of the file, '/'-separated. */
  path: string;
  /** All analysed calls of this file (for rules that look across calls). */
  calls: AnalyzedCall[];
  /** Today's date (UTC, YYYY-MM-DD) for date-dependent rules (deprecated-model); tests pass a fixed one. Absent: the current date. */
  today?: string;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** 'safe' fixes are applied by --fix, 'suggestion' only on request, 'none' has no fix. */
  fixable: 'safe' | 'suggestion' | 'none';
}

/** What a rule's check returns; the engine fills in the configured severity. */
export interface RuleFinding {
  span: Span;
  message: string;
  /** Overrides the default severity (e.g. an error where the API rejects the request). */
  severity?: Severity;
  savingsUsd?: { perCall: number; perMonth: number } | null;
  fixes?: Fix[];
}

export interface Rule {
  meta: RuleMeta;
  check(call: AnalyzedCall, ctx: RuleContext): RuleFinding[];
}

export type { Finding };
