import type { Rule } from '../types';
import { formatTokens, perCallAndMonth, perCallText } from '../util';

export const oversizedPrompt: Rule = {
  meta: {
    id: 'oversized-prompt',
    defaultSeverity: 'warning',
    description: 'Static input above the oversizedPromptTokens threshold, or input + output cap beyond the context window.',
    fixable: 'none',
  },
  check(call, ctx) {
    const site = call.site;
    const tokens = call.inputTokens;
    const model = call.model;
    const cap = site.maxTokens?.value ?? 0;
    if (model && tokens.low + cap > model.contextWindow) {
      return [
        {
          span: site.span,
          severity: 'error',
          message: `Input of ${tokens.exact ? '' : '≈'}${formatTokens(tokens.central)} tokens${cap ? ` plus an output cap of ${formatTokens(cap)}` : ''} exceeds ${model.id}'s context window of ${formatTokens(model.contextWindow)}: the API rejects this request.`,
        },
      ];
    }
    const threshold = ctx.config.oversizedPromptTokens;
    if (tokens.central <= threshold) return [];
    const inputUsd = model ? (tokens.central * model.inputPerMTok) / 1e6 : null;
    const cached = !!site.topLevelCache || site.blocks.some((b) => b.cacheControl);
    return [
      {
        span: site.span,
        message:
          `Static prompt of ${tokens.exact ? '' : '≈'}${formatTokens(tokens.central)} tokens (above ${formatTokens(threshold)})` +
          (inputUsd !== null ? `: ${perCallAndMonth(ctx, call, inputUsd)} in input alone` : '') +
          (cached
            ? '. It is cached, so repeats cost less, but every cache miss and write pays it in full: trim it or retrieve only the relevant parts.'
            : `. Trim it, retrieve only the relevant parts, or cache the static part.` +
              (model && model.cacheReadPerMTok !== null ? ` Cached, the repeats would cost ${perCallText(ctx, (tokens.central * model.cacheReadPerMTok) / 1e6)}.` : '')),
      },
    ];
  },
};
