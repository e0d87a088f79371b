/**
 * Anthropic SDKs (Python `anthropic`, TS `@anthropic-ai/sdk`, Bedrock/Vertex/Foundry clients):
 * `messages.create|stream|parse|count_tokens`, `beta.messages.*`, `messages.batches.create`.
 */
import type { Candidate, CallSite, ObjVal, PromptBlock } from '../types';
import { asArr, asObj, named, staticString, toPrompt } from './values';
import {
  baseSite,
  cacheMarkerOf,
  capArg,
  contentBlocks,
  messageBlocks,
  modelArg,
  shapeOf,
  toolBlocks,
  unmistakableModel,
  wrapAsCachedBlock,
  type RecognizeContext,
} from './common';
import { providerFromBaseUrl } from './providers';

const MODULES = new Set([
  'anthropic',
  '@anthropic-ai/sdk',
  '@anthropic-ai/bedrock-sdk',
  '@anthropic-ai/vertex-sdk',
  '@anthropic-ai/foundry-sdk',
  'anthropic.lib.bedrock',
  'anthropic.lib.vertex',
]);

/** `Client` and `AsyncClient` are the Python SDK's aliases of `Anthropic` and `AsyncAnthropic`. */
const CLIENTS = /^(|Anthropic|AsyncAnthropic|Client|AsyncClient|anthropic\.(Async)?Client|AnthropicBedrock|AsyncAnthropicBedrock|AnthropicVertex|AsyncAnthropicVertex|AnthropicFoundry|AsyncAnthropicFoundry|anthropic\.(Async)?Anthropic(Bedrock|Vertex|Foundry)?)$/;

/**
 * `beta.messages.*`, and the older per-feature beta namespaces (`beta.tools.messages.create`, `beta.prompt_caching.messages.create`).
 * `tool_runner`/`toolRunner` (SDK helpers) loop messages.create until the tools are done: each round is a request.
 * `completions.create`: the legacy Text Completions API (`prompt` with HUMAN_PROMPT/AI_PROMPT, `max_tokens_to_sample`).
 */
const APIS = /^(beta\.(\w+\.)?)?messages\.(create|stream|parse|count_tokens|countTokens|tool_runner|toolRunner)$|^(beta\.)?messages\.batches\.create$|^completions\.create$/;

export function recognizeAnthropic(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin === 'local') return null;
  if (!APIS.test(shape.api)) return null;
  if (shape.origin === 'import') {
    if (!shape.module || !MODULES.has(shape.module) || !shape.constructed || !CLIENTS.test(shape.client)) return null;
  } else if (!unmistakableModel(named(c.args, 'model') ?? firstBatchParam(c, 'model'), ctx, ['anthropic'])) {
    return null;
  }

  const clientName = shape.client + (shape.module ?? '');
  const clientArgs = c.callee.path.find((p) => typeof p !== 'string') as { call: Candidate['args'] } | undefined;
  const baseUrl = staticString(named(clientArgs?.call, 'base_url', 'baseURL'));
  const provider = /Bedrock|bedrock/.test(clientName)
    ? 'bedrock'
    : /Vertex|vertex/.test(clientName)
      ? 'vertex'
      : /Foundry|foundry/.test(clientName)
        ? 'azure'
        : providerFromBaseUrl(baseUrl, 'anthropic');

  const api = shape.api.replace('countTokens', 'count_tokens').replace('toolRunner', 'tool_runner').replace(/^beta\.\w+\.messages\./, 'beta.messages.');
  const site = baseSite(c, ctx, 'anthropic', provider, api);
  site.batchAvailable = provider === 'anthropic';
  let params: ObjVal = c.args.named;

  if (api.endsWith('batches.create')) {
    site.batch = true;
    const req = asObj(asArr(named(c.args, 'requests'))?.[0]);
    const p = asObj(named(req, 'params'));
    if (!p) {
      site.openArgs = true;
      site.capParam = 'max_tokens';
      return site;
    }
    params = p;
    site.capInsert = p.insert;
    site.optionsInsert = p.insert;
    site.openArgs = p.openSpread;
  }

  if (api === 'completions.create') {
    Object.assign(site, modelArg(named(params, 'model')));
    site.stream = named(params, 'stream')?.t === 'bool';
    site.capParam = 'max_tokens_to_sample';
    site.capRequired = true;
    site.maxTokens = capArg(params, ['max_tokens_to_sample']);
    const prompt = named(params, 'prompt');
    site.blocks = prompt ? [{ role: 'user', value: toPrompt(prompt, ctx.text), span: prompt.span }] : [];
    return site;
  }
  Object.assign(site, modelArg(named(params, 'model')));
  site.stream = api.endsWith('stream') || named(params, 'stream')?.t === 'bool';
  if (!api.endsWith('count_tokens')) {
    site.capParam = 'max_tokens';
    site.capRequired = true;
    site.maxTokens = capArg(params, ['max_tokens']);
  }
  site.topLevelCache = cacheMarkerOf(params);
  site.blocks = [...toolBlocks(named(params, 'tools'), ctx), ...systemBlocks(params, ctx, c.span), ...messageBlocks(named(params, 'messages'), ctx)];
  return site;
}

function firstBatchParam(c: Candidate, key: string) {
  return named(asObj(named(asObj(asArr(named(c.args, 'requests'))?.[0]), 'params')), key);
}

function systemBlocks(params: ObjVal, ctx: RecognizeContext, within: Candidate['span']): PromptBlock[] {
  const system = named(params, 'system');
  if (!system) return [];
  if (system.t === 'arr') return contentBlocks(system, 'system', ctx);
  const block: PromptBlock = { role: 'system', value: toPrompt(system, ctx.text), span: system.span, cacheInsert: wrapAsCachedBlock(system, ctx, within) };
  return [block];
}
