/**
 * Vercel AI SDK (`ai`): `generateText|streamText|generateObject|streamObject` with a provider
 * factory model (`anthropic('claude-…')`, `openai.chat('gpt-4o')`, `createOpenAI({ baseURL })('…')`)
 * or a gateway string (`'openai/gpt-4o'`); also the 3.0 releases' `ai/core` functions with the
 * `ai/provider` classes (`new OpenAI().chat('gpt-3.5-turbo')`).
 */
import type { Candidate, CallSite, Val } from '../types';
import { asObj, callArgsOf, named, staticString, toPrompt } from './values';
import { aiSdkCacheMarker, baseSite, capArg, messageBlocks, modelArg, shapeOf, toolBlocks, type RecognizeContext } from './common';
import { providerFromBaseUrl, providerFromModelName, providerFromModelPrefix } from './providers';

const APIS = /^(generateText|streamText|generateObject|streamObject)$/;

const PROVIDER_MODULES: Record<string, string> = {
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/azure': 'azure',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'vertex',
  '@ai-sdk/amazon-bedrock': 'bedrock',
  '@ai-sdk/deepseek': 'deepseek',
  '@ai-sdk/groq': 'groq',
  '@ai-sdk/togetherai': 'together',
  '@ai-sdk/mistral': 'mistral',
  '@ai-sdk/xai': 'xai',
  '@ai-sdk/fireworks': 'fireworks',
  '@ai-sdk/openai-compatible': 'openai-compatible',
  '@openrouter/ai-sdk-provider': 'openrouter',
};

/** The AI SDK's own entry points: `ai`, and `ai/core` of the 3.0 releases (early 2024). */
const AI_MODULES = new Set(['ai', 'ai/core']);

/** Provider classes of the 3.0 releases' `ai/provider` entry (`new OpenAI().chat('gpt-4')`). */
const LEGACY_PROVIDER_CLASSES: Record<string, string> = {
  OpenAI: 'openai',
  Mistral: 'mistral',
  Anthropic: 'anthropic',
  Google: 'google',
};

/** Provider and model id of an AI SDK `model` value. */
export function aiSdkModel(v: Val | undefined): { provider: string | null; model: Val | undefined } {
  if (!v) return { provider: null, model: undefined };
  if (v.t === 'str') {
    const id = staticString(v);
    return { provider: id ? providerFromModelPrefix(id) ?? providerFromModelName(id) : null, model: v };
  }
  if (v.t !== 'call') return { provider: null, model: v };
  const q = v.callee;
  const root = typeof q.path[0] === 'string' ? q.path[0] : '';
  let provider = q.module
    ? PROVIDER_MODULES[q.module] ?? (q.module === 'ai/provider' ? LEGACY_PROVIDER_CLASSES[root] ?? null : null)
    : null;
  const ctorArgs = callArgsOf(q)[0];
  const baseUrl = staticString(named(asObj(ctorArgs?.positional[0]) ?? ctorArgs?.named, 'baseURL', 'baseUrl'));
  if (baseUrl && provider) provider = providerFromBaseUrl(baseUrl, provider);
  return { provider, model: v.args.positional[0] };
}

export function recognizeVercel(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin !== 'import' || !AI_MODULES.has(shape.module ?? '') || shape.constructed || !APIS.test(shape.api)) return null;
  const opts = asObj(c.args.positional[0]) ?? c.args.named;
  const { provider, model } = aiSdkModel(named(opts, 'model'));
  const site = baseSite(c, ctx, 'vercel-ai', provider ?? 'unknown', shape.api);
  Object.assign(site, modelArg(model));
  if (!model && named(opts, 'model')) site.modelDynamic = true;
  site.stream = shape.api.startsWith('stream');
  site.capParam = 'maxOutputTokens';
  site.maxTokens = capArg(opts, ['maxOutputTokens', 'maxTokens']);
  site.capInsert = opts.insert;
  site.optionsInsert = opts.insert;
  site.openArgs = opts.openSpread;
  const system = named(opts, 'system');
  site.blocks = [
    ...toolBlocks(asToolList(named(opts, 'tools')), ctx),
    ...(system ? [{ role: 'system' as const, value: toPrompt(system, ctx.text), span: system.span }] : []),
    ...messageBlocks(named(opts, 'messages'), ctx),
  ];
  const prompt = named(opts, 'prompt');
  if (prompt) site.blocks.push({ role: 'user', value: toPrompt(prompt, ctx.text), span: prompt.span });
  const top = aiSdkCacheMarker(opts);
  if (top) site.topLevelCache = top;
  return site;
}

/** AI SDK tools are an object keyed by name; read it as the list of definitions. */
function asToolList(v: Val | undefined): Val | undefined {
  if (v?.t !== 'obj') return v;
  return { t: 'arr', items: v.entries.map((e) => e.value), openSpread: v.openSpread, span: v.span };
}
