import type { Rule } from '../types';
import { addCapEdit, formatTokens, money, perCallText } from '../util';

/** A cap to suggest: the configured expected output rounded up to a power of two (≥ 1,024), within the model's maximum. */
export function suggestedCap(expected: number, maxOutput: number | undefined): number {
  let cap = 1024;
  while (cap < expected) cap *= 2;
  return maxOutput ? Math.min(cap, maxOutput) : cap;
}

export const missingMaxTokens: Rule = {
  meta: {
    id: 'missing-max-tokens',
    defaultSeverity: 'warning',
    description: 'A call that accepts an output cap has none: output can run to the model’s maximum.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const site = call.site;
    if (!site.capParam || site.maxTokens || site.openArgs) return [];
    const model = call.model;
    const cap = suggestedCap(ctx.config.expectedOutputTokens, model?.maxOutput);
    const edit = addCapEdit(site, cap, ctx.language);
    const fixes = edit ? [{ title: `Add ${site.capParam}=${cap}`, edits: [edit], safe: false }] : [];
    if (site.capRequired) {
      return [
        {
          span: site.span,
          severity: 'error',
          message: `\`${site.capParam}\` is required by the ${site.api} API: this call is rejected (HTTP 400) as written. Add \`${site.capParam}\` to bound its output cost${model ? ` (${perCallText(ctx, (cap * model.outputPerMTok) / 1e6)} at ${formatTokens(cap)} tokens)` : ''}.`,
          fixes,
        },
      ];
    }
    let worst = '';
    if (model) {
      const worstUsd = (model.maxOutput * model.outputPerMTok) / 1e6;
      const assumedUsd = (call.outputTokens * model.outputPerMTok) / 1e6;
      worst = ` Output can run to ${model.id}'s maximum of ${formatTokens(model.maxOutput)} tokens: up to ${perCallText(ctx, worstUsd)} in output alone (priced here at the assumed ${formatTokens(call.outputTokens)} tokens, ${money(ctx, assumedUsd)}).`;
    }
    const lc = site.sdk === 'langchain' ? ' An unset LangChain cap means the model’s full output limit.' : '';
    return [
      {
        span: site.span,
        message: `No output cap on this ${site.api} call.${worst}${lc} Add \`${site.capParam}\`.`,
        fixes,
      },
    ];
  },
};
