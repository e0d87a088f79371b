/** Which provider bills a call, from an OpenAI-compatible base URL or a provider-prefixed model id. */

const HOSTS: Array<[RegExp, string]> = [
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)together\.(xyz|ai)$/, 'together'],
  [/(^|\.)openrouter\.ai$/, 'openrouter'],
  [/(^|\.)fireworks\.ai$/, 'fireworks'],
  [/(^|\.)mistral\.ai$/, 'mistral'],
  [/(^|\.)x\.ai$/, 'xai'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)cerebras\.ai$/, 'cerebras'],
  [/(^|\.)generativelanguage\.googleapis\.com$/, 'google'],
  [/(^|\.)openai\.azure\.com$/, 'azure'],
  [/(^|\.)cognitiveservices\.azure\.com$/, 'azure'],
  [/(^|\.)services\.ai\.azure\.com$/, 'azure'],
  [/(^|\.)anthropic\.com$/, 'anthropic'],
  [/(^|\.)openai\.com$/, 'openai'],
  [/^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/, 'local'],
];

/** Provider for a base URL; `fallback` when the URL is absent; 'openai-compatible' for an unknown host. */
export function providerFromBaseUrl(url: string | null | undefined, fallback: string): string {
  if (!url) return fallback;
  const m = /^[a-z]+:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(url.trim());
  const host = (m?.[1] ?? url).toLowerCase();
  for (const [re, provider] of HOSTS) if (re.test(host)) return provider;
  return 'openai-compatible';
}

const PREFIXES: Record<string, string> = {
  anthropic: 'anthropic',
  openai: 'openai',
  azure: 'azure',
  azure_ai: 'azure',
  gemini: 'google',
  google: 'google',
  vertex_ai: 'vertex',
  'vertex_ai-anthropic_models': 'vertex',
  bedrock: 'bedrock',
  deepseek: 'deepseek',
  groq: 'groq',
  together_ai: 'together',
  openrouter: 'openrouter',
  fireworks_ai: 'fireworks',
  mistral: 'mistral',
  xai: 'xai',
  ollama: 'local',
  ollama_chat: 'local',
};

/** `anthropic/claude-…` → 'anthropic' (LiteLLM / AI Gateway ids); null without a known prefix. */
export function providerFromModelPrefix(model: string): string | null {
  const i = model.indexOf('/');
  if (i <= 0) return null;
  return PREFIXES[model.slice(0, i).toLowerCase()] ?? null;
}

/** Provider that sells a bare model id, by its family name. */
export function providerFromModelName(model: string): string | null {
  const m = model.toLowerCase().replace(/^.*\//, '');
  if (/^claude|^anthropic\./.test(m)) return 'anthropic';
  if (/^(gpt|o\d|chatgpt|text-|davinci|babbage|codex)/.test(m)) return 'openai';
  if (/^gemini|^gemma/.test(m)) return 'google';
  if (/^deepseek/.test(m)) return 'deepseek';
  return null;
}
