/** LiteLLM (`litellm.completion|acompletion|text_completion|responses`), provider-prefixed model ids. */
import type { Candidate, CallSite } from '../types';
import { named, staticString, toPrompt } from './values';
import { baseSite, capArg, messageBlocks, modelArg, shapeOf, toolBlocks, type RecognizeContext } from './common';
import { providerFromModelName, providerFromModelPrefix } from './providers';

const APIS = /^(completion|acompletion|text_completion|atext_completion|responses|aresponses)$/;

export function recognizeLiteLLM(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin !== 'import' || shape.module !== 'litellm' || shape.constructed || !APIS.test(shape.api)) return null;
  const modelVal = named(c.args, 'model') ?? c.args.positional[0];
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
