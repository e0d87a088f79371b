import type { Rule } from '../types';
import { formatTokens, money, perCallText } from '../util';

/** The SDK's own retry option (exponential backoff with jitter built in), by SDK family and language. */
function sdkRetryOption(sdk: string, python: boolean): string {
  switch (sdk) {
    case 'anthropic':
      return python ? '`Anthropic(max_retries=5)`' : '`new Anthropic({ maxRetries: 5 })`';
    case 'openai':
      return python ? '`OpenAI(max_retries=5)`' : '`new OpenAI({ maxRetries: 5 })`';
    case 'vercel-ai':
      return '`maxRetries: 5` on the call';
    case 'langchain':
      return python ? '`max_retries=5` on the chat model' : '`maxRetries: 5` on the chat model';
    case 'litellm':
      return '`num_retries=5` on the call';
    default:
      return 'the client’s retry options';
  }
}

export const retryWithoutBackoff: Rule = {
  meta: {
    id: 'retry-without-backoff',
    defaultSeverity: 'warning',
    description: 'An SDK call retried in a loop with a constant delay or none: every immediate retry re-pays the full input on an API that is already refusing.',
    fixable: 'none',
  },
  check(call, ctx) {
    const retry = call.site.context.retry;
    // A delay that grows with the attempt (exponential or linear) is a backoff.
    if (!retry || retry.backoff === 'exponential' || retry.backoff === 'linear') return [];
    const python = ctx.language === 'python';
    const sleep = retry.sleepSpan ? ctx.text.slice(retry.sleepSpan.start, retry.sleepSpan.end).trim().slice(0, 60) : '';
    const delay = retry.backoff === 'constant' ? `a constant delay${sleep ? ` (\`${sleep}\`)` : ''}` : 'no delay';
    const loop = call.site.context.loops.find((l) => l.retryShape);
    const attempts = loop?.iterations ?? null;
    let cost = '';
    if (call.cost) {
      const per = call.cost.perCallUsd;
      const approx = call.inputTokens.exact ? '' : '≈';
      cost =
        ` Each extra attempt re-pays ${approx}${perCallText(ctx, per)}` +
        (call.volume.perMonth > 0 ? ` (${approx}${money(ctx, per * call.volume.perMonth)}/month if every call needed one retry, at ${formatTokens(call.volume.perMonth)} calls)` : '') +
        (attempts ? `; up to ${attempts - 1} extra attempts per failing call.` : '.');
    }
    return [
      {
        span: call.site.span,
        message:
          `This call is retried with ${delay} between attempts: on a rate-limited (429) or overloaded (529/503) API, retries at once or at a fixed pace mostly fail again, and each attempt re-sends the full input.` +
          cost +
          ` Use exponential backoff with jitter (\`2 ** attempt\` seconds plus a random part, or tenacity's \`wait_exponential\` / p-retry), or let the SDK retry: ${sdkRetryOption(call.site.sdk, python)}.`,
        savingsUsd: null,
        fixes: [],
      },
    ];
  },
};
