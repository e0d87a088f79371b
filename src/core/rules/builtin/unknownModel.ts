import type { Rule } from '../types';
import { replaceModelEdit } from '../util';

export const unknownModel: Rule = {
  meta: {
    id: 'unknown-model',
    defaultSeverity: 'info',
    description: 'A literal model id that is not in the price table: the call cannot be priced.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const site = call.site;
    if (!site.model || call.model) return [];
    const nearest = ctx.pricing.nearest(site.model);
    const edit = nearest ? replaceModelEdit(ctx.text, site.modelSpan, nearest) : null;
    return [
      {
        span: site.modelSpan ?? site.span,
        message:
          `Model "${site.model}" is not in the price table (prices as of ${ctx.pricing.pricingDate}), so this call is not priced.` +
          (nearest ? ` Did you mean "${nearest}"?` : '') +
          ' To price it, add it under "models" in .prompt-cost.json.',
        fixes: edit ? [{ title: `Change the model to "${nearest}"`, edits: [edit], safe: false }] : [],
      },
    ];
  },
};
