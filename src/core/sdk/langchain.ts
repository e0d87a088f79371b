/**
 * LangChain chat models: the constructor is the call site (`ChatAnthropic(model=…, max_tokens=…)`,
 * `new ChatOpenAI({ model })`); the prompt arrives later through `invoke`, so it is dynamic.
 */
import type { Candidate, CallSite } from '../types';
import { asObj, named, staticString } from './values';
import { baseSite, capArg, modelArg, shapeOf, type RecognizeContext } from './common';
import { providerFromBaseUrl, providerFromModelName } from './providers';

const CLASSES: Record<string, { provider: string; caps: string[]; capPy: string; capJs: string }> = {
  ChatAnthropic: { provider: 'anthropic', caps: ['max_tokens', 'max_tokens_to_sample', 'maxTokens'], capPy: 'max_tokens', capJs: 'maxTokens' },
  ChatOpenAI: { provider: 'openai', caps: ['max_completion_tokens', 'max_tokens', 'maxTokens', 'maxCompletionTokens'], capPy: 'max_tokens', capJs: 'maxTokens' },
  AzureChatOpenAI: { provider: 'azure', caps: ['max_completion_tokens', 'max_tokens', 'maxTokens'], capPy: 'max_tokens', capJs: 'maxTokens' },
  ChatGoogleGenerativeAI: { provider: 'google', caps: ['max_output_tokens', 'max_tokens', 'maxOutputTokens'], capPy: 'max_output_tokens', capJs: 'maxOutputTokens' },
  ChatVertexAI: { provider: 'vertex', caps: ['max_output_tokens', 'max_tokens', 'maxOutputTokens'], capPy: 'max_output_tokens', capJs: 'maxOutputTokens' },
  ChatDeepSeek: { provider: 'deepseek', caps: ['max_tokens', 'maxTokens'], capPy: 'max_tokens', capJs: 'maxTokens' },
  ChatGroq: { provider: 'groq', caps: ['max_tokens', 'maxTokens'], capPy: 'max_tokens', capJs: 'maxTokens' },
};

/** Current packages, and the older paths (`langchain.chat_models.openai`, JS `langchain/chat_models/openai`, `@langchain/community/chat_models/…`). */
const MODULE = /^(langchain_anthropic|langchain_openai|langchain_google_genai|langchain_google_vertexai|langchain_deepseek|langchain_groq|langchain_community\.chat_models(\.\w+)?|langchain\.chat_models(\.\w+)?|@langchain\/(anthropic|openai|google-genai|google-vertexai|deepseek|groq)|langchain\/chat_models(\/\w+)?|@langchain\/community\/chat_models\/\w+)$/;

export function recognizeLangChain(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin !== 'import' || !shape.module || !MODULE.test(shape.module)) return null;
  // The candidate must be the constructor call itself: path [ClassName] (+ the call is the candidate).
  if (shape.constructed) return null;
  const cls = CLASSES[shape.api];
  if (!cls) return null;
  const opts = ctx.language === 'python' ? c.args.named : asObj(c.args.positional[0]) ?? c.args.named;
  const clsProvider = cls.provider === 'openai' ? providerFromBaseUrl(staticString(named(opts, 'base_url', 'openai_api_base', 'baseURL')), 'openai') : cls.provider;
  const site = baseSite(c, ctx, 'langchain', clsProvider, `${shape.api}`);
  const modelVal = named(opts, 'model', 'model_name', 'modelName');
  Object.assign(site, modelArg(modelVal));
  if (site.model && cls.provider === 'vertex') site.provider = providerFromModelName(site.model) === 'anthropic' ? 'vertex' : 'google';
  site.capParam = ctx.language === 'python' ? cls.capPy : cls.capJs;
  site.maxTokens = capArg(opts, cls.caps);
  site.capInsert = opts.insert;
  site.optionsInsert = opts.insert;
  site.openArgs = opts.openSpread;
  // The prompt is passed to invoke()/stream() later: unknown here.
  site.blocks = [{ role: 'user', value: { segments: [{ kind: 'dynamic', expr: 'messages passed to invoke()', hint: 'unknown' }] } }];
  return site;
}
