import type { Fix } from '../../types';
import type { Rule } from '../types';
import { costWith, modelSpanOr, perCallAndMonth, priceText, replaceModelEdit } from '../util';

/** Warn this many days before the retirement date. */
export const DEPRECATION_WARNING_DAYS = 90;

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number | null {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
}

export const deprecatedModel: Rule = {
  meta: {
    id: 'deprecated-model',
    defaultSeverity: 'warning',
    description: 'A model id past or within 90 days of its retirement date; names the successor and its price.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const model = call.model;
    const dep = model?.deprecation;
    if (!model || !dep) return [];
    const today = dayNumber(ctx.today ?? new Date().toISOString());
    const retires = dayNumber(dep.date);
    if (today === null || retires === null) return [];
    const days = retires - today;
    if (days > DEPRECATION_WARNING_DAYS) return [];
    const id = call.site.model ?? model.id;
    const when =
      days <= 0
        ? // Providers either reject a retired id or quietly serve another model under it (DeepSeek's legacy names).
          `was retired on ${dep.date}: the provider rejects it or serves another model in its place`
        : `retires on ${dep.date} (in ${days} ${days === 1 ? 'day' : 'days'}): after that, the provider rejects it or serves another model in its place`;
    const successor = dep.successor ? ctx.pricing.lookup(dep.successor) : null;
    const fixes: Fix[] = [];
    let tail = ' Move to a current model.';
    let savingsUsd: { perCall: number; perMonth: number } | null = null;
    if (dep.successor && successor) {
      const now = call.cost ? ` (now ${perCallAndMonth(ctx, call, call.cost.perCallUsd)})` : '';
      const next = costWith(call, successor, ctx);
      tail =
        ` Switch to its successor ${dep.successor} at ${priceText(ctx, successor.inputPerMTok, successor.outputPerMTok)} (vs ${priceText(ctx, model.inputPerMTok, model.outputPerMTok)}): ` +
        `this call would cost ${perCallAndMonth(ctx, call, next.perCallUsd)}${now}.`;
      if (call.cost && call.cost.perCallUsd > next.perCallUsd) {
        const perCall = call.cost.perCallUsd - next.perCallUsd;
        savingsUsd = { perCall, perMonth: perCall * call.volume.perMonth };
      }
      const written = successorAsWritten(id, dep.successor, call.site.provider);
      const edit = written ? replaceModelEdit(ctx.text, call.site.modelSpan, written) : null;
      if (edit && written) fixes.push({ title: `Switch to ${written}`, edits: [edit], safe: false });
    } else if (dep.successor) {
      tail = ` Its successor is ${dep.successor}.`;
    }
    return [{ span: modelSpanOr(call), message: `${id} ${when}.${tail}`, savingsUsd, fixes }];
  },
};

/**
 * The successor id in the form the call writes ids: a router prefix (`anthropic/…`,
 * `openrouter/openai/…`) is kept; Bedrock and Vertex ids (`anthropic.claude-…-v2:0`,
 * `claude-…@20241022`) have their own spelling of each model, so there is no fix for them.
 */
export function successorAsWritten(written: string, successor: string, provider: string): string | null {
  if (provider === 'bedrock' || provider === 'vertex' || /[@:]/.test(written) || /^(?:[a-z]{2}\.)?anthropic\./.test(written)) return null;
  const slash = written.lastIndexOf('/');
  return slash >= 0 ? written.slice(0, slash + 1) + successor.slice(successor.lastIndexOf('/') + 1) : successor;
}
