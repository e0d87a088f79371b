import type { LoopInfo } from '../../types';
import type { Rule } from '../types';
import { costWith, money, perCallAndMonth, perCallText } from '../util';
import { formatInteger } from '../../cost/format';

/** Loops with fewer statically known iterations than this are a handful of calls, not a batch job. */
export const MIN_BATCH_ITERATIONS = 10;

const LOOP_TEXT: Record<LoopInfo['kind'], string> = {
  for: 'a for loop',
  while: 'a while loop',
  comprehension: 'a comprehension',
  gather: 'asyncio.gather',
  'promise-all': 'Promise.all',
  map: 'a map over a collection',
};

function batchApi(provider: string, sdk: string): string {
  if (sdk === 'anthropic' || provider === 'anthropic') return 'the Message Batches API (`messages.batches.create`)';
  if (provider === 'google' || sdk.startsWith('google')) return 'the Gemini Batch API (`batches.create`)';
  return 'the Batch API (`batches.create` with a JSONL file)';
}

export const batchableLoop: Rule = {
  meta: {
    id: 'batchable-loop',
    defaultSeverity: 'info',
    description: 'An SDK call made once per item of a collection in a script or job, where a batch API would cost 50% less.',
    fixable: 'none',
  },
  check(call, ctx) {
    const site = call.site;
    const model = call.model;
    if (!model || !call.cost || model.batchDiscount === null || model.batchDiscount <= 0) return [];
    if (!site.batchAvailable || site.batch || site.stream) return [];
    const c = site.context;
    if (c.inRequestHandler || c.inTest || c.retry) return [];
    const loops = c.loops.filter((l) => !l.retryShape);
    if (loops.length === 0) return [];
    // `while` loops of unknown length are workers, pollers and interactive prompts (`while True:
    // q = input()`) far more often than batch jobs.
    if (loops.some((l) => l.kind === 'while' && l.iterations === null)) return [];
    let known = 1;
    let unknown = false;
    for (const l of loops) {
      if (l.iterations === null) unknown = true;
      else known *= l.iterations;
    }
    if (!unknown && known < MIN_BATCH_ITERATIONS) return [];
    const batched = costWith(call, model, ctx, { batch: true });
    const perCall = Math.max(0, call.cost.perCallUsd - batched.perCallUsd);
    if (perCall <= 0) return [];
    const perMonth = perCall * call.volume.perMonth;
    const pct = Math.round(model.batchDiscount * 100);
    const size = unknown ? 'once per item of a collection' : `${formatInteger(known)} times`;
    return [
      {
        span: site.span,
        message:
          `This ${site.api} call runs ${size} in ${LOOP_TEXT[loops[0]!.kind]} outside any request handler: ${perCallAndMonth(ctx, call, call.cost.perCallUsd)}; volume: ${call.volume.label}. ` +
          `Nobody waits for each answer, so ${batchApi(site.provider, site.sdk)} can run it at ${pct}% off: saves ≈${perCallText(ctx, perCall)}` +
          (call.volume.perMonth > 0 ? `, ≈${money(ctx, perMonth)}/month` : '') +
          ` (results within 24 hours).`,
        savingsUsd: { perCall, perMonth },
        fixes: [],
      },
    ];
  },
};
