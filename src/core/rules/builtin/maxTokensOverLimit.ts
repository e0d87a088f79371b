import type { Rule } from '../types';
import { formatTokens } from '../util';

export const maxTokensOverLimit: Rule = {
  meta: {
    id: 'max-tokens-over-limit',
    defaultSeverity: 'error',
    description: 'The output cap exceeds the model’s maximum output: the API rejects the request.',
    fixable: 'safe',
  },
  check(call, ctx) {
    const cap = call.site.maxTokens;
    const model = call.model;
    if (!cap || cap.value === null || !model || cap.value <= model.maxOutput) return [];
    const valueText = ctx.text.slice(cap.span.start, cap.span.end);
    const m = /^(.*?[=:]\s*)([\d_]+)(\s*)$/s.exec(valueText);
    const fixes = m
      ? [{ title: `Set ${cap.param} to ${model.maxOutput}`, safe: true, edits: [{ span: cap.span, newText: `${m[1]}${model.maxOutput}${m[3]}` }] }]
      : [];
    return [
      {
        span: cap.span,
        message: `\`${cap.param}\` is ${formatTokens(cap.value)} but ${model.id} returns at most ${formatTokens(model.maxOutput)} tokens: the API rejects this request. Use ${formatTokens(model.maxOutput)} or less.`,
        fixes,
      },
    ];
  },
};
