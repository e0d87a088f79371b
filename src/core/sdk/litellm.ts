/** LiteLLM (`litellm.completion|acompletion|text_completion|responses`), provider-prefixed model ids. */
import type { Candidate, CallSite } from '../types';
import { named, staticString, toPrompt } from './values';
import { baseSite, capArg, messageBlocks, modelArg, shapeOf, toolBlocks, type RecognizeContext } from './common';
import { providerFromModelName, providerFromModelPrefix } from './providers';

const APIS = /^(completion|acompletion|text_completion|atext_completion|responses|aresponses)$/;

/** `litellm.Router(model_list=[…])`: its `completion|acompletion|…` methods route to a model group. */
const ROUTER = /^(Router|router\.Router)$/;

export function recognizeLiteLLM(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  const modelVal = named(c.args, 'model') ?? c.args.positional[0];
  if (shape.origin === 'param') {
    // A router or module passed in (`async def ask(router): await router.acompletion("gpt-4o", msgs)`):
    // only the unmistakable shape, a completion method with a model id the price table knows.
    const id = staticString(modelVal);
    if (!/^a?completion$/.test(shape.api) || !id || !ctx.pricing.lookup(id)) return null;
  } else if (shape.origin !== 'import' || shape.module !== 'litellm' || !APIS.test(shape.api)) return null;
  else if (shape.constructed && !ROUTER.test(shape.client)) return null;
  const id = staticString(modelVal);
  const provider = id ? providerFromModelPrefix(id) ?? providerFromModelName(id) ?? 'unknown' : 'unknown';
  const site = baseSite(c, ctx, 'litellm', provider, shape.api.replace(/^a(?=completion|text|responses)/, ''));
  Object.assign(site, modelArg(modelVal));
  site.stream = named(c.args, 'stream')?.t === 'bool';
  site.batchAvailable = false;
  if (/responses/.test(shape.api)) {
    site.capParam = 'max_output_tokens';
    site.maxTokens = capArg(c.args.named, ['max_output_tokens']);
    site.blocks = messageBlocks(named(c.args, 'input'), ctx);
  } else if (/text_completion/.test(shape.api)) {
    site.capParam = 'max_tokens';
    site.maxTokens = capArg(c.args.named, ['max_tokens']);
    const prompt = named(c.args, 'prompt');
    site.blocks = prompt ? [{ role: 'user', value: toPrompt(prompt, ctx.text), span: prompt.span }] : [];
  } else {
    site.capParam = 'max_tokens';
    site.capRequired = false;
    site.maxTokens = capArg(c.args.named, ['max_completion_tokens', 'max_tokens']);
    site.blocks = [...toolBlocks(named(c.args, 'tools'), ctx), ...messageBlocks(named(c.args, 'messages') ?? c.args.positional[1], ctx)];
  }
  return site;
}
