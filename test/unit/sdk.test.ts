/** SDK recognition through the whole engine, on shapes the rule fixtures do not cover. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';

let shared: Promise<Engine> | undefined;
const engine = () => (shared ??= Engine.create({ fs: new MemFs(), loadWasm }));

async function sites(path: string, text: string) {
  const r = await (await engine()).analyze({ path, text });
  return r.calls.map((c) => ({ provider: c.site.provider, api: c.site.api, sdk: c.site.sdk, model: c.site.model, cap: c.site.maxTokens?.value ?? null, batch: c.site.batch }));
}

describe('SDK recognition', () => {
  test('Python: with_options copies, async clients, streaming, beta, batches', async () => {
    const got = await sites(
      '/w/a.py',
      `from anthropic import AsyncAnthropic, Anthropic
import anthropic as ant
c = Anthropic()
ac = AsyncAnthropic()
async def f(q):
    c.with_options(timeout=20).messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[])
    await ac.messages.create(model="claude-haiku-4-5", max_tokens=20, messages=[])
    with c.messages.stream(model="claude-sonnet-4-5", max_tokens=30, messages=[]) as s: pass
    c.beta.messages.create(model="claude-sonnet-4-5", max_tokens=40, messages=[])
    c.messages.batches.create(requests=[{"custom_id": "a", "params": {"model": "claude-haiku-4-5", "max_tokens": 50, "messages": []}}])
    ant.AnthropicBedrock().messages.create(model="anthropic.claude-sonnet-4-5-20250929-v1:0", max_tokens=60, messages=[])
`,
    );
    assert.deepEqual(
      got.map((g) => [g.api, g.model, g.cap, g.provider, g.batch]),
      [
        ['messages.create', 'claude-sonnet-4-5', 10, 'anthropic', false],
        ['messages.create', 'claude-haiku-4-5', 20, 'anthropic', false],
        ['messages.stream', 'claude-sonnet-4-5', 30, 'anthropic', false],
        ['beta.messages.create', 'claude-sonnet-4-5', 40, 'anthropic', false],
        ['messages.batches.create', 'claude-haiku-4-5', 50, 'anthropic', true],
        ['messages.create', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 60, 'bedrock', false],
      ],
    );
  });

  test('Python: OpenAI base_url tells the provider; Azure; module-level client', async () => {
    const got = await sites(
      '/w/b.py',
      `import openai
from openai import OpenAI, AzureOpenAI
ds = OpenAI(base_url="https://api.deepseek.com/v1", api_key="x")
groq = OpenAI(base_url="https://api.groq.com/openai/v1")
az = AzureOpenAI(azure_endpoint="https://x.openai.azure.com")
ds.chat.completions.create(model="deepseek-v4-pro", messages=[], max_tokens=5)
groq.chat.completions.create(model="llama-3.3-70b-versatile", messages=[], max_tokens=6)
az.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=7)
openai.chat.completions.create(model="gpt-4o-mini", messages=[], max_completion_tokens=8)
OpenAI().responses.create(model="gpt-5", input="hi", max_output_tokens=9)
OpenAI().completions.create(model="gpt-3.5-turbo-instruct", prompt="hi", max_tokens=10)
`,
    );
    assert.deepEqual(
      got.map((g) => [g.provider, g.api, g.cap]),
      [
        ['deepseek', 'chat.completions.create', 5],
        ['groq', 'chat.completions.create', 6],
        ['azure', 'chat.completions.create', 7],
        ['openai', 'chat.completions.create', 8],
        ['openai', 'responses.create', 9],
        ['openai', 'completions.create', 10],
      ],
    );
  });

  test('Python: Google (new and old SDK), LiteLLM, LangChain', async () => {
    const got = await sites(
      '/w/c.py',
      `from google import genai
from google.genai import types
import google.generativeai as oldgenai
import litellm
from litellm import completion
from langchain_anthropic import ChatAnthropic
client = genai.Client()
client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(max_output_tokens=11))
oldgenai.GenerativeModel("gemini-1.5-flash", generation_config={"max_output_tokens": 12}).generate_content("hi")
litellm.completion(model="anthropic/claude-sonnet-4-5", messages=[], max_tokens=13)
completion(model="gpt-4o", messages=[])
llm = ChatAnthropic(model="claude-haiku-4-5", max_tokens=14)
`,
    );
    assert.deepEqual(
      got.map((g) => [g.sdk, g.provider, g.model, g.cap]),
      [
        ['google-genai', 'google', 'gemini-2.5-flash', 11],
        ['google-generativeai', 'google', 'gemini-1.5-flash', 12],
        ['litellm', 'anthropic', 'anthropic/claude-sonnet-4-5', 13],
        ['litellm', 'openai', 'gpt-4o', null],
        ['langchain', 'anthropic', 'claude-haiku-4-5', 14],
      ],
    );
  });

  test('TypeScript: Vercel AI SDK providers, createOpenAI baseURL, Google GenAI, LangChain', async () => {
    const got = await sites(
      '/w/d.ts',
      `import { generateText, streamObject } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { GoogleGenAI } from '@google/genai';
import { ChatOpenAI } from '@langchain/openai';
import { GoogleGenerativeAI } from '@google/generative-ai';
const gemini = new GoogleGenerativeAI(process.env.KEY!).getGenerativeModel({ model: 'gemini-1.5-pro', generationConfig: { maxOutputTokens: 18 } });
const groq = createOpenAI({ baseURL: 'https://api.groq.com/openai/v1' });
const ai = new GoogleGenAI({});
export async function f() {
  await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', maxOutputTokens: 15 });
  await streamObject({ model: groq('llama-3.3-70b-versatile'), prompt: 'hi' });
  await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi', config: { maxOutputTokens: 16 } });
  const llm = new ChatOpenAI({ model: 'gpt-4o-mini', maxTokens: 17 });
  await gemini.generateContent('hi');
}
`,
    );
    assert.deepEqual(
      got.map((g) => [g.sdk, g.provider, g.model, g.cap]),
      [
        ['vercel-ai', 'anthropic', 'claude-sonnet-4-5', 15],
        ['vercel-ai', 'groq', 'llama-3.3-70b-versatile', null],
        ['google-genai', 'google', 'gemini-2.5-pro', 16],
        ['langchain', 'openai', 'gpt-4o-mini', 17],
        ['google-generativeai', 'google', 'gemini-1.5-pro', 18],
      ],
    );
  });

  test('unknown-origin clients count only with an unmistakable shape', async () => {
    const got = await sites(
      '/w/e.py',
      `def ask(client, q):
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[])
    client.messages.create(body="hello", to="+1555")
    client.chat.completions.create(model="my-model", messages=[])
    client.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=3)
`,
    );
    assert.deepEqual(got.map((g) => [g.model, g.cap]), [['claude-sonnet-4-5', 5], ['gpt-4o', 3]]);
  });
});
