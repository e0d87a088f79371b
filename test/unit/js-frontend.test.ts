import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyInsert, arg, hasErrorNode, pathOf, render } from './js/harness';
import type { Language } from '../../src/core/types';

const LANGS: Array<{ lang: Language; file: string }> = [
  { lang: 'typescript', file: '/ws/src/app.ts' },
  { lang: 'tsx', file: '/ws/src/app.tsx' },
  { lang: 'javascript', file: '/ws/src/app.js' },
];

describe('js front end: provenance', () => {
  for (const { lang, file } of LANGS) {
    test(`default, named, aliased and namespace imports (${lang})`, async () => {
      const a = await analyze(
        {
          [file]: `import OpenAI from 'openai';
import { OpenAI as O2, AzureOpenAI as Az } from 'openai';
import * as ai from 'ai';
import Anthropic, { toFile } from '@anthropic-ai/sdk';
const client = new OpenAI({ baseURL: 'https://api.deepseek.com/v1' });
client.chat.completions.create({ model: 'deepseek-chat', messages: [] });
new O2().responses.create({ model: 'gpt-5' });
const az = new Az();
az.chat.completions.create({ model: 'gpt-4o' });
ai.generateText({ model: 'x', prompt: 'hi' });
const anthropic = new Anthropic();
anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] });
toFile(buf);
`,
        },
        file,
        lang,
      );
      const c1 = a.find('client.chat');
      assert.equal(c1.callee.module, 'openai');
      assert.equal(c1.callee.origin, 'import');
      assert.deepEqual(pathOf(c1.callee), ['default', '()', 'chat', 'completions', 'create']);
      const ctor = c1.callee.path[1] as { call: { named: { entries: Array<{ key: string; value: unknown }> } } };
      assert.equal(render(ctor.call.named.entries[0]!.value as never), 'https://api.deepseek.com/v1');
      assert.deepEqual(pathOf(a.find('new O2().responses').callee), ['OpenAI', '()', 'responses', 'create']);
      assert.deepEqual(pathOf(a.find('az.chat').callee), ['AzureOpenAI', '()', 'chat', 'completions', 'create']);
      const g = a.find('ai.generateText');
      assert.deepEqual([g.callee.module, ...pathOf(g.callee)], ['ai', 'generateText']);
      const m = a.find('anthropic.messages');
      assert.equal(m.callee.module, '@anthropic-ai/sdk');
      assert.deepEqual(pathOf(m.callee), ['default', '()', 'messages', 'create']);
      assert.deepEqual(pathOf(a.find('toFile').callee), ['toFile']);
      assert.equal(a.find('new OpenAI').isNew, true);
      assert.equal(c1.isNew, false);
      assert.equal(a.src(c1.calleeSpan), 'client.chat.completions.create');
    });
  }

  test('require forms and dynamic import', async () => {
    const file = '/ws/a.cjs';
    const a = await analyze(
      {
        [file]: `const OpenAI = require('openai');
const { OpenAI: Named } = require('openai');
const Default = require('openai').default;
const o1 = new OpenAI();
o1.chat.completions.create({ model: 'a' });
new Named().chat.completions.create({ model: 'b' });
new Default().chat.completions.create({ model: 'c' });
async function f() {
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  const c = new Anthropic();
  await c.messages.create({ model: 'd' });
  const mod = await import('openai');
  await new mod.OpenAI().responses.create({ model: 'e' });
}
`,
      },
      file,
    );
    assert.deepEqual(pathOf(a.find('o1.chat').callee), ['()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('new Named()').callee), ['OpenAI', '()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('new Default()').callee), ['default', '()', 'chat', 'completions', 'create']);
    const c = a.find('c.messages');
    assert.equal(c.callee.module, '@anthropic-ai/sdk');
    assert.deepEqual(pathOf(c.callee), ['default', '()', 'messages', 'create']);
    assert.deepEqual(pathOf(a.find('new mod.OpenAI()').callee), ['OpenAI', '()', 'responses', 'create']);
    // require(...) itself is not a candidate
    assert.equal(a.all('require(').length, 0);
  });

  test('scopes: shadowing by a parameter and a block binding', async () => {
    const file = '/ws/s.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
const client = new OpenAI();
function f(client) { return client.chat.completions.create({ model: 'x' }); }
function g() { { const client = { chat: { completions: { create() {} } } }; client.chat.completions.create({}); } client.chat.completions.create({ model: 'y' }); }
`,
      },
      file,
    );
    const inF = a.find('client.chat.completions.create({ model: \'x\'');
    assert.equal(inF.callee.origin, 'param');
    assert.equal(inF.callee.module, null);
    assert.equal(inF.callee.root, 'client');
    assert.deepEqual(pathOf(inF.callee), ['chat', 'completions', 'create']);
    const local = a.find('client.chat.completions.create({})');
    assert.equal(local.callee.origin, 'local');
    const outer = a.find("client.chat.completions.create({ model: 'y'");
    assert.equal(outer.callee.origin, 'import');
  });

  test('class fields, constructor parameter properties and this.x assignments', async () => {
    const file = '/ws/svc.ts';
    const a = await analyze(
      {
        [file]: `import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
class A {
  private client = new Anthropic();
  static shared = new OpenAI();
  run() { return this.client.messages.create({ model: 'm', max_tokens: 1 }); }
}
class B {
  constructor(private readonly openai: OpenAI, public ai: GoogleGenAI) {}
  run() { this.openai.chat.completions.create({ model: 'gpt-4o' }); this.ai.models.generateContent({ model: 'gemini-2.5-flash' }); }
}
class C {
  constructor() { this.init(); }
  init() { this.llm = new OpenAI({ apiKey: 'k' }); }
  go = async () => this.llm.responses.create({ model: 'gpt-5' });
}
class D { run() { this.unknown.messages.create({ model: 'q' }); } }
class E {
  static client = new Anthropic();
  static async run() { return E.client.messages.create({ model: 's' }); }
}
`,
      },
      file,
    );
    assert.deepEqual(pathOf(a.find('this.client.messages').callee), ['default', '()', 'messages', 'create']);
    const o = a.find('this.openai.chat');
    assert.equal(o.callee.module, 'openai');
    assert.deepEqual(pathOf(o.callee), ['default', '()', 'chat', 'completions', 'create']);
    const g = a.find('this.ai.models');
    assert.equal(g.callee.module, '@google/genai');
    assert.deepEqual(pathOf(g.callee), ['GoogleGenAI', '()', 'models', 'generateContent']);
    assert.deepEqual(pathOf(a.find('this.llm.responses').callee), ['default', '()', 'responses', 'create']);
    assert.deepEqual([a.find('E.client').callee.module, ...pathOf(a.find('E.client').callee)], ['@anthropic-ai/sdk', 'default', '()', 'messages', 'create']);
    const u = a.find('this.unknown');
    assert.equal(u.callee.origin, 'param');
    assert.equal(u.callee.root, 'this.unknown');
    assert.deepEqual(pathOf(u.callee), ['messages', 'create']);
  });

  test('parameters typed with imported types resolve to instances', async () => {
    const file = '/ws/p.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
import type Anthropic from '@anthropic-ai/sdk';
export async function a(client: OpenAI) { return client.chat.completions.create({ model: 'x' }); }
export async function b(client: Anthropic) { return client.messages.create({ model: 'y' }); }
export const c = async (client: InstanceType<typeof OpenAI>) => client.responses.create({ model: 'z' });
export async function d(client: OpenAI | null) { return client!.chat.completions.create({ model: 'w' }); }
`,
      },
      file,
    );
    const ca = a.find('client.chat.completions.create({ model: \'x\'');
    assert.equal(ca.callee.origin, 'import');
    assert.deepEqual(pathOf(ca.callee), ['default', '()', 'chat', 'completions', 'create']);
    const call = ca.callee.path[1] as { call: { positional: unknown[] } };
    assert.deepEqual(call.call.positional, []);
    assert.equal(a.find('client.messages').callee.module, '@anthropic-ai/sdk');
    assert.deepEqual(pathOf(a.find('client.responses').callee), ['default', '()', 'responses', 'create']);
    assert.equal(a.find('client!.chat').callee.module, 'openai');
  });

  test('destructuring and chains', async () => {
    const file = '/ws/d.js';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
const openai = new OpenAI();
const { chat: { completions } } = openai;
completions.create({ model: 'a' });
const c = openai.chat.completions;
c.create({ model: 'b' });
const { messages } = openai.beta;
messages.create({ model: 'c' });
`,
      },
      file,
    );
    assert.deepEqual(pathOf(a.find('completions.create').callee), ['default', '()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('c.create').callee), ['default', '()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('messages.create').callee), ['default', '()', 'beta', 'messages', 'create']);
  });

  test('traps: Twilio keeps its module, local objects are local', async () => {
    const file = '/ws/t.ts';
    const a = await analyze(
      {
        [file]: `import twilio from 'twilio';
import { WebClient } from '@slack/web-api';
import Stripe from 'stripe';
const client = twilio(process.env.SID, process.env.TOKEN);
client.messages.create({ body: 'Your code is 1234', to, from });
const slack = new WebClient(token);
slack.chat.postMessage({ channel: 'c', text: 'hi' });
const stripe = new Stripe(key);
stripe.charges.create({ amount: 1 });
const store = { messages: { create(x: unknown) { return x; } } };
store.messages.create({ model: 'claude-sonnet-4-5' });
class Repo { messages = { create: (x: unknown) => x }; }
const repo = new Repo();
repo.messages.create({ model: 'gpt-4o' });
`,
      },
      file,
    );
    const tw = a.find('client.messages');
    assert.equal(tw.callee.module, 'twilio');
    assert.deepEqual(pathOf(tw.callee), ['default', '()', 'messages', 'create']);
    assert.equal(render(arg(tw, 'body')), 'Your code is 1234');
    assert.equal(a.find('slack.chat').callee.module, '@slack/web-api');
    assert.equal(a.find('stripe.charges').callee.module, 'stripe');
    const s = a.find('store.messages');
    assert.equal(s.callee.origin, 'local');
    assert.equal(s.callee.root, 'store');
    assert.equal(a.find('repo.messages').callee.origin, 'local');
  });

  test('LangChain constructors and Vercel AI SDK provider factories', async () => {
    const file = '/ws/v.ts';
    const a = await analyze(
      {
        [file]: `import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, streamText } from 'ai';
import { anthropic, createAnthropic } from '@ai-sdk/anthropic';
import { openai, createOpenAI } from '@ai-sdk/openai';
import { google } from '@ai-sdk/google';
const llm = new ChatAnthropic({ model: 'claude-haiku-4-5', maxTokens: 256 });
await llm.invoke('hi');
new ChatOpenAI({ model: 'gpt-4o' });
const groq = createOpenAI({ baseURL: 'https://api.groq.com/openai/v1' });
await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'a' });
await generateText({ model: openai.responses('gpt-5'), prompt: 'b' });
await streamText({ model: groq('llama-3.3-70b-versatile'), prompt: 'c' });
await generateText({ model: google('gemini-2.5-pro'), prompt: 'd' });
const claude = createAnthropic({ apiKey: 'k' });
await generateText({ model: claude('claude-opus-4-1'), prompt: 'e' });
`,
      },
      file,
    );
    const l = a.find('new ChatAnthropic');
    assert.equal(l.callee.module, '@langchain/anthropic');
    assert.deepEqual(pathOf(l.callee), ['ChatAnthropic']);
    assert.equal((arg(l, 'maxTokens') as { value: number }).value, 256);
    assert.deepEqual(pathOf(a.find('llm.invoke').callee), ['ChatAnthropic', '()', 'invoke']);
    assert.equal(a.find('new ChatOpenAI').callee.module, '@langchain/openai');
    const g1 = arg(a.find("generateText({ model: anthropic("), 'model');
    assert.equal(g1?.t, 'call');
    if (g1?.t === 'call') {
      assert.equal(g1.callee.module, '@ai-sdk/anthropic');
      assert.deepEqual(pathOf(g1.callee), ['anthropic']);
      assert.equal(render(g1.args.positional[0]), 'claude-sonnet-4-5');
    }
    const g2 = arg(a.find('generateText({ model: openai.responses'), 'model');
    assert.ok(g2?.t === 'call' && pathOf(g2.callee).join('.') === 'openai.responses');
    const g3 = arg(a.find('streamText'), 'model');
    assert.equal(g3?.t, 'call');
    if (g3?.t === 'call') {
      assert.deepEqual(pathOf(g3.callee), ['createOpenAI', '()']);
      const cfg = (g3.callee.path[1] as unknown as { call: { named: { entries: Array<{ key: string; value: never }> } } }).call.named.entries;
      assert.equal(cfg[0]!.key, 'baseURL');
      assert.equal(render(cfg[0]!.value), 'https://api.groq.com/openai/v1');
      assert.equal(render(g3.args.positional[0]), 'llama-3.3-70b-versatile');
    }
    const g4 = arg(a.find("generateText({ model: google("), 'model');
    assert.ok(g4?.t === 'call' && g4.callee.module === '@ai-sdk/google');
    const g5 = arg(a.find("generateText({ model: claude("), 'model');
    assert.ok(g5?.t === 'call' && pathOf(g5.callee).join('.') === 'createAnthropic.()');
  });
});

describe('js front end: values', () => {
  test('strings, escapes, templates, concatenation, trim, join, concat', async () => {
    const file = '/ws/vals.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
const o = new OpenAI();
const BASE = 'You are \\u0041I.\\n';
let onceLet = "let-bound";
let changed = 'a'; changed = 'b';
const parts = ['one', 'two', BASE.trim()];
o.chat.completions.create({
  a: 'single \\'q\\'',
  b: "double \\x41",
  c: \`tpl \${BASE}end \${userName} at \${new Date().toISOString()}\`,
  d: BASE + "more" + 4,
  e: '  padded  '.trim(),
  f: parts.join('\\n'),
  g: 'x'.concat('y', BASE),
  h: onceLet,
  i: changed,
  j: String.raw\`raw\\n\${BASE}\`,
  k: ['a', ...parts].join(' '),
  l: (BASE as string)!,
  m: <string>BASE,
  n: BASE satisfies string,
  p: \`\${crypto.randomUUID()} \${requestId} \${Math.random()} \${Date.now()} \${req.body.text} \${thing}\`,
});
`,
      },
      file,
    );
    const c = a.find('o.chat');
    assert.equal(render(arg(c, 'a')), "single 'q'");
    assert.equal(render(arg(c, 'b')), 'double A');
    assert.equal(render(arg(c, 'c')), 'tpl You are AI.\nend ${user:userName} at ${time:new Date().toISOString()}');
    assert.equal(render(arg(c, 'd')), 'You are AI.\nmore4');
    assert.equal(render(arg(c, 'e')), 'padded');
    assert.equal(render(arg(c, 'f')), 'one\ntwo\nYou are AI.');
    assert.equal(render(arg(c, 'g')), 'xyYou are AI.\n');
    assert.equal(render(arg(c, 'h')), 'let-bound');
    assert.equal(arg(c, 'i')?.t, 'unknown');
    assert.equal(render(arg(c, 'j')), 'raw\\nYou are AI.\n');
    assert.equal(render(arg(c, 'k')), 'a one two You are AI.');
    assert.equal(render(arg(c, 'l')), 'You are AI.\n');
    assert.equal(render(arg(c, 'm')), 'You are AI.\n');
    assert.equal(render(arg(c, 'n')), 'You are AI.\n');
    assert.equal(
      render(arg(c, 'p')),
      '${uuid:crypto.randomUUID()} ${id:requestId} ${random:Math.random()} ${time:Date.now()} ${user:req.body.text} ${unknown:thing}',
    );
    // every span lies in this file, and dynamic holes point at their expression
    const p = arg(c, 'p');
    assert.ok(p?.t === 'str');
    if (p?.t === 'str') {
      const hole = p.value.segments.find((s) => s.kind === 'dynamic')!;
      assert.equal(a.src(hole.span!), 'crypto.randomUUID()');
    }
  });

  test('dedent, ts-dedent and outdent tagged templates', async () => {
    const file = '/ws/dd.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
import dedent from 'dedent';
import { dedent as tsd } from 'ts-dedent';
import outdent from 'outdent';
const o = new OpenAI();
o.x({
  a: dedent\`
    Line one
      indented \${name}
    Line three
  \`,
  b: tsd\`
      alpha
      beta
  \`,
  c: outdent\`
    keep
      two
  \`,
  d: dedent(\`
    called
  \`),
});
`,
      },
      file,
    );
    const c = a.find('o.x');
    assert.equal(render(arg(c, 'a')), 'Line one\n  indented ${user:name}\nLine three');
    assert.equal(render(arg(c, 'b')), 'alpha\nbeta');
    assert.equal(render(arg(c, 'c')), 'keep\n  two');
    assert.equal(render(arg(c, 'd')), 'called');
  });

  test('numbers, booleans, null, objects, spreads and arrays', async () => {
    const file = '/ws/n.js';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
const o = new OpenAI();
const base = { temperature: 0.2, model: 'gpt-4o' };
const model = 'gpt-4.1';
const key = 'computed';
o.create({ max: 4_096, k: 4 * 1024, h: 0x10, neg: -1, t: true, f: false, n: null, u: undefined, model, ...base, [key]: 1, ['lit']: 2, list: [1, ...[2, 3]] });
function f(opts) { return o.create({ model: 'x', ...opts }); }
`,
      },
      file,
    );
    const c = a.find('o.create({ max');
    const v = (k: string) => arg(c, k) as { t: string; value?: unknown };
    assert.equal(v('max').value, 4096);
    assert.equal(v('k').value, 4096);
    assert.equal(v('h').value, 16);
    assert.equal(v('neg').value, -1);
    assert.equal(v('t').value, true);
    assert.equal(v('f').value, false);
    assert.equal(v('n').t, 'null');
    assert.equal(v('u').t, 'null');
    // the spread's model overrides the shorthand one (later wins)
    assert.equal(render(arg(c, 'model')), 'gpt-4o');
    assert.equal(v('temperature').value, 0.2);
    assert.equal(v('computed').value, 1);
    assert.equal(v('lit').value, 2);
    const list = arg(c, 'list');
    assert.ok(list?.t === 'arr' && list.items.length === 3 && !list.openSpread);
    assert.equal(c.args.named.openSpread, false);
    assert.equal(c.args.positional.length, 1);
    assert.equal(c.args.positional[0], c.args.named);
    const f = a.find("o.create({ model: 'x'");
    assert.equal(f.args.named.openSpread, true);
    assert.equal(render(arg(f, 'model')), 'x');
  });

  test('options object from a variable: entries and insert point come from the literal', async () => {
    const file = '/ws/opt.ts';
    const text = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
const params = {
  model: 'claude-sonnet-4-5',
  messages: [],
};
await client.messages.create(params);
`;
    const a = await analyze({ [file]: text }, file);
    const c = a.find('client.messages');
    assert.equal(render(arg(c, 'model')), 'claude-sonnet-4-5');
    // the value's span is the name as written in the call; its entries keep their own spans
    assert.equal(a.src(c.args.named.span), 'params');
    assert.equal(a.src(c.args.named.entries[0]!.span), "model: 'claude-sonnet-4-5'");
    const ins = c.args.named.insert!;
    assert.deepEqual({ prefix: ins.prefix, suffix: ins.suffix }, { prefix: '\n  ', suffix: ',' });
    const fixed = applyInsert(text, ins, 'max_tokens: 1024');
    assert.match(fixed, /messages: \[\],\n  max_tokens: 1024,\n\};/);
    assert.equal(hasErrorNode(a.parsers, 'typescript', fixed), false);
  });

  for (const { lang, file } of LANGS) {
    test(`insert points match the object layout (${lang})`, async () => {
      const text = `import OpenAI from 'openai';
const o = new OpenAI();
o.a({ model: 'x' });
o.b({});
o.c({
    model: 'x',
    n: 1
});
o.d({ model: 'x', });
o.e({ model: 'x' /* c */ });
`;
      const a = await analyze({ [file]: text }, file, lang);
      const cases: Array<[string, string, string]> = [
        ['o.a', ', ', ''],
        ['o.b', ' ', ' '],
        ['o.c', ',\n    ', ''],
        ['o.d', ' ', ','],
        ['o.e', ', ', ''],
      ];
      for (const [prefix, pre, suf] of cases) {
        const c = a.find(prefix);
        const ins = c.args.named.insert!;
        assert.equal(ins.style, 'property');
        assert.deepEqual([ins.prefix, ins.suffix], [pre, suf], prefix);
        const fixed = applyInsert(text, ins, 'max_tokens: 10');
        assert.equal(hasErrorNode(a.parsers, lang, fixed), false, `${prefix}: ${fixed}`);
        assert.ok(fixed.includes('max_tokens: 10'));
      }
    });
  }

  test('prompt files read through the workspace fs', async () => {
    const file = '/ws/src/gen.ts';
    const a = await analyze(
      {
        [file]: `import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'fs';
import path from 'node:path';
import OpenAI from 'openai';
const o = new OpenAI();
const SYS = fs.readFileSync(path.join(__dirname, 'prompts', 'sys.md'), 'utf8');
o.create({
  a: SYS,
  b: readFileSync(path.resolve(__dirname, '../shared/p.txt'), { encoding: 'utf-8' }),
  c: readFileSync(new URL('./prompts/sys.md', import.meta.url), 'utf8'),
  d: await fs.promises.readFile(path.join(__dirname, 'prompts/sys.md'), 'utf8'),
  e: await readFile(path.join(import.meta.dirname, 'prompts', 'sys.md'), 'utf8'),
  f: fs.readFileSync('prompts/root.md', 'utf8'),
  g: fs.readFileSync('/etc/passwd', 'utf8'),
  h: fs.readFileSync(path.join(__dirname, 'missing.md'), 'utf8').trim(),
});
`,
        '/ws/src/prompts/sys.md': 'System prompt from file.',
        '/ws/shared/p.txt': 'Shared prompt.',
        '/ws/prompts/root.md': 'Root prompt.',
      },
      file,
    );
    const c = a.find('o.create');
    assert.equal(render(arg(c, 'a')), 'System prompt from file.');
    assert.equal(a.src(arg(c, 'a')!.span), 'SYS');
    assert.equal(render(arg(c, 'b')), 'Shared prompt.');
    assert.equal(render(arg(c, 'c')), 'System prompt from file.');
    assert.equal(render(arg(c, 'd')), 'System prompt from file.');
    assert.equal(render(arg(c, 'e')), 'System prompt from file.');
    assert.equal(render(arg(c, 'f')), 'Root prompt.');
    assert.equal(arg(c, 'g')?.t, 'unknown');
    assert.equal(arg(c, 'h')?.t, 'unknown');
    const msgs = a.notes.map((n) => n.message);
    assert.ok(msgs.some((m) => m.includes('/etc/passwd')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.includes('/ws/src/missing.md')), msgs.join('\n'));
    for (const n of a.notes) assert.ok(n.span && n.span.end <= a.text.length);
  });

  test('constants imported from other workspace modules', async () => {
    const file = '/ws/src/app.ts';
    const a = await analyze(
      {
        [file]: `import Anthropic from '@anthropic-ai/sdk';
import { SYSTEM, RE, STAR } from './prompts.js';
import DEF from './def';
import * as P from './prompts';
import { client } from './client';
const c = new Anthropic();
c.messages.create({ system: SYSTEM, a: RE, b: STAR, d: DEF });
client.messages.create({ model: 'claude-haiku-4-5' });
`,
        '/ws/src/prompts.ts': `export const SYSTEM = \`You are \${ROLE}.\`;
const ROLE = 'a helper';
export { R as RE } from './re';
export * from './star';
`,
        '/ws/src/re.ts': `const R = 'Re-exported';\nexport { R };\n`,
        '/ws/src/star/index.js': `export const STAR = 'from star';\n`,
        '/ws/src/def.mjs': `export default 'default export';\n`,
        '/ws/src/client.ts': `import Anthropic from '@anthropic-ai/sdk';\nexport const client = new Anthropic({ maxRetries: 0 });\n`,
      },
      file,
    );
    const c = a.find('c.messages');
    assert.equal(render(arg(c, 'system')), 'You are a helper.');
    assert.equal(render(arg(c, 'a')), 'Re-exported');
    assert.equal(render(arg(c, 'b')), 'from star');
    assert.equal(render(arg(c, 'd')), 'default export');
    // spans of values from other modules point into this file
    const sys = arg(c, 'system')!;
    assert.ok(sys.span.end <= a.text.length);
    const cl = a.find('client.messages');
    assert.equal(cl.callee.module, '@anthropic-ai/sdk');
    assert.deepEqual(pathOf(cl.callee), ['default', '()', 'messages', 'create']);
    const ctorArgs = (cl.callee.path[1] as { call: { named: { entries: Array<{ span: { end: number } }> } } }).call.named.entries;
    for (const e of ctorArgs) assert.ok(e.span.end <= a.text.length);
  });

  test('CommonJS workspace modules, namespace imports, default-exported clients, factories', async () => {
    const file = '/ws/src/app.js';
    const a = await analyze(
      {
        [file]: `const { SYSTEM } = require('./prompts');
const prompts = require('./prompts');
const { client } = require('./client');
import * as P from './prompts';
import def from './default-client';
import OpenAI from 'openai';
function getClient() { return new OpenAI(); }
let lazy = null;
function lazyClient() { if (!lazy) lazy = new OpenAI({ apiKey: 'k' }); return lazy; }
client.messages.create({ system: SYSTEM, a: prompts.OTHER, b: require('./prompts').OTHER, c: P.SYSTEM });
def.chat.completions.create({ model: 'gpt-4o' });
getClient().chat.completions.create({ model: 'x' });
lazyClient().responses.create({ model: 'y' });
`,
        '/ws/src/prompts.js': `const SYSTEM = 'cjs system';\nmodule.exports = { SYSTEM, OTHER: 'other' };\n`,
        '/ws/src/client.js': `const Anthropic = require('@anthropic-ai/sdk');\nexports.client = new Anthropic();\n`,
        '/ws/src/default-client.ts': `import OpenAI from 'openai';\nexport default new OpenAI();\n`,
      },
      file,
    );
    const c = a.find('client.messages');
    assert.equal(c.callee.module, '@anthropic-ai/sdk');
    assert.deepEqual(pathOf(c.callee), ['()', 'messages', 'create']);
    assert.equal(render(arg(c, 'system')), 'cjs system');
    assert.equal(render(arg(c, 'a')), 'other');
    assert.equal(render(arg(c, 'b')), 'other');
    assert.equal(render(arg(c, 'c')), 'cjs system');
    assert.deepEqual([a.find('def.chat').callee.module, ...pathOf(a.find('def.chat').callee)], ['openai', 'default', '()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('getClient().chat').callee), ['default', '()', 'chat', 'completions', 'create']);
    assert.deepEqual(pathOf(a.find('lazyClient().responses').callee), ['default', '()', 'responses', 'create']);
  });

  test('the @/ path alias resolves to the project src folder', async () => {
    const file = '/ws/src/app/api/chat/route.ts';
    const a = await analyze(
      {
        [file]: `import { openai } from '@/lib/openai';
import { SYSTEM } from '~/prompts';
import { helper } from '@/lib/missing';
export async function POST() { return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }] }); }
helper.run();
`,
        '/ws/src/lib/openai.ts': `import OpenAI from 'openai';\nexport const openai = new OpenAI();\n`,
        '/ws/src/prompts/index.ts': `export const SYSTEM = 'aliased prompt';\n`,
      },
      file,
    );
    const c = a.find('openai.chat');
    assert.equal(c.callee.module, 'openai');
    assert.deepEqual(pathOf(c.callee), ['default', '()', 'chat', 'completions', 'create']);
    assert.equal(c.context.inRequestHandler, true);
    const msgs = arg(c, 'messages');
    assert.ok(msgs?.t === 'arr' && msgs.items[0]?.t === 'obj');
    if (msgs?.t === 'arr' && msgs.items[0]?.t === 'obj') assert.equal(render(msgs.items[0].entries.find((e) => e.key === 'content')?.value), 'aliased prompt');
    // an alias that resolves nowhere keeps the specifier as its module
    assert.equal(a.find('helper.run').callee.module, '@/lib/missing');
  });

  test('this inside object literal methods', async () => {
    const file = '/ws/o.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
export const svc = {
  client: new OpenAI(),
  run() { return this.client.chat.completions.create({ model: 'gpt-4o' }); },
};
`,
      },
      file,
    );
    assert.deepEqual(pathOf(a.find('this.client').callee), ['default', '()', 'chat', 'completions', 'create']);
  });

  test('import cycles and self-referential constants terminate', async () => {
    const file = '/ws/a.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
import { X } from './b';
const p = q; const q = p;
new OpenAI().create({ x: X, p });
`,
        '/ws/b.ts': `export { X } from './c';\n`,
        '/ws/c.ts': `export { X } from './b';\n`,
      },
      file,
    );
    const c = a.find('new OpenAI().create');
    assert.equal(arg(c, 'x')?.t, 'unknown');
    assert.equal(arg(c, 'p')?.t, 'unknown');
  });
});

describe('js front end: context', () => {
  test('loops: for, for-of literal, for-in, while, do-while, for await, map and Promise.all', async () => {
    const file = '/ws/jobs/batch.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
const o = new OpenAI();
const xs = ['a', 'b', 'c'];
for (let i = 0; i < 5; i++) o.a({});
for (const x of ['a', 'b', 'c']) o.b({});
for (const x of rows) o.c({});
for (const k in obj) o.d({});
while (more) { o.e({}); }
do { o.f({}); } while (more);
for await (const x of stream) o.g({});
xs.map((x) => o.h({}));
rows.forEach(async (r) => { await o.i({}); });
await Promise.all(xs.map(async (x) => o.j({})));
await Promise.allSettled(rows.map((r) => limit(() => o.k({}))));
for (const x of xs) { await Promise.all(rows.map((r) => o.l({}))); }
`,
      },
      file,
    );
    const loops = (p: string) => a.find(p).context.loops.map((l) => `${l.kind}:${l.iterations}`);
    assert.deepEqual(loops('o.a'), ['for:5']);
    assert.deepEqual(loops('o.b'), ['for:3']);
    assert.deepEqual(loops('o.c'), ['for:null']);
    assert.deepEqual(loops('o.d'), ['for:null']);
    assert.deepEqual(loops('o.e'), ['while:null']);
    assert.deepEqual(loops('o.f'), ['while:null']);
    assert.deepEqual(loops('o.g'), ['for:null']);
    assert.deepEqual(loops('o.h'), ['map:3']);
    assert.deepEqual(loops('o.i'), ['map:null']);
    assert.deepEqual(loops('o.j'), ['promise-all:3']);
    assert.deepEqual(loops('o.k'), ['promise-all:null']);
    assert.deepEqual(loops('o.l'), ['promise-all:null', 'for:3']);
    for (const c of a.candidates) {
      assert.equal(c.context.inRequestHandler, false);
      assert.equal(c.context.inTest, false);
      assert.equal(c.context.retry, null);
    }
  });

  test('p-map, p-limit, index loops over literal arrays', async () => {
    const file = '/ws/jobs/pm.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
import pMap from 'p-map';
import pLimit from 'p-limit';
const o = new OpenAI();
const xs = ['a', 'b'];
await pMap(rows, async (r) => o.a({}), { concurrency: 4 });
const limit = pLimit(3);
await Promise.all(xs.map((x) => limit(() => o.b({}))));
for (let i = 0; i < xs.length; i++) o.c({});
for (let i = 1; i <= 10; i++) o.d({});
`,
      },
      file,
    );
    const loops = (p: string) => a.find(p).context.loops.map((l) => `${l.kind}:${l.iterations}`);
    assert.deepEqual(loops('o.a'), ['map:null']);
    assert.deepEqual(loops('o.b'), ['promise-all:2']);
    assert.deepEqual(loops('o.c'), ['for:2']);
    assert.deepEqual(loops('o.d'), ['for:10']);
  });

  test('one level interprocedural: the loops around calls of the enclosing function', async () => {
    const file = '/ws/x.js';
    const a = await analyze(
      {
        [file]: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
async function summarize(doc) {
  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: doc }] });
}
const classify = async (t) => client.messages.create({ model: 'm', max_tokens: 5 });
await Promise.all(docs.map((d) => summarize(d)));
for (const t of ['a', 'b']) await classify(t);
class Job {
  async one(x) { return client.messages.create({ model: 'method' }); }
  async all(xs) { for (const x of xs) await this.one(x); }
}
async function one() { return client.messages.create({ model: 'plain' }); }
for (const r of rows) await other.one(r);
`,
      },
      file,
    );
    assert.deepEqual(a.find('client.messages', 0).context.loops.map((l) => l.kind), ['promise-all']);
    assert.deepEqual(a.find('client.messages', 1).context.loops.map((l) => `${l.kind}:${l.iterations}`), ['for:2']);
    // a method counts this.one() calls; a function named like another object's method does not
    assert.deepEqual(a.find("client.messages.create({ model: 'method'").context.loops.map((l) => l.kind), ['for']);
    assert.deepEqual(a.find("client.messages.create({ model: 'plain'").context.loops, []);
  });

  test('retry shapes and backoff', async () => {
    const file = '/ws/r.ts';
    const a = await analyze(
      {
        [file]: `import OpenAI from 'openai';
import pRetry from 'p-retry';
const o = new OpenAI();
async function none() {
  while (true) { try { return await o.none({}); } catch (e) { console.log(e); } }
}
async function constant() {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await o.constant({}); } catch { await sleep(1000); }
  }
}
async function timeout() {
  let retries = 5;
  while (retries-- > 0) {
    try { return await o.timeout({}); } catch { await new Promise((r) => setTimeout(r, 500)); }
  }
}
async function expo() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await o.expo({}); } catch { await sleep(Math.min(30000, 1000 * 2 ** attempt) + Math.random() * 100); }
  }
}
async function doubling() {
  let delay = 500;
  for (let i = 0; i < 4; i++) {
    try { return await o.doubling({}); } catch { await sleep(delay); delay *= 2; }
  }
}
async function recursive(n = 0): Promise<unknown> {
  try { return await o.recursive({}); } catch (e) { if (n < 3) return recursive(n + 1); throw e; }
}
async function wrapped() { return pRetry(() => o.wrapped({}), { retries: 3 }); }
async function notRetry(items: string[]) { for (const it of items) { try { await o.notRetry({}); } catch {} } }
`,
      },
      file,
    );
    const r = (p: string) => a.find(p).context.retry?.backoff ?? null;
    assert.equal(r('o.none'), 'none');
    assert.equal(r('o.constant'), 'constant');
    assert.equal(r('o.timeout'), 'constant');
    assert.equal(r('o.expo'), 'exponential');
    assert.equal(r('o.doubling'), 'exponential');
    assert.equal(r('o.recursive'), 'none');
    assert.equal(r('o.wrapped'), 'exponential');
    assert.equal(r('o.notRetry'), null);
    assert.equal(a.find('o.constant').context.loops[0]!.retryShape, true);
    assert.equal(a.find('o.notRetry').context.loops[0]!.retryShape, false);
    const s = a.find('o.constant').context.retry!.sleepSpan!;
    assert.equal(a.src(s), 'sleep(1000)');
  });

  test('request handlers: express, fastify, Next.js, Lambda, queue consumers', async () => {
    const cases: Array<[string, string, boolean]> = [
      ['/ws/server.ts', `app.post('/chat', async (req, res) => { await o.x({}); });`, true],
      ['/ws/server.ts', `router.get('/a', (req, res) => o.x({}));`, true],
      ['/ws/server.ts', `fastify.route({ method: 'POST', url: '/x', handler: async () => o.x({}) });`, true],
      ['/ws/app/api/chat/route.ts', `export async function POST(req: Request) { return o.x({}); }`, true],
      ['/ws/pages/api/chat.ts', `export default async function handler(req, res) { await o.x({}); }`, true],
      ['/ws/lambda.ts', `export const handler = async (event) => o.x({});`, true],
      ['/ws/worker.ts', `import { Worker } from 'bullmq';\nnew Worker('q', async (job) => o.x({}));`, true],
      ['/ws/consumer.ts', `await consumer.run({ eachMessage: async ({ message }) => { await o.x({}); } });`, true],
      ['/ws/consumer2.ts', `const eachMessage = async ({ message }) => { await o.x({}); };\nawait consumer.run({ eachMessage });`, true],
      ['/ws/server.ts', `async function chat(req, res) { await o.x({}); }\napp.post('/chat', chat);`, true],
      ['/ws/hono.ts', `const app = new Hono();\napp.get('/x', async (c) => c.json(await o.x({})));`, true],
      ['/ws/queue.js', `emailQueue.process(async (job) => { await o.x({}); });`, true],
      ['/ws/cjs-lambda.js', `exports.handler = async (event) => { return o.x({}); };`, true],
      ['/ws/app/api/chat/page.ts', `export async function POST(req: Request) { return o.x({}); }`, false],
      ['/ws/script.ts', `async function main() { await o.x({}); }\nmain();`, false],
      ['/ws/script.ts', `const v = cache.get(key, () => o.x({}));`, false],
    ];
    for (const [file, body, expected] of cases) {
      const a = await analyze({ [file]: `import OpenAI from 'openai';\nconst o = new OpenAI();\n${body}\n` }, file);
      assert.equal(a.find('o.x').context.inRequestHandler, expected, `${file}: ${body}`);
    }
  });

  test('tests: by file name, folder, and describe/it callbacks', async () => {
    const body = `import OpenAI from 'openai';\nconst o = new OpenAI();\no.top({});\ndescribe('s', () => { it('t', async () => { await o.inIt({}); }); });\n`;
    const a = await analyze({ '/ws/src/app.ts': body }, '/ws/src/app.ts');
    assert.equal(a.find('o.top').context.inTest, false);
    assert.equal(a.find('o.inIt').context.inTest, true);
    for (const f of ['/ws/src/app.test.ts', '/ws/src/app.spec.js', '/ws/__tests__/a.ts', '/ws/test/a.ts', '/ws/tests/a.mjs']) {
      const b = await analyze({ [f]: body }, f);
      assert.equal(b.find('o.top').context.inTest, true, f);
    }
    // fixture folders hold code under analysis
    const fx = await analyze({ '/ws/test/fixtures/rule/app.ts': body }, '/ws/test/fixtures/rule/app.ts');
    assert.equal(fx.find('o.top').context.inTest, false);
  });
});

describe('js front end: the same constructs in TS, TSX, JS and JSX', () => {
  const cases: Array<{ lang: Language; file: string }> = [...LANGS, { lang: 'javascript', file: '/ws/src/view.jsx' }];
  for (const { lang, file } of cases) {
    test(`values, traps and context (${file.split('.').pop()})`, async () => {
      const jsx = file.endsWith('x') ? 'export const View = () => <div className="a">{String(1)}</div>;\n' : '';
      const a = await analyze(
        {
          [file]: `import Anthropic from '@anthropic-ai/sdk';
import twilio from 'twilio';
import dedent from 'dedent';
${jsx}const client = new Anthropic();
const SYSTEM = dedent\`
  You are a classifier.
  Answer with one word.
\`;
const sms = twilio(sid, token);
export async function classifyAll(items, opts) {
  return Promise.all(items.map(async (item) => client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 5,
    system: SYSTEM + ' Today: ' + new Date().toDateString(),
    messages: [{ role: 'user', content: \`Item \${item.id}: \${item.text}\` }],
    ...opts,
  })));
}
export function notify(body, to, from) { return sms.messages.create({ body, to, from }); }
`,
        },
        file,
        lang,
      );
      const c = a.find('client.messages');
      assert.equal(c.callee.module, '@anthropic-ai/sdk');
      assert.deepEqual(pathOf(c.callee), ['default', '()', 'messages', 'create']);
      assert.equal(render(arg(c, 'system')), 'You are a classifier.\nAnswer with one word. Today: \${time:new Date().toDateString()}');
      const msgs = arg(c, 'messages');
      assert.ok(msgs?.t === 'arr' && msgs.items[0]?.t === 'obj');
      if (msgs?.t === 'arr' && msgs.items[0]?.t === 'obj') {
        assert.equal(render(msgs.items[0].entries.find((e) => e.key === 'content')?.value), 'Item \${id:item.id}: \${user:item.text}');
      }
      assert.equal(c.args.named.openSpread, true);
      assert.deepEqual(c.context.loops.map((l) => l.kind), ['promise-all']);
      const fixed = applyInsert(a.text, c.args.named.insert!, 'temperature: 0');
      assert.equal(hasErrorNode(a.parsers, lang, fixed), false);
      const t = a.find('sms.messages');
      assert.equal(t.callee.module, 'twilio');
      assert.equal(t.callee.origin, 'import');
      assert.deepEqual(t.args.named.entries.map((e) => e.key), ['body', 'to', 'from']);
    });
  }
});

describe('js front end: robustness', () => {
  test('a syntax error elsewhere keeps the intact calls', async () => {
    const file = '/ws/broken.ts';
    const a = await analyze(
      {
        [file]: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
function broken() {
  const x = ;
}
if (y {
  client.messages.create({ model: 'inside-broken-if', max_tokens: 1 });
}
client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10 });
`,
      },
      file,
    );
    assert.ok(hasErrorNode(a.parsers, 'typescript', a.text));
    assert.equal(render(arg(a.find('client.messages', 0), 'model')), 'inside-broken-if');
    const c = a.find('client.messages', 1);
    assert.equal(c.callee.module, '@anthropic-ai/sdk');
    assert.equal((arg(c, 'max_tokens') as { value: number }).value, 10);
  });

  test('deep nesting does not overflow the stack', async () => {
    const file = '/ws/deep.js';
    const depth = 10000;
    const text = `import OpenAI from 'openai';\nconst o = new OpenAI();\no.create({ a: ${'['.repeat(depth)}1${']'.repeat(depth)}, b: ${'('.repeat(depth)}'x'${')'.repeat(depth)}, c: ${Array.from({ length: 3000 }, () => "'s'").join(' + ')} });\n`;
    const a = await analyze({ [file]: text }, file);
    const c = a.find('o.create');
    assert.ok(arg(c, 'a'));
    assert.ok(arg(c, 'b'));
    assert.ok(arg(c, 'c'));
  });

  test('minified bundle on one line', async () => {
    const file = '/ws/dist/bundle.min.js';
    const chunk = 'function q(e){return e.chat.completions.create({model:"gpt-4o",messages:[{role:"user",content:e.x}]})}var a=1,b=[1,2,3].map(function(t){return t*2});';
    const text = chunk.repeat(Math.ceil(200_000 / chunk.length));
    const a = await analyze({ [file]: text }, file);
    assert.ok(a.candidates.length > 1000);
    assert.equal(a.find('e.chat').callee.origin, 'param');
  });

  test('exponential constant blow-up is bounded', async () => {
    const file = '/ws/blow.ts';
    const lines = ["const a0 = 'xxxxxxxxxxxxxxxx';"];
    for (let i = 1; i < 40; i++) lines.push(`const a${i} = a${i - 1} + a${i - 1};`);
    const text = `import OpenAI from 'openai';\n${lines.join('\n')}\nnew OpenAI().create({ system: a39 });\n`;
    const a = await analyze({ [file]: text }, file);
    const v = arg(a.find('new OpenAI().create'), 'system');
    assert.ok(v);
    assert.ok(v.t === 'unknown' || (v.t === 'str' && v.value.segments.every((s) => s.kind !== 'static' || s.text.length <= 4_000_000)));
  });
});
