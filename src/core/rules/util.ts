/** Helpers the rules share: money in the user's display currency, edits that add an argument or swap a model. */
import type { CallSite, InsertPoint, Language, ModelEntry, Span, TextEdit } from '../types';
import type { AnalyzedCall, RuleContext } from './types';
import { formatMoney, formatTokens } from '../cost/format';
import { entryText, insertAt } from '../text/edits';
import { estimateCost, type CostInput } from '../cost/cost';
import { cachePlan, promptTokensOf } from '../analysis';

export { formatTokens, entryText, insertAt };

export function money(ctx: RuleContext, usd: number): string {
  return formatMoney(usd, { currency: ctx.config.displayCurrency, rate: ctx.config.currencyRate });
}

/** `$0.0137/call`, or `$0.39 per 1k calls` when a single call costs under a tenth of a cent. */
export function perCallText(ctx: RuleContext, usd: number): string {
  if (usd > 0 && usd < 0.001) return `${money(ctx, usd * 1000)} per 1k calls`;
  return `${money(ctx, usd)}/call`;
}

/** `≈$0.0137/call, ≈$1,230/month at 90k calls` */
export function perCallAndMonth(ctx: RuleContext, call: AnalyzedCall, usd: number): string {
  const approx = call.inputTokens.exact ? '' : '≈';
  const month = usd * call.volume.perMonth;
  if (call.volume.perMonth <= 0) return `${approx}${perCallText(ctx, usd)}`;
  return `${approx}${perCallText(ctx, usd)}, ${approx}${money(ctx, month)}/month at ${formatTokens(call.volume.perMonth)} calls`;
}

/** Edit that adds an output cap to a call, or null when there is nowhere safe to put it. */
export function addCapEdit(site: CallSite, value: number, language: Language): TextEdit | null {
  if (!site.capParam || !site.capInsert) return null;
  if (site.capWrap) {
    const inner = language === 'python' ? `{"${site.capParam}": ${value}}` : `{ ${site.capParam}: ${value} }`;
    return insertAt(site.capInsert, entryText(site.capInsert, site.capWrap, inner, language));
  }
  return insertAt(site.capInsert, entryText(site.capInsert, site.capParam, String(value), language));
}

/** Replace a model string literal, keeping its quotes. */
export function replaceModelEdit(text: string, span: Span | undefined, newId: string): TextEdit | null {
  if (!span) return null;
  const lit = text.slice(span.start, span.end);
  const m = /^([rubfRUBF]*)(['"`])/.exec(lit);
  if (!m || !lit.endsWith(m[2]!) || lit.length < 2 || /\$\{|\{/.test(lit.slice(1, -1)) && m[2] === '`') return null;
  const quote = m[2]!;
  return { span, newText: `${quote}${newId}${quote}` };
}

/** Cost per call of the same request on another model, or with a different cache plan. */
export function costWith(call: AnalyzedCall, model: ModelEntry, ctx: RuleContext, overrides: Partial<CostInput> = {}) {
  const input: CostInput = {
    inputTokens: call.inputTokens.central,
    outputTokens: Math.min(call.outputTokens, model.maxOutput),
    batch: call.site.batch && model.batchDiscount !== null,
    callsPerMonth: call.volume.perMonth,
    ...cachePlanOf(call, model, ctx),
    ...overrides,
  };
  return estimateCost(model, input);
}

function cachePlanOf(call: AnalyzedCall, model: ModelEntry, ctx: RuleContext) {
  return cachePlan(call.site, model, promptTokensOf(call), ctx.config);
}

/** Tokens of the static blocks before the first dynamic one, and the index of the last of them. */
export function staticPrefix(call: AnalyzedCall): { tokens: number; lastIndex: number } {
  let tokens = 0;
  let lastIndex = -1;
  call.blocks.forEach((b, i) => {
    if (lastIndex === i - 1 && !b.dynamic) {
      tokens = b.cumulative;
      lastIndex = i;
    }
  });
  return { tokens, lastIndex };
}

export function isAnthropicBilled(call: AnalyzedCall): boolean {
  return call.model?.provider === 'anthropic' || ['anthropic', 'bedrock', 'vertex'].includes(call.site.provider) && /claude/i.test(call.site.model ?? '');
}

/** The span to underline for "something about the model": the model argument, else the call. */
export function modelSpanOr(call: AnalyzedCall): Span {
  return call.site.modelSpan ?? call.site.span;
}

/**
 * Edit that removes one `key: value` / `key=value` entry of an object literal or call, with the
 * comma that separates it from its neighbour (the following one, else the preceding one).
 */
export function removeEntryEdit(text: string, span: Span): TextEdit {
  let end = span.end;
  let i = end;
  while (i < text.length && /[ \t]/.test(text[i]!)) i++;
  if (text[i] === ',') {
    end = i + 1;
    while (end < text.length && /[ \t]/.test(text[end]!)) end++;
    // The entry had a line of its own: remove the line.
    let ls = span.start;
    while (ls > 0 && /[ \t]/.test(text[ls - 1]!)) ls--;
    if ((ls === 0 || text[ls - 1] === '\n') && (text[end] === '\n' || end === text.length)) {
      return { span: { start: ls, end: Math.min(text.length, end + 1) }, newText: '' };
    }
    return { span: { start: span.start, end }, newText: '' };
  }
  let start = span.start;
  let j = start - 1;
  while (j >= 0 && /\s/.test(text[j]!)) j--;
  if (text[j] === ',') start = j;
  return { span: { start, end: span.end }, newText: '' };
}

/** `$3/$15 per MTok in/out` */
export function priceText(ctx: RuleContext, input: number, output: number): string {
  return `${money(ctx, input)}/${money(ctx, output)} per MTok in/out`;
}

/** A span inside the call's span, else the call's span. */
export function within(call: AnalyzedCall, span: Span | undefined): Span {
  return span && span.start >= call.site.span.start && span.end <= call.site.span.end ? span : call.site.span;
}
