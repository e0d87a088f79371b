import type { Rule, RuleFinding } from '../types';
import { costWith, formatTokens, money, perCallAndMonth, perCallText, priceText, within } from '../util';

/** Warn once the static input reaches this share of a price-tier threshold. */
export const CLIFF_MARGIN = 0.8;

export const priceCliff: Rule = {
  meta: {
    id: 'price-cliff',
    defaultSeverity: 'warning',
    description: 'A prompt at or near an input size where the whole request is re-priced at a higher tier.',
    fixable: 'none',
  },
  check(call, ctx) {
    const model = call.model;
    if (!model || model.priceTiers.length === 0) return [];
    const tokens = call.inputTokens.central;
    // The lowest threshold the input is near or above decides; higher tiers are reported by their own message only when crossed.
    const tiers = [...model.priceTiers].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
    const tier = tiers.filter((t) => tokens >= t.aboveInputTokens * CLIFF_MARGIN).pop();
    if (!tier) return [];
    const T = tier.aboveInputTokens;
    const below = costWith(call, model, ctx, { inputTokens: T });
    const above = costWith(call, model, ctx, { inputTokens: T + 1 });
    const jump = above.perCallUsd - below.perCallUsd;
    const lower = tiers.filter((t) => t.aboveInputTokens < T).pop();
    const basePrice = lower ? priceText(ctx, lower.inputPerMTok, lower.outputPerMTok) : priceText(ctx, model.inputPerMTok, model.outputPerMTok);
    const tierPrice = priceText(ctx, tier.inputPerMTok, tier.outputPerMTok);
    const id = call.site.model ?? model.id;
    const biggest = call.blocks.reduce<(typeof call.blocks)[number] | null>((m, b) => (!m || b.tokens.central > m.tokens.central ? b : m), null);
    const span = within(call, biggest?.block.span);
    const dyn = call.dynamicInput ? ' plus run-time parts' : '';
    const over = tokens > T;
    const ap = call.inputTokens.exact ? '' : '≈';
    let message: string;
    let savingsUsd: RuleFinding['savingsUsd'] = null;
    if (over) {
      const now = call.cost?.perCallUsd ?? above.perCallUsd;
      const trimmed = costWith(call, model, ctx, { inputTokens: T });
      const perCall = Math.max(0, now - trimmed.perCallUsd);
      savingsUsd = { perCall, perMonth: perCall * call.volume.perMonth };
      message =
        `Input of ${ap}${formatTokens(tokens)} tokens${dyn} is above ${id}'s ${formatTokens(T)}-token price threshold, so the whole request is billed at ${tierPrice} instead of ${basePrice}: ` +
        `${perCallAndMonth(ctx, call, now)}. Trimming it to ${formatTokens(T)} tokens costs ≈${perCallText(ctx, trimmed.perCallUsd)} (saves ≈${perCallText(ctx, perCall)}` +
        (call.volume.perMonth > 0 ? `, ≈${money(ctx, savingsUsd.perMonth)}/month).` : ').');
    } else {
      const pct = Math.round((tokens / T) * 100);
      message =
        `Static input of ${ap}${formatTokens(tokens)} tokens${dyn} is ${pct}% of ${id}'s ${formatTokens(T)}-token price threshold: above it the whole request is billed at ${tierPrice} instead of ${basePrice}, ` +
        `a jump of ≈${perCallText(ctx, jump)} at the threshold (${perCallAndMonth(ctx, call, call.cost?.perCallUsd ?? below.perCallUsd)} now). ` +
        `Keep the prompt well below ${formatTokens(T)} tokens: trim or retrieve only the relevant parts${call.dynamicInput ? ', and bound what is added at run time' : ''}.`;
    }
    return [{ span, message, savingsUsd, fixes: [] }];
  },
};
