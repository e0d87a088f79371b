import type { Rule } from '../types';
import { staticText } from '../../sdk/values';
import { costWith, money, modelSpanOr, perCallText, replaceModelEdit } from '../util';

/** Wording that marks a short, closed-form task. Transparent on purpose: the message quotes what matched. */
const SIMPLE_TASK =
  /\b(classif(y|ication)|categori[sz]e|label (the|this|each)|route (the|this)|routing|extract (the|all)|sentiment|yes or no|true or false|one word|single word|a single (label|category|number)|respond (only )?with (only )?(one|a single|json|yes|no)|answer (only )?with (one|a single|yes|no)|only (output|return|reply)|return only|json only)\b/i;

/** Output caps at or below this look like one-word / short-label answers. */
export const SMALL_CAP = 64;

export const overpoweredModel: Rule = {
  meta: {
    id: 'overpowered-model',
    defaultSeverity: 'warning',
    description: 'A top-tier model on a task that looks simple (tiny output cap, classify/extract/route wording).',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const model = call.model;
    if (!model || !model.cheaperSibling || model.tier === 'small') return [];
    const sibling = ctx.pricing.lookup(model.cheaperSibling);
    if (!sibling || sibling.id === model.id) return [];
    const cap = call.site.maxTokens?.value ?? null;
    const reasons: string[] = [];
    if (cap !== null && cap <= SMALL_CAP) reasons.push(`output cap of ${cap} tokens`);
    for (const b of call.blocks) {
      const t = staticText({ segments: b.block.value.segments.filter((s) => s.kind === 'static') }) ?? '';
      const m = SIMPLE_TASK.exec(t);
      if (m) {
        // Quote the instruction up to the end of its sentence (at most ~60 characters).
        let quote = t.slice(m.index).split(/[.\n:]/)[0]!.trim();
        if (quote.length > 60) quote = quote.slice(0, 60).replace(/\s+\S*$/, '') + '…';
        reasons.push(`the prompt says “${quote}”`);
        break;
      }
    }
    // Flagship: any signal. Mid tier: both signals, since mid models are often the right call.
    if (reasons.length === 0 || (model.tier === 'mid' && reasons.length < 2)) return [];
    const now = costWith(call, model, ctx);
    const after = costWith(call, sibling, ctx);
    const perCall = Math.max(0, now.perCallUsd - after.perCallUsd);
    if (perCall <= 0) return [];
    const edit = replaceModelEdit(ctx.text, call.site.modelSpan, sibling.id);
    return [
      {
        span: modelSpanOr(call),
        message:
          `${model.id} (${model.tier}) looks overpowered for this task (${reasons.join('; ')}). ` +
          `${sibling.id} costs ≈${perCallText(ctx, after.perCallUsd)} instead of ≈${perCallText(ctx, now.perCallUsd)}: saves ≈${perCallText(ctx, perCall)}` +
          (call.volume.perMonth > 0 ? `, ≈${money(ctx, perCall * call.volume.perMonth)}/month.` : '.') +
          ' Check quality on a sample before switching.',
        savingsUsd: { perCall, perMonth: perCall * call.volume.perMonth },
        fixes: edit ? [{ title: `Switch to ${sibling.id}`, edits: [edit], safe: false }] : [],
      },
    ];
  },
};
