/**
 * From a recognised call site to an AnalyzedCall: the priced model, token counts per prompt
 * block, the output assumption, the monthly volume, and the cost as written (cache-aware).
 */
import type { AnalyzedCall, BlockTokens } from './rules/types';
import type { CallSite, ModelEntry, PromptBlock, TokenCount, TokenizerId, Volume } from './types';
import type { Config } from './config/schema';
import type { PricingTable } from './pricing/table';
import { countPrompt, countText, ensureTokenizer, isTokenizerReady } from './tokens';
import { estimateCost, type CostInput } from './cost/cost';
import type { LineIndex } from './text/lineIndex';
import { volumeAnnotation } from './comments';

export type PromptStyle = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini' | 'plain';

export function promptStyle(site: CallSite): PromptStyle {
  if (site.sdk === 'anthropic') return 'anthropic';
  if (site.sdk === 'google-genai' || site.sdk === 'google-generativeai') return 'gemini';
  if (site.api.startsWith('responses')) return 'openai-responses';
  if (site.sdk === 'openai' || site.sdk === 'litellm') return site.api === 'completions.create' ? 'plain' : 'openai-chat';
  return 'plain';
}

/** The tokenizer to count a call with: the model's, else a guess from the provider. */
export function tokenizerFor(model: ModelEntry | null, site: CallSite): TokenizerId {
  if (model) return model.tokenizer;
  switch (site.provider) {
    case 'openai':
    case 'azure':
      return 'o200k_base';
    case 'anthropic':
    case 'bedrock':
    case 'vertex':
      return 'claude-2026';
    case 'google':
      return 'gemini';
    case 'deepseek':
      return 'deepseek';
    default:
      return 'generic';
  }
}

export function lookupModel(pricing: PricingTable, site: CallSite): ModelEntry | null {
  return site.model ? pricing.lookup(site.model, site.provider) : null;
}

export interface PromptTokens {
  input: TokenCount;
  blocks: BlockTokens[];
  dynamic: boolean;
  /** Central tokens of the static text before the first dynamic segment, in cache-prefix order. */
  leadingStatic: number;
}

/**
 * `waitForTokenizer: false` (the editor) counts with the fallback estimate while the encoder loads
 * in the background, instead of holding the first diagnostics for it; `onTokenizerLoaded` tells
 * the caller when exact counts are available.
 */
export async function countBlocks(blocks: PromptBlock[], tokenizer: TokenizerId, style: PromptStyle, waitForTokenizer = true): Promise<PromptTokens> {
  if (waitForTokenizer || isTokenizerReady(tokenizer)) await ensureTokenizer(tokenizer);
  else void ensureTokenizer(tokenizer);
  const counted = countPrompt(blocks, tokenizer, style);
  let cumulative = 0;
  let leadingStatic = 0;
  let seenDynamic = false;
  const out: BlockTokens[] = blocks.map((block, i) => {
    const tokens = counted.perBlock[i] ?? { central: 0, low: 0, high: 0, exact: true };
    cumulative += tokens.central;
    const dynamic = block.value.segments.some((s) => s.kind === 'dynamic');
    if (!seenDynamic) {
      if (!dynamic) leadingStatic += tokens.central;
      else {
        let before = '';
        for (const s of block.value.segments) {
          if (s.kind === 'dynamic') break;
          before += s.text;
        }
        leadingStatic += countText(before, tokenizer).central;
        seenDynamic = true;
      }
    }
    return { block, tokens, cumulative, dynamic };
  });
  return { input: counted.total, blocks: out, dynamic: counted.dynamic, leadingStatic };
}

/** `10000` → `10,000` (no Intl: this runs for every call on every keystroke). */
function thousands(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** Calls per month for a site: a `prompt-cost:` comment, else the configured default; × static loop iterations; 0 under tests. */
export function volumeOf(site: CallSite, lines: LineIndex, config: Config): Volume {
  if (site.context.inTest) return { perMonth: 0, source: 'test', label: 'test code (excluded from totals)' };
  const callLine = lines.lineOf(site.span.start);
  const ann = volumeAnnotation(lines, callLine);
  let base: Volume;
  if (ann && 'perMonth' in ann) {
    base = { perMonth: ann.perMonth, source: 'annotation', label: `${ann.spec} (comment on line ${ann.line + 1})` };
  } else {
    const dflt = config.defaultMonthlyCalls;
    base = {
      perMonth: dflt,
      source: 'config',
      label: `${thousands(dflt)}/month (defaultMonthlyCalls)${site.context.inRequestHandler ? ', per request of its handler' : ''}`,
    };
  }
  let mult = 1;
  for (const loop of site.context.loops) {
    if (loop.iterations !== null && loop.iterations > 0 && !loop.retryShape) mult *= loop.iterations;
  }
  if (mult > 1 && base.source !== 'annotation') {
    return { perMonth: base.perMonth * mult, source: 'loop', label: `${base.label} × ${mult} loop iterations` };
  }
  return base;
}

/** The output tokens priced: the literal cap, else the configured expectation; never above the model's maximum. */
export function outputTokensOf(site: CallSite, model: ModelEntry | null, config: Config): number {
  const cap = site.maxTokens?.value ?? null;
  const n = cap !== null && cap > 0 ? cap : config.expectedOutputTokens;
  return model ? Math.min(n, model.maxOutput) : n;
}

/** Which part of the input a prompt cache serves, as the call is written. */
export function cachePlan(site: CallSite, model: ModelEntry, tokens: PromptTokens, config: Config): Pick<CostInput, 'cachedPrefixTokens' | 'cacheTtl' | 'cacheHitRate'> {
  const none = { cachedPrefixTokens: 0, cacheHitRate: 0 } as const;
  if (model.cacheReadPerMTok === null) return none;
  const min = model.minCacheableTokens ?? 1024;
  const explicit = site.provider === 'anthropic' || site.provider === 'bedrock' || site.provider === 'vertex' || site.sdk === 'anthropic';
  if (explicit) {
    let lastMarked = -1;
    tokens.blocks.forEach((b, i) => {
      if (b.block.cacheControl) lastMarked = i;
    });
    if (site.topLevelCache) lastMarked = tokens.blocks.length - 1;
    if (lastMarked < 0) return none;
    const prefix = tokens.blocks[lastMarked]!.cumulative;
    if (prefix < min) return none;
    const ttl = (site.topLevelCache ?? tokens.blocks[lastMarked]!.block.cacheControl)?.ttl ?? '5m';
    // Dynamic content inside the cached prefix changes it on every call: every call writes, none reads.
    const busted = tokens.blocks.slice(0, lastMarked + 1).some((b) => b.dynamic) && !site.topLevelCache;
    if (site.topLevelCache) {
      return tokens.leadingStatic >= min ? { cachedPrefixTokens: tokens.leadingStatic, cacheTtl: ttl, cacheHitRate: config.cacheHitRate } : none;
    }
    return { cachedPrefixTokens: prefix, cacheTtl: ttl, cacheHitRate: busted ? 0 : config.cacheHitRate };
  }
  // Implicit caching (OpenAI, Gemini 2.5+, DeepSeek): the static leading prefix, once long enough.
  if (tokens.leadingStatic >= min) return { cachedPrefixTokens: tokens.leadingStatic, cacheHitRate: config.cacheHitRate };
  return none;
}

/** The token counts of an analysed call, as cachePlan reads them (no recount). */
export function promptTokensOf(call: AnalyzedCall): PromptTokens {
  return { input: call.inputTokens, blocks: call.blocks, dynamic: call.dynamicInput, leadingStatic: call.leadingStaticTokens };
}

export async function analyzeCall(site: CallSite, pricing: PricingTable, config: Config, lines: LineIndex, waitForTokenizer = true): Promise<AnalyzedCall> {
  const model = lookupModel(pricing, site);
  const tokens = await countBlocks(site.blocks, tokenizerFor(model, site), promptStyle(site), waitForTokenizer);
  const outputTokens = outputTokensOf(site, model, config);
  const volume = volumeOf(site, lines, config);
  let cost = null;
  if (model) {
    const inputTokens = tokens.input.central;
    cost = estimateCost(model, {
      inputTokens,
      outputTokens,
      batch: site.batch,
      callsPerMonth: volume.perMonth,
      ...cachePlan(site, model, tokens, config),
    });
  }
  return {
    site,
    model,
    inputTokens: tokens.input,
    dynamicInput: tokens.dynamic || site.openArgs,
    blocks: tokens.blocks,
    leadingStaticTokens: tokens.leadingStatic,
    outputTokens,
    volume,
    cost: cost && { inputUsd: cost.inputUsd, outputUsd: cost.outputUsd, perCallUsd: cost.perCallUsd, perMonthUsd: cost.perMonthUsd },
  };
}
