import type { Rule, RuleFinding } from '../types';
import { FRAMING } from '../../tokens';
import { costWith, formatTokens, isAnthropicBilled, perCallAndMonth, removeEntryEdit, within } from '../util';

/**
 * A block whose whole text is one run-time value (`text: document`) may well be large: its
 * breakpoint is not judged. Run-time holes interpolated into a template (`f"Order: {order}"`) are
 * counted at their known upper bound, or as small when none is known (the message names them).
 */
export const deadCacheBreakpoint: Rule = {
  meta: {
    id: 'dead-cache-breakpoint',
    defaultSeverity: 'warning',
    description: 'A cache_control breakpoint whose prefix is below the model’s minimum cacheable length: it silently caches nothing.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const model = call.model;
    if (!model || model.cacheReadPerMTok === null || !isAnthropicBilled(call)) return [];
    const min = model.minCacheableTokens ?? 1024;
    const out: RuleFinding[] = [];
    let holes: string[] = [];
    let holeTokens = 0;
    let low = 0;
    let high = 0;
    let bare = false;
    // With tools, Anthropic adds its tool-use system prompt (≈346 tokens on Claude 4.x) to the
    // system part of the prefix: counted for breakpoints after the tool definitions.
    const hasTools = call.blocks.some((b) => b.block.role === 'tools');
    const tool = FRAMING.anthropic.toolUseSystemPrompt;
    let toolAdded = false;
    let extra = 0;
    for (const bt of call.blocks) {
      const segs = bt.block.value.segments;
      if (hasTools && !toolAdded && bt.block.role !== 'tools') {
        toolAdded = true;
        extra = tool.central;
        low += tool.low;
        high += tool.high;
      }
      low += bt.tokens.low;
      high += bt.tokens.high;
      if (segs.length > 0 && segs.every((s) => s.kind === 'dynamic')) bare = true;
      for (const s of segs) {
        if (s.kind !== 'dynamic') continue;
        holes.push(s.expr);
        holeTokens += s.maxTokens ?? 0;
      }
      const marker = bt.block.cacheControl;
      if (!marker) continue;
      if (bare) break; // a whole run-time block (a document, a transcript): its size is unknown.
      const prefix = bt.cumulative + extra + holeTokens;
      if (prefix >= min) continue;
      const certain = high + holeTokens < min && holes.length === 0;
      const range = low !== high ? ` (estimate ${formatTokens(low)}–${formatTokens(high)})` : '';
      const runTime = holes.length
        ? ` plus run-time ${holes.length === 1 ? 'part' : 'parts'} ${holes.slice(0, 3).map((h) => `\`${h}\``).join(', ')}${holes.length > 3 ? ', …' : ''} (unless ${holes.length === 1 ? 'it adds' : 'they add'} ≈${formatTokens(min - prefix)}+ tokens)`
        : '';
      const billed = costWith(call, model, ctx, { cachedPrefixTokens: 0, cacheHitRate: 0 });
      out.push({
        span: within(call, marker.span),
        message:
          `This cache_control breakpoint caches nothing: its prefix (tools → system → messages up to here) is ≈${formatTokens(bt.cumulative + extra)} tokens${extra ? ' (with the tool-use system prompt)' : ''}${range}${runTime}, ` +
          `below ${call.site.model ?? model.id}'s minimum of ${formatTokens(min)} cacheable tokens. The API accepts it without an error and bills the whole input at the full price: ` +
          `${perCallAndMonth(ctx, call, billed.perCallUsd)}. Remove the marker, or place it after ≥${formatTokens(min)} tokens of static text.`,
        savingsUsd: null,
        fixes: [
          {
            title: 'Remove the cache_control marker (it caches nothing)',
            edits: [removeEntryEdit(ctx.text, marker.span)],
            // Removing it changes nothing billed; only when even the high end of the estimate is below the minimum is that certain.
            safe: certain,
          },
        ],
      });
    }
    return out;
  },
};
