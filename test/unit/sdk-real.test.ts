/**
 * Recognition regressions from the real-world corpus (test/corpus/real): each case is the minimal
 * shape of a call the engine got wrong on public code, written in the style of sdk.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';

let shared: Promise<Engine> | undefined;
const engine = () => (shared ??= Engine.create({ fs: new MemFs(), loadWasm }));

async function sites(path: string, text: string) {
  const r = await (await engine()).analyze({ path, text });
  return r.calls.map((c) => ({
    line: r.lines.lineOf(c.site.span.start) + 1,
    sdk: c.site.sdk,
    api: c.site.api,
    provider: c.site.provider,
    model: c.site.model,
    cap: c.site.maxTokens?.value ?? null,
  }));
}

describe('SDK recognition on real-world shapes', () => {
  test('a comment or argument that mentions "now"/"random" does not turn an SDK config call into a clock value', async () => {
    // google-gemini examples: `generation_config=genai.types.GenerationConfig(  # Only one candidate for now.`
    const nm = await sites(
      '/w/browser.js',
      `const OpenAI = require("./node_modules/openai");
async function q(question, model = "gpt-4o-mini") {
  const client = new OpenAI({ baseURL: "https://models.inference.ai.azure.com", dangerouslyAllowBrowser: true });
  return client.chat.completions.create({ messages: question, model, max_tokens: 1000 });
}
`,
    );
    assert.deepEqual(nm.map((s) => [s.line, s.sdk, s.cap]), [[4, 'openai', 1000]]);
    const py = await sites(
      '/w/gen.py',
      `import google.generativeai as genai
model = genai.GenerativeModel('gemini-pro')
response = model.generate_content(
    'Tell me a story.',
    generation_config=genai.types.GenerationConfig(
        # Only one candidate for now.
        candidate_count=1,
        max_output_tokens=20,
        temperature=1.0)
)
from google import genai as g2
from google.genai import types
g2.Client().models.generate_content(model="gemini-2.5-flash", contents="x", config=types.GenerateContentConfig(system_instruction="Pick a random word.", max_output_tokens=30))
`,
    );
    assert.deepEqual(py.map((s) => [s.line, s.model, s.cap]), [[3, 'gemini-pro', 20], [13, 'gemini-2.5-flash', 30]]);
    // the same in TypeScript: a provider factory whose options mention the date
    const ts = await sites(
      '/w/gen.ts',
      `import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
const openai = createOpenAI({ baseURL: 'https://api.deepseek.com/v1' /* until the new Date() rollout */ });
await generateText({ model: openai('deepseek-chat'), prompt: 'hi', maxOutputTokens: 40 });
`,
    );
    assert.deepEqual(ts.map((s) => [s.line, s.provider, s.model, s.cap]), [[4, 'deepseek', 'deepseek-chat', 40]]);
    // a provider method whose name reads like user data (`messages`) is still the model factory
    const msgs = await sites(
      '/w/obj.ts',
      `import { streamObject } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
streamObject({ model: anthropic.messages('claude-sonnet-4-5'), schema: s, prompt: 'x', maxOutputTokens: 50 });
`,
    );
    assert.deepEqual(msgs.map((s) => [s.line, s.model, s.cap]), [[3, 'claude-sonnet-4-5', 50]]);
  });

  test('clock, uuid and random calls stay dynamic with their hint', async () => {
    const r = await (await engine()).analyze({
      path: '/w/clock.py',
      text: `import anthropic, datetime, uuid
c = anthropic.Anthropic()
c.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"Today is {datetime.datetime.now().isoformat()} ({uuid.uuid4()})", messages=[])
`,
    });
    const segs = r.calls[0]!.site.blocks[0]!.value.segments.filter((s) => s.kind === 'dynamic');
    assert.deepEqual(segs.map((s) => (s.kind === 'dynamic' ? s.hint : null)), ['time', 'uuid']);
  });

  test('Anthropic: the older per-feature beta namespaces (beta.tools, beta.prompt_caching)', async () => {
    // anthropic-sdk-python examples/tools.py (2024): `client.beta.tools.messages.create(...)`
    const got = await sites(
      '/w/tools.py',
      `from anthropic import Anthropic
client = Anthropic()
client.beta.tools.messages.create(model="claude-3-opus-20240229", max_tokens=1024, messages=[], tools=[])
client.beta.prompt_caching.messages.create(model="claude-3-5-sonnet-20240620", max_tokens=512, messages=[])
with client.beta.tools.messages.stream(model="claude-3-opus-20240229", max_tokens=64, messages=[]) as s: pass
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.api, s.model, s.cap]),
      [
        [3, 'beta.messages.create', 'claude-3-opus-20240229', 1024],
        [4, 'beta.messages.create', 'claude-3-5-sonnet-20240620', 512],
        [5, 'beta.messages.stream', 'claude-3-opus-20240229', 64],
      ],
    );
  });

  test('Python: a client injected with the SDK alias `Client`/`AsyncClient` as its type', async () => {
    // production service: `def __init__(self, openai_client: Client, configuration)` with a dynamic model
    const got = await sites(
      '/w/svc.py',
      `from openai import Client
import anthropic


class LlmCompletionService:
    def __init__(self, openai_client: Client, configuration):
        self.__openai_client = openai_client
        self.__configuration = configuration

    def complete(self, messages, max_tokens: int):
        return self.__openai_client.chat.completions.create(messages=messages, model=self.__configuration.model_name, max_tokens=max_tokens)


async def ask(c: anthropic.AsyncClient, model: str):
    return await c.messages.create(model=model, max_tokens=300, messages=[])
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.model, s.cap]),
      [
        [11, 'openai', null, null],
        [15, 'anthropic', null, 300],
      ],
    );
  });

  test('a look-alike `Client` from another package is still not a call site', async () => {
    const got = await sites(
      '/w/sms.py',
      `from twilio.rest import Client
client = Client("sid", "token")
client.messages.create(from_="+1", body="hi", to="+2")
def send(c: Client):
    c.messages.create(body="x", from_="+1", to="+2")
`,
    );
    assert.deepEqual(got, []);
  });

  test('LiteLLM: Router methods, and a router passed in as a parameter with a known model', async () => {
    // paper-qa: `async def test(router): await router.acompletion("gpt-4o-2024-08-06", [...], stream=True)`
    const got = await sites(
      '/w/router.py',
      `import litellm
from litellm import Router

router = Router(model_list=[])

async def one(r):
    await r.acompletion("gpt-4o-2024-08-06", [{"role": "user", "content": "hi"}], stream=True)

async def two():
    await router.acompletion(model="claude-sonnet-4-5", messages=[], max_tokens=64)
    litellm.Router().completion(model="gpt-4o-mini", messages=[])

def not_llm(r):
    r.completion(model="my-internal-task", messages=[])
    r.completion("done")
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.model, s.cap]),
      [
        [7, 'litellm', 'gpt-4o-2024-08-06', null],
        [10, 'litellm', 'claude-sonnet-4-5', 64],
        [11, 'litellm', 'gpt-4o-mini', null],
      ],
    );
  });

  test('OpenAI (TS): chat.completions.runTools / beta.chat.completions.runTools run a tool loop of chat requests', async () => {
    // openai-node examples/chat-completions/tool-call-helpers.ts: `openai.chat.completions\n    .runTools({...}).on(...)`
    const got = await sites(
      '/w/tools.ts',
      `import OpenAI from 'openai';
const openai = new OpenAI();
const runner = await openai.chat.completions
  .runTools({ model: 'gpt-4-1106-preview', stream: true, tools: [], messages: [{ role: 'user', content: 'hi' }] })
  .on('content', (diff) => process.stdout.write(diff));
await openai.beta.chat.completions.runTools({ model: 'gpt-4o', tools: [], messages: [], max_completion_tokens: 256 });
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.api, s.model, s.cap]),
      [
        [3, 'chat.completions.runTools', 'gpt-4-1106-preview', null],
        [6, 'chat.completions.runTools', 'gpt-4o', 256],
      ],
    );
  });

  test('LangChain: the older import paths (JS langchain/chat_models/openai, Python langchain.chat_models.openai)', async () => {
    // 2023-era LangChain JS apps: `import { ChatOpenAI } from "langchain/chat_models/openai"`
    const ts = await sites(
      '/w/serve.ts',
      `import { ChatOpenAI } from "langchain/chat_models/openai";
import { ChatAnthropic } from "langchain/chat_models/anthropic";
const OPENAI_MODEL = "gpt-3.5-turbo";
export const model = new ChatOpenAI({ modelName: OPENAI_MODEL, temperature: 0 });
export const claude = new ChatAnthropic({ maxTokens: 256 });
`,
    );
    assert.deepEqual(ts.map((s) => [s.line, s.api, s.model, s.cap]), [[4, 'ChatOpenAI', 'gpt-3.5-turbo', null], [5, 'ChatAnthropic', null, 256]]);
    const py = await sites(
      '/w/chain.py',
      `from langchain.chat_models.openai import ChatOpenAI
from langchain_community.chat_models.anthropic import ChatAnthropic
llm = ChatOpenAI(model_name="gpt-4", max_tokens=64)
judge = ChatAnthropic(model="claude-3-haiku-20240307", max_tokens=32)
`,
    );
    assert.deepEqual(py.map((s) => [s.line, s.model, s.cap]), [[3, 'gpt-4', 64], [4, 'claude-3-haiku-20240307', 32]]);
  });

  test('a class from an unrelated "chat_models" package is not a LangChain chat model', async () => {
    const got = await sites('/w/x.ts', `import { ChatOpenAI } from "my-lib/chat_models/openai";\nnew ChatOpenAI({ modelName: "gpt-4o" });\n`);
    assert.deepEqual(got, []);
  });

  test('Google: chat sessions (start_chat().send_message, chats.create().send_message, startChat().sendMessage)', async () => {
    // AI Studio "get code" shape and the new SDK's chat quickstart
    const py = await sites(
      '/w/chat.py',
      `import google.generativeai as genai
from google import genai as g2
model = genai.GenerativeModel(model_name="gemini-1.5-flash", generation_config={"max_output_tokens": 8192})
chat_session = model.start_chat(history=[])
response = chat_session.send_message("INSERT_INPUT_HERE")
client = g2.Client()
chat = client.chats.create(model="gemini-2.0-flash", config={"max_output_tokens": 100})
chat.send_message("I have 2 dogs in my house.")
for chunk in chat.send_message_stream("How many paws?"): pass
`,
    );
    assert.deepEqual(
      py.map((s) => [s.line, s.sdk, s.api, s.model, s.cap]),
      [
        [5, 'google-generativeai', 'GenerativeModel.send_message', 'gemini-1.5-flash', 8192],
        [8, 'google-genai', 'chats.send_message', 'gemini-2.0-flash', 100],
        [9, 'google-genai', 'chats.send_message_stream', 'gemini-2.0-flash', 100],
      ],
    );
    const ts = await sites(
      '/w/chat.ts',
      `import { GoogleGenAI } from "@google/genai";
import { GoogleGenerativeAI } from "@google/generative-ai";
const ai = new GoogleGenAI({});
const chat = ai.chats.create({ model: "gemini-2.5-flash", config: { maxOutputTokens: 300 } });
await chat.sendMessage({ message: "hello" });
const model = new GoogleGenerativeAI("key").getGenerativeModel({ model: "gemini-1.5-flash", generationConfig: { maxOutputTokens: 64 } });
await model.startChat({ history: [] }).sendMessage("hi");
class Room { sendMessage(text: string) {} }
new Room().sendMessage("not an LLM");
`,
    );
    assert.deepEqual(ts.map((s) => [s.line, s.api, s.model, s.cap]), [[5, 'chats.send_message', 'gemini-2.5-flash', 300], [7, 'GenerativeModel.send_message', 'gemini-1.5-flash', 64]]);
  });

  test('Anthropic: the tool-runner helpers (beta.messages.tool_runner / toolRunner) loop messages.create', async () => {
    const py = await sites(
      '/w/runner.py',
      `from anthropic import Anthropic
client = Anthropic()
runner = client.beta.messages.tool_runner(max_tokens=1024, model="claude-3-5-sonnet-latest", tools=[], messages=[])
`,
    );
    const ts = await sites(
      '/w/runner.ts',
      `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
const message = await client.beta.messages.toolRunner({ messages: [], tools: [], model: 'claude-3-5-sonnet-latest', max_tokens: 512, max_iterations: 10 });
`,
    );
    assert.deepEqual([...py, ...ts].map((s) => [s.line, s.api, s.model, s.cap]), [[3, 'beta.messages.tool_runner', 'claude-3-5-sonnet-latest', 1024], [3, 'beta.messages.tool_runner', 'claude-3-5-sonnet-latest', 512]]);
  });

  test('OpenAI: the pre-1.0 SDKs (Python openai.ChatCompletion.create, Node v3 OpenAIApi.createChatCompletion)', async () => {
    const py = await sites(
      '/w/v0.py',
      `import openai
openai.api_key = "x"
r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=5)
c = openai.Completion.create(engine="text-davinci-003", prompt="hi", max_tokens=6)
e = openai.Embedding.create(model="text-embedding-ada-002", input="x")
async def f():
    await openai.ChatCompletion.acreate(model="gpt-4", messages=[])
`,
    );
    assert.deepEqual(
      py.map((s) => [s.line, s.api, s.model, s.cap]),
      [
        [3, 'chat.completions.create', 'gpt-3.5-turbo', 5],
        [4, 'completions.create', 'text-davinci-003', 6],
        [7, 'chat.completions.create', 'gpt-4', null],
      ],
    );
    const js = await sites(
      '/w/v3.js',
      `const { Configuration, OpenAIApi } = require("openai");
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
await openai.createChatCompletion({ model: "gpt-3.5-turbo", messages: [{ role: "user", content: "Hello" }], max_tokens: 7 });
await openai.createCompletion("text-davinci-001", { prompt: "Say this is a test", max_tokens: 5 });
await openai.createEmbedding({ model: "text-embedding-ada-002", input: "x" });
async function createChatCompletion() {}
createChatCompletion();
`,
    );
    assert.deepEqual(js.map((s) => [s.line, s.api, s.model, s.cap]), [[3, 'chat.completions.create', 'gpt-3.5-turbo', 7], [4, 'completions.create', 'text-davinci-001', 5]]);
  });

  test('Anthropic: the legacy Text Completions API (completions.create with max_tokens_to_sample)', async () => {
    const got = await sites(
      '/w/legacy.py',
      `import anthropic
from anthropic import Anthropic
client = Anthropic()
res = client.completions.create(model="claude-2.1", prompt=f"{anthropic.HUMAN_PROMPT} hi {anthropic.AI_PROMPT}", max_tokens_to_sample=1000)
`,
    );
    assert.deepEqual(got.map((s) => [s.line, s.sdk, s.api, s.model, s.cap]), [[4, 'anthropic', 'completions.create', 'claude-2.1', 1000]]);
  });

  test('Python: a client patched by instructor / LangSmith (instructor.patch(OpenAI()), wrap_openai(...)) is still the SDK client', async () => {
    const got = await sites(
      '/w/patched.py',
      `import openai
import instructor
from anthropic import Anthropic
from langsmith.wrappers import wrap_openai
client = instructor.patch(openai.OpenAI())
client.chat.completions.create(model="gpt-3.5-turbo", response_model=T, messages=[], max_tokens=100)
claude = instructor.from_anthropic(Anthropic())
claude.messages.create(model="claude-sonnet-4-5", max_tokens=200, messages=[], response_model=T)
traced = wrap_openai(openai.OpenAI())
traced.chat.completions.create(model="gpt-4o", messages=[])
other = instructor.patch(make_client())
other.chat.completions.create(model="my-model", messages=[])
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.model, s.cap]),
      [
        [6, 'openai', 'gpt-3.5-turbo', 100],
        [8, 'anthropic', 'claude-sonnet-4-5', 200],
        [10, 'openai', 'gpt-4o', null],
      ],
    );
  });
  test('Vercel AI SDK 3.0: ai/core functions with ai/provider classes (new OpenAI().chat(...))', async () => {
    // vercel/ai examples/ai-core/src/stream-text/openai.ts and stream-object/openai.ts at the 3.0 releases
    const got = await sites(
      '/w/legacy-ai.ts',
      `import { streamText, streamObject } from 'ai/core';
import { OpenAI, Mistral } from 'ai/provider';
const openai = new OpenAI();
const mistral = new Mistral();
const a = await streamText({ model: openai.chat('gpt-3.5-turbo'), maxTokens: 512, prompt: 'Hi' });
const b = await streamObject({ model: mistral.chat('mistral-small'), schema, prompt: 'Hi' });
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.api, s.provider, s.model, s.cap]),
      [
        [5, 'vercel-ai', 'streamText', 'openai', 'gpt-3.5-turbo', 512],
        [6, 'vercel-ai', 'streamObject', 'mistral', 'mistral-small', null],
      ],
    );
  });
  test('Python: a client assigned in both branches of an if, from the same SDK', async () => {
    // Unseen application code: `if key: self.client = AsyncOpenAI(api_key=key) else: …(api_key=os.getenv(…))`
    const got = await sites(
      '/w/branches.py',
      `import os
from openai import AsyncOpenAI, AzureOpenAI


class LLM:
    def __init__(self, key, azure):
        if azure:
            self.client = AzureOpenAI(api_key=key)
        elif key:
            self.client = AsyncOpenAI(api_key=key)
        else:
            self.client = AsyncOpenAI(api_key=os.getenv("OPENAI_API_KEY"))
        if key:
            self.system = "You are terse."
        else:
            self.system = "You are chatty."

    async def ask(self, prompt):
        return await self.client.chat.completions.create(
            model="gpt-4o-mini", max_tokens=1024, messages=[{"role": "system", "content": self.system}, {"role": "user", "content": prompt}])
`,
    );
    assert.deepEqual(got.map((s) => [s.line, s.sdk, s.model, s.cap]), [[19, 'openai', 'gpt-4o-mini', 1024]]);
    // The prompt assigned in both branches stays dynamic: only clients are merged.
    const e = await engine();
    const r = await e.analyze({ path: '/w/branches2.py', text: `import anthropic\n\nif True:\n    c = anthropic.Anthropic()\n    SYSTEM = "A"\nelse:\n    c = anthropic.AnthropicBedrock()\n    SYSTEM = "B"\nc.messages.create(model="claude-sonnet-4-5", max_tokens=9, system=SYSTEM, messages=[])\n` });
    assert.equal(r.calls.length, 1);
    assert.equal(r.calls[0]!.dynamicInput, true, 'SYSTEM is "A" or "B": dynamic');
  });

  test('Python: a client (and model) unpacked from a tuple a factory returns', async () => {
    const got = await sites(
      '/w/factory.py',
      `from openai import OpenAI


def get_client():
    return OpenAI(), "gpt-4o-mini"


def _load_genai():
    from google import genai
    from google.genai import types
    return genai, types


def gemini():
    genai, _ = _load_genai()
    return genai.Client()


def classify(text):
    client, model_name = get_client()
    client.chat.completions.create(model=model_name, max_tokens=50, messages=[{"role": "user", "content": text}])
    return gemini().models.generate_content(model="gemini-2.5-flash", contents=text)
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.model, s.cap]),
      [
        [21, 'openai', 'gpt-4o-mini', 50],
        [22, 'google-genai', 'gemini-2.5-flash', null],
      ],
    );
  });

  test('Python: drop-in tracing wrappers (langfuse.openai) and instructor\'s client.create', async () => {
    const got = await sites(
      '/w/traced.py',
      `from langfuse.openai import openai
from langfuse.openai import AsyncOpenAI
import instructor
from openai import OpenAI

a = openai.OpenAI()
b = AsyncOpenAI()
ic = instructor.from_openai(OpenAI())
a.chat.completions.create(model="gpt-4o-mini", max_tokens=256, messages=[])
b.chat.completions.create(model="gpt-4o-mini", max_tokens=256, messages=[])
openai.chat.completions.create(model="gpt-4o-mini", max_tokens=256, messages=[])
ic.create(model="gpt-4o-mini", messages=[], response_model=None)
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.api, s.model, s.cap]),
      [
        [9, 'chat.completions.create', 'gpt-4o-mini', 256],
        [10, 'chat.completions.create', 'gpt-4o-mini', 256],
        [11, 'chat.completions.create', 'gpt-4o-mini', 256],
        [12, 'chat.completions.create', 'gpt-4o-mini', null],
      ],
    );
  });
  test('TypeScript: a client from a factory function imported from another workspace module', async () => {
    // Unseen Next.js route: `import { getAIClient } from "./lib/aiClient"; const client = getAIClient("signals")`.
    const files = {
      '/w/lib/aiClient.ts': `import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
export function getAIClient(purpose: string): Anthropic {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
}
let cached: OpenAI | null = null;
export const getOpenAI = () => {
  if (!cached) cached = new OpenAI();
  return cached;
};
export function notAFactory() {
  return { messages: { create: (x: unknown) => x } };
}
`,
    };
    const e = await Engine.create({ fs: new MemFs(files), loadWasm });
    const text = `import { getAIClient, getOpenAI, notAFactory } from "./lib/aiClient";
const client = getAIClient("signals");
export async function POST() {
  await getOpenAI().chat.completions.create({ model: "gpt-4o-mini", max_tokens: 100, messages: [] });
  await notAFactory().messages.create({ model: "claude-haiku-4-5", max_tokens: 5, messages: [] });
  return client.messages.stream({ model: "claude-haiku-4-5-20251001", max_tokens: 200, messages: [] }).finalMessage();
}
`;
    const r = await e.analyze({ path: '/w/route.ts', text });
    assert.deepEqual(
      r.calls.map((c) => [r.lines.lineOf(c.site.span.start) + 1, c.site.api, c.site.model, c.site.maxTokens?.value ?? null]),
      [
        [4, 'chat.completions.create', 'gpt-4o-mini', 100],
        [6, 'messages.stream', 'claude-haiku-4-5-20251001', 200],
      ],
    );
  });
  test('a client imported from a project module that cannot be followed: only the unmistakable shape counts', async () => {
    // The module is not in the workspace: origin unknown, like a parameter's.
    const ts = await sites(
      '/w/route2.ts',
      `import { getAIClient } from "./lib/missing";
import { openai, AGENT_MODEL } from "./ai";
import { sms } from "./twilio";
const client = getAIClient("signals");
export async function POST() {
  await client.messages.stream({ model: "claude-haiku-4-5-20251001", max_tokens: 200, messages: [] });
  await openai.chat.completions.create({ model: AGENT_MODEL, messages: [] });
  await sms.messages.create({ body: "hi", to: "+1555", from: "+1666" });
}
`,
    );
    assert.deepEqual(ts.map((s) => [s.line, s.api, s.model, s.cap]), [[6, 'messages.stream', 'claude-haiku-4-5-20251001', 200]]);
    const py = await sites(
      '/w/pkg/views.py',
      `from .llm import client, twilio


def ask(q):
    client.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[])
    twilio.messages.create(body="hi", to="+1555")
`,
    );
    assert.deepEqual(py.map((s) => [s.line, s.api, s.model]), [[5, 'messages.create', 'claude-sonnet-4-5']]);
  });
  test('Python: clients of two SDKs behind one attribute or getter, and Any / Protocol hints: unknown origin, unmistakable shape', async () => {
    const got = await sites(
      '/w/judge.py',
      `from typing import Any, Protocol
import anthropic
import openai


class Gen:
    def __init__(self, backend):
        self.backend = backend
        if backend == "claude":
            self._client = anthropic.Anthropic()
        else:
            self._client = openai.OpenAI()

    def _get_client(self):
        return self._client

    def run(self):
        self._client.messages.create(model="claude-sonnet-4-20250514", max_tokens=128, messages=[])
        client = self._get_client()
        return client.chat.completions.create(model="gpt-4o", messages=[])


class GeminiClient(Protocol):
    def generate(self, prompt: str) -> str: ...


class Fake:
    def create(self, **kw):
        return kw


def ask(prompt, client: Any, g: GeminiClient, fake: Fake):
    client.chat.completions.create(model="gpt-4o-mini", messages=[])
    g.models.generate_content(model="gemini-2.5-flash", contents=prompt)
    return fake.create(model="gpt-4o", messages=[])
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.api, s.model]),
      [
        [18, 'messages.create', 'claude-sonnet-4-20250514'],
        [20, 'chat.completions.create', 'gpt-4o'],
        [33, 'chat.completions.create', 'gpt-4o-mini'],
        [34, 'models.generate_content', 'gemini-2.5-flash'],
      ],
    );
  });
  test('Gemini: a config passed in from elsewhere may hold the cap: no missing-max-tokens, no second config= fix', async () => {
    const e = await engine();
    const r = await e.analyze({
      path: '/w/gcfg.py',
      text: `from google import genai
from google.genai import types

client = genai.Client()


def generate(contents, config: types.GenerateContentConfig | None = None):
    return client.models.generate_content(model="gemini-2.5-flash", contents=contents, config=config)


def generate2(contents):
    return client.models.generate_content(model="gemini-2.5-flash", contents=contents)
`,
    });
    assert.equal(r.calls.length, 2);
    const missing = r.findings.filter((f) => f.ruleId === 'missing-max-tokens');
    assert.deepEqual(missing.map((f) => r.lines.lineOf(f.span.start) + 1), [12]);
  });
  test('TypeScript: a Gemini chat session typed Chat, and an AI SDK model from a local helper', async () => {
    const got = await sites(
      '/w/gemini-chat.ts',
      `import { GoogleGenAI, Chat } from "@google/genai";
import { generateText } from "ai";
import { createAnthropic } from "@ai-sdk/anthropic";
const ai = new GoogleGenAI({ apiKey: process.env.API_KEY });
export const createScriptChat = (model: string): Chat => ai.chats.create({ model });
export const next = async (chat: Chat, prompt: string) => (await chat.sendMessage({ message: prompt })).text;
const getAnthropicModel = (apiKey: string) => {
  const anthropic = createAnthropic({ apiKey });
  return anthropic("claude-3-5-sonnet-20240620");
};
export const ask = async (prompt: string) => generateText({ model: getAnthropicModel(process.env.KEY || ""), prompt });
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.api, s.provider, s.model]),
      [
        [6, 'chats.send_message', 'google', null],
        [11, 'generateText', 'anthropic', 'claude-3-5-sonnet-20240620'],
      ],
    );
  });
  test('Python: one client variable for several SDKs (per backend) with the model from config: each call goes to the SDK that has it', async () => {
    const got = await sites(
      '/w/labels.py',
      `class MemoryLabelGenerator:
    def __init__(self, config):
        self.config = config
        self._client = None

    def _get_client(self):
        if self._client is not None:
            return self._client
        if self.config.backend == "mock":
            return None
        elif self.config.backend == "claude":
            import anthropic

            self._client = anthropic.Anthropic()
        elif self.config.backend == "openai":
            import openai

            self._client = openai.OpenAI(base_url=self.config.base_url)
        return self._client

    def generate(self, prompt):
        client = self._get_client()
        if self.config.backend == "claude":
            return client.messages.create(model=self.config.model, max_tokens=self.config.max_tokens, messages=[{"role": "user", "content": prompt}])
        return client.chat.completions.create(model=self.config.model, messages=[{"role": "user", "content": prompt}])
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.api, s.model]),
      [
        [24, 'anthropic', 'messages.create', null],
        [25, 'openai', 'chat.completions.create', null],
      ],
    );
  });
  test('TypeScript: this.client set to clients of two SDKs per provider', async () => {
    const got = await sites(
      '/w/judge.ts',
      `import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export class Judge {
  private client: any;
  constructor(private provider: string, private model: string) {
    if (provider === 'anthropic') this.client = new Anthropic();
    else this.client = new OpenAI();
  }
  async run(prompt: string) {
    if (this.provider === 'anthropic') return this.client.messages.create({ model: this.model, max_tokens: 100, messages: [] });
    return this.client.chat.completions.create({ model: this.model, messages: [] });
  }
}
`,
    );
    assert.deepEqual(got.map((s) => [s.line, s.sdk, s.api]), [[11, 'anthropic', 'messages.create'], [12, 'openai', 'chat.completions.create']]);
  });
  test('Deno npm:/URL specifiers, class-method singletons, and a client imported from a module we cannot see', async () => {
    // Third blind run: Supabase edge functions, a static getInstance() singleton, `from clients import anthropic_client`.
    const ts = await sites(
      '/w/edge.ts',
      `import { OpenAI } from "npm:openai@4.8.0";
import Anthropic from "https://esm.sh/@anthropic-ai/sdk@0.20.0";
import OpenAI2 from "https://deno.land/x/openai@v4.24.0/mod.ts";
class Holder {
  private static instance: Anthropic;
  public static getInstance(): Anthropic {
    if (!Holder.instance) Holder.instance = new Anthropic();
    return Holder.instance;
  }
}
export const a = new OpenAI().chat.completions.create({ model: "gpt-3.5-turbo", messages: [] });
export const b = new OpenAI2().chat.completions.create({ model: "gpt-3.5-turbo", messages: [] });
export const c = Holder.getInstance().messages.create({ model: "claude-3-5-sonnet-20241022", max_tokens: 8192, messages: [] });
`,
    );
    assert.deepEqual(
      ts.map((s) => [s.line, s.sdk, s.api, s.cap]),
      [
        [11, 'openai', 'chat.completions.create', null],
        [12, 'openai', 'chat.completions.create', null],
        [13, 'anthropic', 'messages.create', 8192],
      ],
    );
    const py = await sites(
      '/w/gen.py',
      `from clients import anthropic_client
from twilio.rest import Client

tw = Client("sid", "tok")


def generate_response(prompt):
    tw.messages.create(to="+1555", from_="+1666", body=prompt)
    return anthropic_client.messages.create(model="claude-sonnet-4-5", max_tokens=16384, messages=[])
`,
    );
    assert.deepEqual(py.map((s) => [s.line, s.api, s.cap]), [[9, 'messages.create', 16384]]);
  });
  test('TypeScript: a singleton class imported from another module (export default)', async () => {
    const files = {
      '/w/utils/getAnthropicClient.ts': `import Anthropic from '@anthropic-ai/sdk';
class AnthropicClient {
  private static instance: Anthropic;
  private constructor() {}
  public static getInstance(): Anthropic {
    if (!AnthropicClient.instance) AnthropicClient.instance = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY! });
    return AnthropicClient.instance;
  }
}
export default AnthropicClient;
`,
    };
    const e = await Engine.create({ fs: new MemFs(files), loadWasm });
    const r = await e.analyze({
      path: '/w/actions/callAnthropic.ts',
      text: `import AnthropicClient from '../utils/getAnthropicClient';
export async function callAnthropic(prompt: string) {
  const client = AnthropicClient.getInstance();
  return client.messages.create({ model: process.env.MODEL!, max_tokens: 8192, messages: [{ role: 'user', content: prompt }] });
}
`,
    });
    assert.deepEqual(r.calls.map((c) => [r.lines.lineOf(c.site.span.start) + 1, c.site.sdk, c.site.maxTokens?.value ?? null]), [[4, 'anthropic', 8192]]);
  });
  test('Python: clients kept in a dict literal, by static key, dynamic key or .get()', async () => {
    // Fourth blind run: a riddle generator keeping one client per provider in a dict.
    const got = await sites(
      '/w/riddles.py',
      `import anthropic
from openai import OpenAI
import google.generativeai as genai

CLIENTS = {"openai": OpenAI(), "anthropic": anthropic.Anthropic()}


class Riddles:
    def __init__(self):
        self.clients = {"openai": OpenAI(), "anthropic": anthropic.Anthropic(), "google": genai.GenerativeModel(model_name="gemini-1.5-flash")}

    def run(self, provider, p):
        CLIENTS["openai"].chat.completions.create(model="gpt-4o-mini", messages=[])
        self.clients["google"].generate_content(p)
        client = self.clients.get(provider)
        if provider == "anthropic":
            return client.messages.create(model=self.model, max_tokens=10, messages=[])
        return self.clients[provider].chat.completions.create(model=self.model, messages=[])
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.api, s.model]),
      [
        [13, 'openai', 'chat.completions.create', 'gpt-4o-mini'],
        [14, 'google-generativeai', 'GenerativeModel.generate_content', 'gemini-1.5-flash'],
        [17, 'anthropic', 'messages.create', null],
        [18, 'openai', 'chat.completions.create', null],
      ],
    );
  });
  test('Python: a dict of clients filled per provider in a factory method', async () => {
    const got = await sites(
      '/w/riddles2.py',
      `import os
from anthropic import Anthropic
from openai import OpenAI


class Riddles:
    def __init__(self, config):
        self.config = config
        self.clients = self._initialize_clients()

    def _initialize_clients(self):
        clients = {}
        for config in self.config["llm_configs"]:
            provider = config["provider"]
            if provider == "anthropic":
                clients[provider] = Anthropic(api_key=os.getenv("A"))
            elif provider == "openai":
                clients[provider] = OpenAI(api_key=os.getenv("O"))
        return clients

    def ask(self, provider, model, prompt):
        if provider == "anthropic":
            return self.clients[provider].messages.create(model=model, max_tokens=300, messages=[])
        client = self.clients.get(provider)
        return client.chat.completions.create(model=model, messages=[])
`,
    );
    assert.deepEqual(got.map((s) => [s.line, s.sdk, s.cap]), [[23, 'anthropic', 300], [25, 'openai', null]]);
  });
  test('Python: calls handed to asyncio.to_thread, functools.partial and run_in_executor', async () => {
    const got = await sites(
      '/w/thread.py',
      `import asyncio
import functools
from functools import partial
from litellm import acompletion
from openai import OpenAI

client = OpenAI()
chat = partial(acompletion, model="gpt-4o-mini", max_tokens=200)


async def run(msgs):
    a = await asyncio.to_thread(client.chat.completions.create, model="gpt-4o-mini", messages=msgs)
    loop = asyncio.get_running_loop()
    b = await loop.run_in_executor(None, functools.partial(client.chat.completions.create, model="gpt-4o", max_tokens=50, messages=msgs))
    return a, b, await chat(messages=msgs)


def not_llm(x):
    return asyncio.to_thread(print, x)
`,
    );
    assert.deepEqual(
      got.map((s) => [s.line, s.sdk, s.model, s.cap]),
      [
        [8, 'litellm', 'gpt-4o-mini', 200],
        [12, 'openai', 'gpt-4o-mini', null],
        [14, 'openai', 'gpt-4o', 50],
      ],
    );
  });
});
