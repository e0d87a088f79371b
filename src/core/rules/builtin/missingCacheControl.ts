import type { Fix } from '../../types';
import type { Rule } from '../types';
import { ephemeralCacheValue } from '../../text/edits';
import { perCallText, costWith, entryText, formatTokens, insertAt, isAnthropicBilled, money, perCallAndMonth, staticPrefix } from '../util';

export const missingCacheControl: Rule = {
  meta: {
    id: 'missing-cache-control',
    defaultSeverity: 'warning',
    description: 'An Anthropic call re-sends a cacheable static prefix without a cache_control breakpoint.',
    fixable: 'safe',
  },
  check(call, ctx) {
    const site = call.site;
    const model = call.model;
    if (!model || !isAnthropicBilled(call) || model.cacheReadPerMTok === null) return [];
    if (site.topLevelCache || site.blocks.some((b) => b.cacheControl)) return [];
    if (site.sdk === 'langchain') return [];
    const min = model.minCacheableTokens ?? 1024;
    const prefix = staticPrefix(call);
    if (prefix.lastIndex < 0 || prefix.tokens < min) return [];
    const now = costWith(call, model, ctx, { cachedPrefixTokens: 0, cacheHitRate: 0 });
    const cached = costWith(call, model, ctx, { cachedPrefixTokens: prefix.tokens, cacheTtl: '5m', cacheHitRate: ctx.config.cacheHitRate });
    const perCall = Math.max(0, now.perCallUsd - cached.perCallUsd);
    const last = call.blocks[prefix.lastIndex]!.block;
    const fixes: Fix[] = [];
    if (last.cacheInsert) {
      fixes.push({ title: `Add cache_control to the ${last.role === 'tools' ? 'last tool' : last.role + ' prompt'}`, edits: [last.cacheInsert], safe: true });
    } else if (site.sdk === 'anthropic' && site.optionsInsert) {
      const value = ephemeralCacheValue(site.optionsInsert, ctx.language);
      fixes.push({ title: 'Turn on automatic prompt caching (top-level cache_control)', edits: [insertAt(site.optionsInsert, entryText(site.optionsInsert, 'cache_control', value, ctx.language))], safe: true });
    }
    const where = last.span && last.span.start >= site.span.start && last.span.end <= site.span.end ? last.span : site.span;
    const firstRole = call.blocks[0]!.block.role;
    const what = firstRole === 'tools' ? 'Tools and prompt prefix' : firstRole === 'system' ? 'System prompt' : 'Prompt prefix';
    return [
      {
        span: where,
        message:
          `${what} of ≈${formatTokens(prefix.tokens)} tokens is re-sent uncached on every call: ${perCallAndMonth(ctx, call, now.perCallUsd)}. ` +
          `Add cache_control to pay ≈${Math.round((model.cacheReadPerMTok / model.inputPerMTok) * 100)}% on repeats: saves ≈${perCallText(ctx, perCall)}` +
          (call.volume.perMonth > 0 ? `, ≈${money(ctx, perCall * call.volume.perMonth)}/month at a ${Math.round(ctx.config.cacheHitRate * 100)}% hit rate.` : '.'),
        savingsUsd: { perCall, perMonth: perCall * call.volume.perMonth },
        fixes,
      },
    ];
  },
};
