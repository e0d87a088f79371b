/**
 * OpenAI SDKs (Python and TS `openai`, Azure clients, any OpenAI-compatible `base_url`):
 * `chat.completions.create|parse|stream`, `beta.chat.completions.*`, `responses.create|stream|parse`,
 * legacy `completions.create`. The base URL tells the provider (DeepSeek, Groq, Together, …).
 */
import type { Candidate, CallSite, PromptBlock } from '../types';
import { asObj, named, staticString, toPrompt, firstCallArgs } from './values';
import { baseSite, capArg, messageBlocks, modelArg, shapeOf, toolBlocks, unmistakableModel, type RecognizeContext } from './common';
import { providerFromBaseUrl } from './providers';

/** `Client` and `AsyncClient` are the Python SDK's aliases of `OpenAI` and `AsyncOpenAI`. */
const CLIENTS = /^(|OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Client|AsyncClient)$/;
/** `runTools`/`runFunctions` (TS SDK helpers) run a chat-completions tool loop: each round is a request. */
const APIS = /^(beta\.)?chat\.completions\.(create|parse|stream|runTools|runFunctions)$|^responses\.(create|stream|parse)$|^completions\.create$/;

/**
 * The pre-1.0 SDKs, still common in public code: Python `openai.ChatCompletion.create|acreate` and
 * `openai.Completion.create|acreate` (module level, `engine=` for Azure deployments); Node v3
 * `new OpenAIApi(configuration).createChatCompletion|createCompletion` (v2: `createCompletion(model, params)`).
 */
const LEGACY_PY = /^(ChatCompletion|Completion)\.(create|acreate)$/;
const LEGACY_JS = /^(createChatCompletion|createCompletion)$/;

export function recognizeOpenAI(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin === 'local') return null;
  if (shape.origin === 'import' && shape.module === 'openai') {
    if (!shape.constructed && shape.client === shape.api && LEGACY_PY.test(shape.api)) return legacy(c, ctx, shape.api.startsWith('Chat'));
    if (shape.constructed && shape.client === 'OpenAIApi' && LEGACY_JS.test(shape.api)) return legacy(c, ctx, shape.api === 'createChatCompletion');
  }
  if (!APIS.test(shape.api)) return null;
  if (shape.origin === 'import') {
    if (shape.module !== 'openai') return null;
    // Python's module-level client (`openai.chat.completions.create`) has no constructor.
    if (shape.constructed ? !CLIENTS.test(shape.client) : shape.client !== shape.api) return null;
  } else if (!unmistakableModel(named(c.args, 'model'), ctx, ['openai', 'azure'])) {
    return null;
  }

  const clientArgs = firstCallArgs(c.callee);
  const baseUrl = staticString(named(clientArgs, 'base_url', 'baseURL', 'azure_endpoint', 'endpoint'));
  const azure = /Azure/.test(shape.client) || named(clientArgs, 'azure_endpoint') !== undefined;
  const provider = azure ? 'azure' : providerFromBaseUrl(baseUrl, 'openai');
  const api = shape.api.replace(/^beta\./, '');
  const site = baseSite(c, ctx, 'openai', provider, api);
  site.batchAvailable = provider === 'openai' || provider === 'azure';
  Object.assign(site, modelArg(named(c.args, 'model')));
  site.stream = api.endsWith('stream') || staticString(named(c.args, 'stream')) !== null || named(c.args, 'stream')?.t === 'bool';

  if (api.startsWith('responses')) {
    site.capParam = 'max_output_tokens';
    site.maxTokens = capArg(c.args.named, ['max_output_tokens']);
    const blocks: PromptBlock[] = [...toolBlocks(named(c.args, 'tools'), ctx)];
    const instructions = named(c.args, 'instructions');
    if (instructions) blocks.push({ role: 'system', value: toPrompt(instructions, ctx.text), span: instructions.span });
    blocks.push(...messageBlocks(named(c.args, 'input'), ctx));
    site.blocks = blocks;
  } else if (api === 'completions.create') {
    site.capParam = 'max_tokens';
    site.maxTokens = capArg(c.args.named, ['max_tokens']);
    const prompt = named(c.args, 'prompt');
    site.blocks = prompt ? [{ role: 'user', value: toPrompt(prompt, ctx.text), span: prompt.span }] : [];
  } else {
    const official = provider === 'openai' || provider === 'azure';
    // OpenAI deprecated `max_tokens` on Chat Completions; reasoning models (o-series, GPT-5+) reject it.
    site.capParam = official ? 'max_completion_tokens' : 'max_tokens';
    site.maxTokens = capArg(c.args.named, ['max_completion_tokens', 'max_tokens']);
    site.blocks = [...toolBlocks(named(c.args, 'tools', 'functions'), ctx), ...messageBlocks(named(c.args, 'messages'), ctx)];
  }
  return site;
}

function legacy(c: Candidate, ctx: RecognizeContext, chat: boolean): CallSite {
  // v2: createCompletion('text-davinci-001', { prompt, max_tokens })
  const positionalModel = staticString(c.args.positional[0]) !== null ? c.args.positional[0] : undefined;
  const params = positionalModel ? asObj(c.args.positional[1]) ?? c.args.named : asObj(c.args.positional[0]) ?? c.args.named;
  const site = baseSite(c, ctx, 'openai', 'openai', chat ? 'chat.completions.create' : 'completions.create');
  site.batchAvailable = true;
  site.capInsert = params.insert;
  site.optionsInsert = params.insert;
  site.openArgs = params.openSpread;
  Object.assign(site, modelArg(positionalModel ?? named(params, 'model', 'engine', 'deployment_id')));
  site.stream = named(params, 'stream')?.t === 'bool';
  site.capParam = 'max_tokens';
  site.maxTokens = capArg(params, ['max_tokens', 'max_completion_tokens']);
  if (chat) {
    site.blocks = [...toolBlocks(named(params, 'tools', 'functions'), ctx), ...messageBlocks(named(params, 'messages'), ctx)];
  } else {
    const prompt = named(params, 'prompt');
    site.blocks = prompt ? [{ role: 'user', value: toPrompt(prompt, ctx.text), span: prompt.span }] : [];
  }
  return site;
}
