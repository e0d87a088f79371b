/**
 * Cost of one call and of a month of calls (DESIGN.md §6), from a model's price entry.
 *
 * Input is split into three disjoint classes, so no token is billed twice:
 *   - the cached prefix on a cache hit (share `cacheHitRate`): cache-read price;
 *   - the cached prefix on a miss: the cache-write price of the TTL, or plain input where the
 *     provider's (implicit) cache has no write charge (`cacheWrite…` null);
 *   - everything else: plain input.
 * A price tier (`priceTiers`) re-prices the whole request once input exceeds its threshold.
 * A batch API multiplies every class by (1 − batchDiscount).
 */
import type { CallCost, ModelEntry, PriceTier } from '../types';

export interface CostInput {
  /** All input tokens of one call (cached prefix included). */
  inputTokens: number;
  /** The part of `inputTokens` served from a prompt cache (≤ inputTokens). */
  cachedPrefixTokens: number;
  /** TTL of the cache write: '5m' (default) or '1h' (OpenAI: 30-min / 12-h writes). */
  cacheTtl?: '5m' | '1h';
  /** Share of calls that read the cached prefix (0–1). */
  cacheHitRate: number;
  outputTokens: number;
  /** Sent through a batch API. */
  batch: boolean;
  callsPerMonth: number;
}

export type TokenClass = 'input' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h' | 'output';

export interface CostLine {
  kind: TokenClass;
  /** Expected tokens per call in this class (a share of the cached prefix can be fractional). */
  tokens: number;
  /** USD per million tokens actually applied (tier and batch included). */
  perMTok: number;
  usd: number;
}

export interface CostBreakdown {
  /** The price tier that re-priced the request, or null for base prices. */
  tier: PriceTier | null;
  /** 1 − batchDiscount when batched, else 1. */
  batchMultiplier: number;
  /** Token classes with a non-zero token count, input classes first, output last. */
  lines: CostLine[];
}

export type CostEstimate = CallCost & { breakdown: CostBreakdown };

/** Drop float noise (0.1 + 0.2) without changing any meaningful digit. */
function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : 0;
}

function count(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/** The tier whose threshold the input exceeds (the highest such), or null. */
export function applicableTier(model: ModelEntry, inputTokens: number): PriceTier | null {
  let chosen: PriceTier | null = null;
  for (const t of model.priceTiers) {
    if (inputTokens > t.aboveInputTokens && (!chosen || t.aboveInputTokens > chosen.aboveInputTokens)) chosen = t;
  }
  return chosen;
}

interface UnitPrices {
  input: number;
  output: number;
  cacheRead: number | null;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
}

/** Unit prices for a request, with a tier's prices where it applies. Tier cache prices it does not state scale with its input price. */
export function unitPrices(model: ModelEntry, tier: PriceTier | null): UnitPrices {
  if (!tier) {
    return {
      input: model.inputPerMTok,
      output: model.outputPerMTok,
      cacheRead: model.cacheReadPerMTok,
      cacheWrite5m: model.cacheWrite5mPerMTok,
      cacheWrite1h: model.cacheWrite1hPerMTok,
    };
  }
  const ratio = model.inputPerMTok > 0 ? tier.inputPerMTok / model.inputPerMTok : 1;
  const scaled = (p: number | null): number | null => (p === null ? null : clean(p * ratio));
  return {
    input: tier.inputPerMTok,
    output: tier.outputPerMTok,
    cacheRead: tier.cacheReadPerMTok !== undefined && tier.cacheReadPerMTok !== null ? tier.cacheReadPerMTok : scaled(model.cacheReadPerMTok),
    cacheWrite5m:
      tier.cacheWrite5mPerMTok !== undefined && tier.cacheWrite5mPerMTok !== null ? tier.cacheWrite5mPerMTok : scaled(model.cacheWrite5mPerMTok),
    cacheWrite1h: scaled(model.cacheWrite1hPerMTok),
  };
}

export function estimateCost(model: ModelEntry, input: CostInput): CostEstimate {
  const inputTokens = count(input.inputTokens);
  const outputTokens = count(input.outputTokens);
  const cached = Math.min(count(input.cachedPrefixTokens), inputTokens);
  const hitRate = Number.isFinite(input.cacheHitRate) ? Math.min(1, Math.max(0, input.cacheHitRate)) : 0;
  const calls = count(input.callsPerMonth);

  const tier = applicableTier(model, inputTokens);
  const p = unitPrices(model, tier);
  const batchMultiplier = input.batch && model.batchDiscount !== null ? 1 - model.batchDiscount : 1;

  const lines: CostLine[] = [];
  const add = (kind: TokenClass, tokens: number, perMTok: number): void => {
    if (tokens <= 0) return;
    const unit = clean(perMTok * batchMultiplier);
    const existing = lines.find((l) => l.kind === kind && l.perMTok === unit);
    if (existing) {
      existing.tokens = clean(existing.tokens + tokens);
      existing.usd = clean((existing.tokens * unit) / 1e6);
    } else lines.push({ kind, tokens: clean(tokens), perMTok: unit, usd: clean((tokens * unit) / 1e6) });
  };

  // With no cache price the "cached" prefix is plain input.
  const cacheable = p.cacheRead === null ? 0 : cached;
  add('input', inputTokens - cacheable, p.input);
  if (cacheable > 0) {
    const hits = cacheable * hitRate;
    const misses = cacheable - hits;
    add('cacheRead', hits, p.cacheRead as number);
    const ttl = input.cacheTtl ?? '5m';
    const write1h = ttl === '1h' ? p.cacheWrite1h : null;
    if (write1h !== null) add('cacheWrite1h', misses, write1h);
    else if (p.cacheWrite5m !== null) add('cacheWrite5m', misses, p.cacheWrite5m);
    else add('input', misses, p.input);
  }
  add('output', outputTokens, p.output);

  const inputUsd = clean(lines.filter((l) => l.kind !== 'output').reduce((s, l) => s + l.usd, 0));
  const outputUsd = clean(lines.filter((l) => l.kind === 'output').reduce((s, l) => s + l.usd, 0));
  const perCallUsd = clean(inputUsd + outputUsd);
  return {
    inputUsd,
    outputUsd,
    perCallUsd,
    perMonthUsd: clean(perCallUsd * calls),
    breakdown: { tier, batchMultiplier, lines },
  };
}

/** What a change saves per call and per month; never negative (a change that costs more saves 0). */
export function savings(before: CallCost, after: CallCost): { perCall: number; perMonth: number } {
  return {
    perCall: clean(Math.max(0, before.perCallUsd - after.perCallUsd)),
    perMonth: clean(Math.max(0, before.perMonthUsd - after.perMonthUsd)),
  };
}

/**
 * What several findings on one call save together, per month. Each finding's saving is priced
 * on its own (switch the model, add a cache breakpoint, batch…); applied together they act on
 * what the others leave, so they combine as independent fractions of the call's cost:
 * `cost × (1 − Π(1 − sᵢ / cost))`. One finding: its own saving. Never more than the call costs,
 * never less than the largest single saving. Without a cost (unpriced model): the largest saving.
 */
export function combinedSavings(costPerMonth: number | null, savingsPerMonth: readonly number[]): number {
  const xs = savingsPerMonth.filter((s) => Number.isFinite(s) && s > 0);
  if (xs.length === 0) return 0;
  if (costPerMonth === null || !Number.isFinite(costPerMonth) || costPerMonth <= 0) return Math.max(...xs);
  if (xs.length === 1) return Math.min(xs[0]!, costPerMonth);
  let kept = 1;
  for (const s of xs) kept *= 1 - Math.min(1, s / costPerMonth);
  return costPerMonth * (1 - kept);
}
