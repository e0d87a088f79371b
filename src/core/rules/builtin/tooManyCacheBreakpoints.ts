import type { CacheMarker, Fix } from '../../types';
import type { Rule } from '../types';
import { perCallAndMonth, removeEntryEdit, within } from '../util';

/** Anthropic's limit on cache_control breakpoints in one request (tools + system + messages). */
export const MAX_BREAKPOINTS = 4;

export const tooManyCacheBreakpoints: Rule = {
  meta: {
    id: 'too-many-cache-breakpoints',
    defaultSeverity: 'error',
    description: 'More than 4 cache_control breakpoints in one request: the API rejects it.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const site = call.site;
    const markers: CacheMarker[] = site.blocks.flatMap((b) => (b.cacheControl ? [b.cacheControl] : []));
    // Top-level automatic caching uses one breakpoint slot of its own.
    const total = markers.length + (site.topLevelCache ? 1 : 0);
    if (total <= MAX_BREAKPOINTS) return [];
    const extra = total - MAX_BREAKPOINTS;
    // Keep the last breakpoints: a breakpoint caches everything before it, so the later ones cover the most.
    const drop = markers.slice(0, Math.min(extra, markers.length));
    const fixes: Fix[] =
      drop.length === extra
        ? [
            {
              title: `Remove the first ${extra === 1 ? 'breakpoint' : `${extra} breakpoints`} (keep the last ${MAX_BREAKPOINTS})`,
              edits: drop.map((m) => removeEntryEdit(ctx.text, m.span)),
              safe: false,
            },
          ]
        : [];
    const first = markers[MAX_BREAKPOINTS] ?? markers[markers.length - 1];
    const wasted = call.cost ? ` It is billed nothing because it never runs, but every call fails (as written it would cost ${perCallAndMonth(ctx, call, call.cost.perCallUsd)}).` : '';
    return [
      {
        span: within(call, first?.span),
        message:
          `${total} cache_control breakpoints in one request${site.topLevelCache ? ' (counting top-level automatic caching)' : ''}: the API allows at most ${MAX_BREAKPOINTS} and rejects the request (HTTP 400).` +
          wasted +
          ` Keep at most ${MAX_BREAKPOINTS}: a breakpoint caches everything before it, so the earlier ones can usually go.`,
        savingsUsd: null,
        fixes,
      },
    ];
  },
};
