import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, kw, parsesCleanly, pathOf, render, text } from './python/helpers';
import { mayBeLlmCall } from '../../src/core/sdk';

describe('python front end: provenance', () => {
  test('import forms resolve to the module as written', async () => {
    const a = await analyze(`
import anthropic
import anthropic as a
from anthropic import Anthropic, AsyncAnthropic as A
from openai import OpenAI, AsyncOpenAI, AzureOpenAI
from google import genai
import google.generativeai as gga
from langchain_anthropic import ChatAnthropic
import litellm
from litellm import completion

anthropic.Anthropic().messages.create(model="m")
a.Anthropic().messages.create(model="m")
A().messages.create(model="m")
AzureOpenAI().chat.completions.create(model="m")
genai.Client().models.generate_content(model="m")
gga.GenerativeModel("gemini-pro").generate_content("hi")
ChatAnthropic(model="claude").invoke("hi")
litellm.completion(model="m")
completion(model="m")
`);
    const got = a.candidates.map((c) => `${c.callee.module}:${pathOf(c)}`);
    for (const want of [
      'anthropic:Anthropic.().messages.create',
      'anthropic:AsyncAnthropic.().messages.create',
      'openai:AzureOpenAI.().chat.completions.create',
      'google.genai:Client.().models.generate_content',
      'google.generativeai:GenerativeModel.().generate_content',
      'langchain_anthropic:ChatAnthropic.().invoke',
      'litellm:completion',
    ])
      assert.ok(got.includes(want), `${want} in ${got.join('\n')}`);
    assert.equal(got.filter((g) => g === 'anthropic:Anthropic.().messages.create').length, 2);
    assert.equal(got.filter((g) => g === 'litellm:completion').length, 2);
  });

  test('dotted import: google.generativeai.GenerativeModel', async () => {
    const a = await analyze(`import google.generativeai\nimport google.genai\nm = google.generativeai.GenerativeModel("gemini")\nm.generate_content("x")\ngoogle.genai.Client()\n`);
    const c = a.one('m.generate_content');
    assert.equal(c.callee.module, 'google.generativeai');
    assert.equal(pathOf(c), 'GenerativeModel.().generate_content');
    assert.equal(a.one('google.genai.Client').callee.module, 'google.genai');
  });

  test('imports inside functions and try/except ImportError', async () => {
    const a = await analyze(`
try:
    import anthropic
except ImportError:
    anthropic = None

def f():
    from openai import OpenAI
    c = OpenAI()
    return c.chat.completions.create(model="gpt-4o")

anthropic.Anthropic().messages.create(model="m")
`);
    assert.equal(a.one('c.chat.completions.create').callee.module, 'openai');
    assert.equal(a.one('anthropic.Anthropic().messages.create').callee.module, 'anthropic');
  });

  test('bindings: module, function, class attribute, self.client in any method, annotated, with, async with, walrus, chains', async () => {
    const a = await analyze(`
from anthropic import Anthropic, AsyncAnthropic
import anthropic

client: Anthropic = Anthropic()

class Svc:
    shared = anthropic.Anthropic()

    def setup(self):
        self.client = AsyncAnthropic()

    async def run(self):
        await self.client.messages.create(model="m1")
        self.shared.messages.create(model="m2")
        Svc.shared.messages.create(model="m3")

def chain():
    c = anthropic.Anthropic()
    m = c.messages
    m.create(model="m4")

async def ctx():
    with Anthropic() as w:
        w.messages.create(model="m5")
    async with AsyncAnthropic() as aw:
        await aw.messages.create(model="m6")
    if (wc := Anthropic()):
        wc.messages.create(model="m7")

client.messages.create(model="m0")
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    for (const [m, p] of [
      ['m0', 'Anthropic.().messages.create'],
      ['m1', 'AsyncAnthropic.().messages.create'],
      ['m2', 'Anthropic.().messages.create'],
      ['m3', 'Anthropic.().messages.create'],
      ['m4', 'Anthropic.().messages.create'],
      ['m5', 'Anthropic.().messages.create'],
      ['m6', 'AsyncAnthropic.().messages.create'],
      ['m7', 'Anthropic.().messages.create'],
    ]) {
      const c = byModel(m!);
      assert.ok(c, `candidate for ${m}`);
      assert.equal(c.callee.module, 'anthropic', m);
      assert.equal(c.callee.origin, 'import', m);
      assert.equal(pathOf(c), p, m);
    }
  });

  test('constructor arguments are kept in the path (base_url)', async () => {
    const a = await analyze(`from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com", api_key=KEY)\nc.chat.completions.create(model="deepseek-chat")\n`);
    const c = a.one('c.chat.completions.create');
    const ctor = c.callee.path[1];
    assert.ok(ctor && typeof ctor !== 'string');
    assert.equal(text(ctor.call.named.entries.find((e) => e.key === 'base_url')!.value), 'https://api.deepseek.com');
  });

  test('a name rebound: the dominating binding, or unknown when conditional', async () => {
    const a = await analyze(`
import anthropic
from twilio.rest import Client
c = Client()
c = anthropic.Anthropic()
c.messages.create(model="a")
d = anthropic.Anthropic()
if flag:
    d = Client()
d.messages.create(model="b")
`);
    const [first, second] = a.at('c.messages.create').concat(a.at('d.messages.create'));
    assert.equal(first!.callee.module, 'anthropic');
    assert.equal(second!.callee.module, null);
    assert.equal(second!.callee.origin, 'param');
  });

  test('function parameters: param origin, or the annotated imported type', async () => {
    const a = await analyze(`
import anthropic
from typing import Optional
from openai import AsyncOpenAI, OpenAI

def a1(client, q):
    client.messages.create(model="claude-sonnet-4-5", messages=[])

def a2(client: anthropic.Anthropic):
    client.messages.create(model="x")

def a3(client: "AsyncOpenAI"):
    client.chat.completions.create(model="x")

def a4(client: Optional[OpenAI] = None):
    client.chat.completions.create(model="x")

def a5(client: OpenAI | None):
    client.responses.create(model="x")

class K:
    client: anthropic.AsyncAnthropic
    async def go(self):
        await self.client.messages.create(model="x")
`);
    const all = a.candidates.filter((c) => /messages|completions|responses/.test(pathOf(c)));
    const got = all.map((c) => `${c.callee.origin}:${c.callee.module}:${c.callee.root ?? ''}:${pathOf(c)}`);
    assert.deepEqual(got, [
      'param:null:client:messages.create',
      'import:anthropic::Anthropic.().messages.create',
      'import:openai::AsyncOpenAI.().chat.completions.create',
      'import:openai::OpenAI.().chat.completions.create',
      'import:openai::OpenAI.().responses.create',
      'import:anthropic::AsyncAnthropic.().messages.create',
    ]);
  });

  test('traps: Twilio keeps its module; a local class is local; slack and stripe keep theirs', async () => {
    const a = await analyze(`
from twilio.rest import Client
from slack_sdk import WebClient
import stripe

client = Client(sid, token)
client.messages.create(body="hi", to="+1", from_="+2")
slack = WebClient(token=t)
slack.chat_postMessage(channel="c", text="x")
stripe.Charge.create(amount=1)

class Messages:
    def create(self, **kw):
        return kw

class Fake:
    messages = Messages()

fake = Fake()
fake.messages.create(model="claude-sonnet-4-5")
`);
    const tw = a.one('client.messages.create');
    assert.equal(tw.callee.module, 'twilio.rest');
    assert.equal(tw.callee.origin, 'import');
    assert.equal(pathOf(tw), 'Client.().messages.create');
    assert.equal(a.one('slack.chat_postMessage').callee.module, 'slack_sdk');
    assert.equal(a.one('stripe.Charge.create').callee.module, 'stripe');
    const f = a.one('fake.messages.create');
    assert.equal(f.callee.origin, 'local');
    assert.equal(f.callee.module, null);
  });

  test('**kwargs passthrough marks openSpread; resolvable ** spreads merge', async () => {
    const a = await analyze(`
import anthropic
client = anthropic.Anthropic()
BASE = {"model": "claude-haiku-4-5", "max_tokens": 1024}
def ask(**kw):
    return client.messages.create(**kw)
def ask2(msgs):
    return client.messages.create(**BASE, messages=msgs)
def ask3():
    return client.messages.create(**dict(BASE, max_tokens=4 * 1024))
`);
    const [c1, c2, c3] = a.at('client.messages.create');
    assert.equal(c1!.args.named.openSpread, true);
    assert.equal(c2!.args.named.openSpread, false);
    assert.deepEqual(c2!.args.named.entries.map((e) => e.key), ['model', 'max_tokens', 'messages']);
    assert.equal(text(kw(c2!, 'model')), 'claude-haiku-4-5');
    const mt = kw(c3!, 'max_tokens');
    assert.equal(mt.t === 'num' && mt.value, 4096);
    assert.equal(c3!.args.named.openSpread, false);
  });

  test('getattr with a literal name resolves like an attribute', async () => {
    const a = await analyze(`import openai\nc = openai.OpenAI()\ngetattr(c.chat.completions, "create")(model="gpt-4o")\n`);
    const c = a.candidates.find((x) => pathOf(x).endsWith('completions.create.()') || pathOf(x).endsWith('completions.create'))!;
    assert.equal(c.callee.module, 'openai');
    assert.equal(pathOf(c), 'OpenAI.().chat.completions.create');
  });
});

describe('python front end: values', () => {
  const val = async (expr: string, pre = '', opts: { files?: Record<string, string>; path?: string } = {}) => {
    const a = await analyze(`import anthropic\nfrom pathlib import Path\nimport os, textwrap, inspect\n${pre}\nanthropic.Anthropic().messages.create(system=${expr})\n`, opts);
    return { v: kw(a.one('anthropic.Anthropic().messages.create'), 'system'), a };
  };

  test('string literal forms and escapes', async () => {
    assert.equal(text((await val(`'a\\tb'`)).v), 'a\tb');
    assert.equal(text((await val(`"a\\nb\\x41\\u00e9\\101"`)).v), 'a\nbAéA');
    assert.equal(text((await val(`r"a\\nb"`)).v), 'a\\nb');
    assert.equal(text((await val(`b"x\\n"`)).v), 'x\n');
    assert.equal(text((await val(`u"x"`)).v), 'x');
    assert.equal(text((await val(`Rb"\\d"`)).v), '\\d');
    assert.equal(text((await val(`"""line1\nline2"""`)).v), 'line1\nline2');
    assert.equal(text((await val(`("a" 'b'\n "c")`)).v), 'abc');
    assert.equal(text((await val(`"a\\\nb"`)).v), 'ab');
  });

  test('f-strings: static parts, holes with hints, braces, format specs, resolved constants inlined', async () => {
    const { v } = await val(`f"Hi {{x}} {user.name} at {datetime.now():%H} id={request_id!r} {uuid.uuid4()} {N}{NAME}"`, 'N = 3\nNAME = "Bob"');
    assert.equal(text(v), 'Hi {x} ⟨user.name|user⟩ at ⟨datetime.now()|time⟩ id=⟨request_id|id⟩ ⟨uuid.uuid4()|uuid⟩ 3Bob');
  });

  test('%-formatting and .format with resolvable args filled in', async () => {
    assert.equal(text((await val(`"Hello %s, %d items, 100%%" % (NAME, 3)`, 'NAME = "Ann"')).v), 'Hello Ann, 3 items, 100%');
    assert.equal(text((await val(`"Hello %(who)s" % {"who": query}`)).v), 'Hello ⟨query|user⟩');
    assert.equal(text((await val(`"A {} {name} {0} {{lit}}".format("x", name=question)`)).v), 'A x ⟨question|user⟩ x {lit}');
  });

  test('+ concatenation, str * int, join, strip, dedent, cleandoc', async () => {
    assert.equal(text((await val(`"a" + B + "c"`, 'B = "b"')).v), 'abc');
    assert.equal(text((await val(`"ab" * 3`)).v), 'ababab');
    assert.equal(text((await val(`"\\n".join(["x", Y, "z"])`, 'Y = "y"')).v), 'x\ny\nz');
    assert.equal(text((await val(`SEP.join(("x", "y"))`, 'SEP = ", "')).v), 'x, y');
    assert.equal(text((await val(`"\\n".join([HEAD, user_input])`, 'HEAD = "h"')).v), 'h\n⟨user_input|user⟩');
    assert.equal(text((await val(`"  pad \\n".strip()`)).v), 'pad');
    assert.equal(text((await val(`"xxpadxx".lstrip("x").rstrip()`)).v), 'padxx');
    assert.equal(text((await val(`textwrap.dedent("""\n    a\n      b\n\n    c\n""")`)).v), '\na\n  b\n\nc\n');
    assert.equal(text((await val(`textwrap.dedent(f"""\n    hi {name}\n    bye\n""")`)).v), '\nhi ⟨name|user⟩\nbye\n');
    assert.equal(text((await val(`inspect.cleandoc("""  First\n      second\n        third\n  """)`)).v), 'First\nsecond\n  third');
    assert.equal(text((await val(`"Q: " + question`)).v), 'Q: ⟨question|user⟩');
  });

  test('class attributes through self, cls and the class name', async () => {
    const a = await analyze(`
import anthropic
class Agent:
    SYSTEM = "You are an agent."
    def __init__(self):
        self.client = anthropic.Anthropic()
        self.extra = "Be brief."
    def run(self):
        self.client.messages.create(system=self.SYSTEM + " " + self.extra)
    @classmethod
    def run2(cls):
        anthropic.Anthropic().messages.create(system=cls.SYSTEM)
    def run3(self):
        anthropic.Anthropic().messages.create(system=Agent.SYSTEM)
`);
    const got = a.candidates.filter((c) => pathOf(c).endsWith('messages.create')).map((c) => text(kw(c, 'system')));
    assert.deepEqual(got, ['You are an agent. Be brief.', 'You are an agent.', 'You are an agent.']);
  });

  test('dicts, lists with spreads, numbers, booleans, None', async () => {
    const a = await analyze(`
import openai
c = openai.OpenAI()
BASE = [{"role": "system", "content": "S"}]
EXTRA = {"temperature": 0.5}
c.chat.completions.create(
    messages=[*BASE, {"role": "user", "content": q}],
    max_tokens=1_000,
    n=1e3,
    k=2 ** 10 - 24,
    stream=True,
    stop=None,
    extra={**EXTRA, "top_p": 1, **unknown_cfg},
    more=[*things],
)
`);
    const c = a.one('c.chat.completions.create');
    const msgs = kw(c, 'messages');
    assert.equal(msgs.t, 'arr');
    if (msgs.t === 'arr') {
      assert.equal(msgs.items.length, 2);
      assert.equal(msgs.openSpread, false);
      const first = msgs.items[0]!;
      assert.equal(first.t === 'obj' && text(first.entries.find((e) => e.key === 'content')!.value), 'S');
    }
    assert.deepEqual(
      ['max_tokens', 'n', 'k'].map((k) => {
        const v = kw(c, k);
        return v.t === 'num' ? v.value : null;
      }),
      [1000, 1000, 1000],
    );
    assert.equal(kw(c, 'stream').t, 'bool');
    assert.equal(kw(c, 'stop').t, 'null');
    const extra = kw(c, 'extra');
    assert.ok(extra.t === 'obj' && extra.openSpread && extra.entries.map((e) => e.key).join() === 'temperature,top_p');
    const more = kw(c, 'more');
    assert.ok(more.t === 'arr' && more.openSpread);
  });

  test('resolved callees used as values become call values', async () => {
    const a = await analyze(`
from google import genai
from google.genai import types
client = genai.Client()
client.models.generate_content(model="gemini-2.5-flash", contents="x", config=types.GenerateContentConfig(max_output_tokens=256))
`);
    const cfg = kw(a.one('client.models.generate_content'), 'config');
    assert.equal(cfg.t, 'call');
    if (cfg.t === 'call') {
      assert.equal(cfg.callee.module, 'google.genai');
      assert.deepEqual(cfg.callee.path, ['types', 'GenerateContentConfig']);
      const m = cfg.args.named.entries[0]!;
      assert.equal(m.key, 'max_output_tokens');
      assert.equal(m.value.t === 'num' && m.value.value, 256);
    }
  });

  test('hints for unresolvable values', async () => {
    const a = await analyze(`
import anthropic
from datetime import date, datetime
import time, uuid, random
def f(user_id, session, email, doc, thing):
    anthropic.Anthropic().messages.create(a=date.today(), b=time.time(), c=uuid.uuid1(), d=user_id, e=session, f=email, g=doc, h=random.random(), i=thing, j=datetime.utcnow().strftime("%Y"))
`);
    const c = a.one('anthropic.Anthropic().messages.create');
    const hints = Object.fromEntries(c.args.named.entries.map((e) => [e.key, e.value.t === 'unknown' ? e.value.hint : e.value.t]));
    assert.deepEqual(hints, { a: 'time', b: 'time', c: 'uuid', d: 'id', e: 'id', f: 'user', g: 'user', h: 'random', i: 'unknown', j: 'time' });
  });

  test('prompt files: Path(__file__) forms, open(os.path.join(...)).read(), with open, relative paths', async () => {
    const files = {
      '/ws/app/prompts/x.md': 'X prompt',
      '/ws/p.txt': 'P at root',
      '/ws/app/p2.txt': 'P2 here',
      '/ws/prompts/rel.txt': 'REL from ancestor',
    };
    const a = await analyze(
      `
import anthropic, os
from pathlib import Path
A = (Path(__file__).parent / "prompts" / "x.md").read_text(encoding="utf-8")
B = (Path(__file__).resolve().parent.parent / "p.txt").read_text()
C = open(os.path.join(os.path.dirname(__file__), "p2.txt")).read()
with open("prompts/rel.txt") as f:
    D = f.read()
E = Path("prompts/x.md").read_text()
PROMPTS = Path(__file__).parent / "prompts"
F = (PROMPTS / "x.md").read_text()
G = Path(__file__).with_name("p2.txt").read_text()
anthropic.Anthropic().messages.create(a=A, b=B, c=C, d=D, e=E, f=F, g=G)
`,
      { files, path: '/ws/app/main.py' },
    );
    const c = a.one('anthropic.Anthropic().messages.create');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => text(kw(c, k))),
      ['X prompt', 'P at root', 'P2 here', 'REL from ancestor', 'X prompt', 'X prompt', 'P2 here'],
    );
    // spans of values read from files point at the reference in this file, and carry no segment spans
    const av = kw(c, 'a');
    assert.equal(a.src.slice(av.span.start, av.span.end), 'A');
    assert.ok(av.t === 'str' && av.value.segments.every((s) => s.kind === 'static' && !s.span));
    assert.equal(a.notes.length, 0);
  });

  test('a prompt file that cannot be read gives a note and a dynamic value', async () => {
    const a = await analyze(`import anthropic\nSYSTEM = open("/etc/secret-prompt.txt").read()\nanthropic.Anthropic().messages.create(system=SYSTEM)\n`);
    const v = kw(a.one('anthropic.Anthropic().messages.create'), 'system');
    assert.equal(v.t, 'unknown');
    assert.equal(a.notes.length, 1);
    assert.match(a.notes[0]!.message, /\/etc\/secret-prompt\.txt/);
    assert.ok(a.fs.reads.includes('/etc/secret-prompt.txt'));
  });

  test('constants imported from other workspace modules', async () => {
    const files = {
      '/ws/app/prompts.py': 'SYSTEM = "Local system."\nOTHER = f"{SYSTEM} More."\n',
      '/ws/shared/prompts.py': 'from .base import BASE\nSYSTEM = BASE + " shared"\n',
      '/ws/shared/base.py': 'BASE = "base"\n',
      '/ws/app/__init__.py': '',
      '/ws/app/sub/cfg.py': 'from app.prompts import OTHER\nMODEL = "claude-haiku-4-5"\n',
      '/ws/app/cyc_a.py': 'from .cyc_b import B\nA = B\n',
      '/ws/app/cyc_b.py': 'from .cyc_a import A\nB = A\n',
    };
    const a = await analyze(
      `
import anthropic
from .prompts import SYSTEM
from ..shared.prompts import SYSTEM as S
from app.prompts import OTHER
import prompts
from .sub import cfg
from .cyc_a import A
anthropic.Anthropic().messages.create(a=SYSTEM, b=S, c=OTHER, d=prompts.SYSTEM, e=cfg.MODEL, f=A)
`,
      { files, path: '/ws/app/main.py' },
    );
    const c = a.one('anthropic.Anthropic().messages.create');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => text(kw(c, k))),
      ['Local system.', 'base shared', 'Local system. More.', 'Local system.', 'claude-haiku-4-5'],
    );
    assert.equal(kw(c, 'f').t, 'unknown');
    const b = kw(c, 'b');
    assert.equal(a.src.slice(b.span.start, b.span.end), 'S');
  });

  test('cycles and deep nesting never throw', async () => {
    const deep = 'x = ' + '('.repeat(3000) + '"a"' + ')'.repeat(3000) + '\n';
    const plus = 'y = ' + Array.from({ length: 3000 }, () => '"a"').join(' + ') + '\n';
    const a = await analyze(`import anthropic\na = b\nb = a\n${deep}${plus}anthropic.Anthropic().messages.create(system=a, x=x, y=y)\n`);
    const c = a.one('anthropic.Anthropic().messages.create');
    assert.equal(kw(c, 'system').t, 'unknown');
    assert.equal(text(kw(c, 'y')).length, 3000);
    const nested = 'import anthropic\nanthropic.Anthropic().messages.create(system=' + '['.repeat(10000) + ']'.repeat(10000) + ')\n';
    const b = await analyze(nested);
    assert.equal(b.candidates.length >= 1, true);
  });
});

describe('python front end: insert points', () => {
  const apply = (src: string, ins: { offset: number; prefix: string; suffix: string }, entry: string) =>
    src.slice(0, ins.offset) + ins.prefix + entry + ins.suffix + src.slice(ins.offset);

  test('one-line, multi-line, trailing comma, empty call, dict', async () => {
    const src = `import anthropic
c = anthropic.Anthropic()
c.messages.create(model="m", messages=[])
c.messages.create(
    model="m",
    messages=[],
)
c.messages.create(
        model="m",
        messages=[]
)
c.messages.create()
c.messages.create(**{"model": "m"})
`;
    const a = await analyze(src);
    const all = a.at('c.messages.create');
    const outs = all.map((c) => apply(src, c.args.named.insert!, 'max_tokens=1024'));
    assert.ok(outs[0]!.includes('c.messages.create(model="m", messages=[], max_tokens=1024)'));
    assert.ok(outs[1]!.includes('    messages=[],\n    max_tokens=1024,\n)'));
    assert.ok(outs[2]!.includes('        messages=[],\n        max_tokens=1024\n)'));
    assert.ok(outs[3]!.includes('c.messages.create(max_tokens=1024)'));
    for (const o of outs) assert.ok(await parsesCleanly(o), o);
    const d = kw(all[4]!, 'model');
    assert.equal(text(d), 'm');
    const dict = (await analyze(`import anthropic\nanthropic.Anthropic().messages.create(extra={"a": 1})\n`)).one('anthropic.Anthropic().messages.create');
    const ev = kw(dict, 'extra');
    assert.ok(ev.t === 'obj' && ev.insert?.style === 'dict');
  });
});

describe('python front end: context', () => {
  test('loops: literal list, range, while, comprehension, dataset', async () => {
    const a = await analyze(`
import anthropic
c = anthropic.Anthropic()
for m in ["a", "b", "c"]:
    c.messages.create(model=m)
for i in range(5):
    for d in docs:
        c.messages.create(model="in2")
while pending:
    c.messages.create(model="w")
r = [c.messages.create(model="comp", content=d) for d in ("x", "y")]
`);
    const calls = a.at('c.messages.create');
    assert.deepEqual(calls[0]!.context.loops.map((l) => [l.kind, l.iterations]), [['for', 3]]);
    assert.deepEqual(calls[1]!.context.loops.map((l) => [l.kind, l.iterations]), [['for', null], ['for', 5]]);
    assert.deepEqual(calls[2]!.context.loops.map((l) => [l.kind, l.iterations]), [['while', null]]);
    assert.deepEqual(calls[3]!.context.loops.map((l) => [l.kind, l.iterations]), [['comprehension', 2]]);
  });

  test('gather and map, including one level interprocedural', async () => {
    const a = await analyze(`
import asyncio
from anthropic import AsyncAnthropic
from concurrent.futures import ThreadPoolExecutor
client = AsyncAnthropic()

async def summarize(d):
    return await client.messages.create(model="s", messages=[{"role": "user", "content": d}])

async def main(docs):
    await asyncio.gather(*[summarize(d) for d in docs])

async def direct(docs):
    await asyncio.gather(*(client.messages.create(model="g") for d in docs))

async def tasks_loop(docs):
    tasks = []
    for d in docs:
        tasks.append(client.messages.create(model="t"))
    await asyncio.gather(*tasks)

def one(d):
    return client.messages.create(model="pool")

with ThreadPoolExecutor() as ex:
    list(ex.map(one, ["a", "b"]))
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    assert.deepEqual(byModel('s').context.loops.map((l) => l.kind), ['gather']);
    assert.deepEqual(byModel('g').context.loops.map((l) => l.kind), ['gather']);
    assert.deepEqual(byModel('t').context.loops.map((l) => l.kind), ['gather']);
    assert.deepEqual(byModel('pool').context.loops.map((l) => [l.kind, l.iterations]), [['map', 2]]);
  });

  test('retry loops and decorators with their backoff', async () => {
    const a = await analyze(`
import time, asyncio, random
import anthropic, backoff
from tenacity import retry, wait_exponential, wait_fixed, stop_after_attempt
c = anthropic.Anthropic()

def none_():
    for attempt in range(3):
        try:
            return c.messages.create(model="none")
        except Exception:
            pass

def const_():
    while True:
        try:
            return c.messages.create(model="const")
        except Exception:
            time.sleep(2)

def exp_():
    for attempt in range(5):
        try:
            return c.messages.create(model="exp")
        except Exception:
            time.sleep(2 ** attempt + random.uniform(0, 1))

def exp2():
    delay = 1
    retries = 0
    while retries < 5:
        try:
            return c.messages.create(model="exp2")
        except anthropic.APIError:
            time.sleep(delay)
            delay *= 2
            retries += 1

def reraise():
    for attempt in range(3):
        try:
            return c.messages.create(model="reraise")
        except Exception:
            raise

@retry(wait=wait_exponential(min=1, max=30), stop=stop_after_attempt(5))
def ten_exp():
    return c.messages.create(model="ten_exp")

@retry(wait=wait_fixed(2))
def ten_fixed():
    return c.messages.create(model="ten_fixed")

@retry
def ten_none():
    return c.messages.create(model="ten_none")

@backoff.on_exception(backoff.expo, Exception)
def bo():
    return c.messages.create(model="bo")
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    const r = (m: string) => byModel(m).context.retry?.backoff ?? null;
    assert.deepEqual(
      ['none', 'const', 'exp', 'exp2', 'reraise', 'ten_exp', 'ten_fixed', 'ten_none', 'bo'].map(r),
      ['none', 'constant', 'exponential', 'exponential', null, 'exponential', 'constant', 'none', 'exponential'],
    );
    assert.equal(byModel('none').context.loops[0]!.retryShape, true);
    assert.equal(byModel('reraise').context.loops[0]!.retryShape, false);
    const cs = byModel('const').context.retry!;
    assert.equal(a.src.slice(cs.sleepSpan!.start, cs.sleepSpan!.end), 'time.sleep(2)');
  });

  test('request handlers', async () => {
    const a = await analyze(`
import anthropic
from celery import shared_task
c = anthropic.Anthropic()

@app.post("/chat")
async def chat(req):
    return c.messages.create(model="fastapi")

@router.get("/x")
def rx():
    return c.messages.create(model="router")

@bp.route("/y")
def by():
    return c.messages.create(model="flask")

@shared_task
def job():
    return c.messages.create(model="celery")

def view(request):
    return c.messages.create(model="django")

def handler(event, context):
    return c.messages.create(model="lambda")

def helper():
    return c.messages.create(model="helper")

def script():
    return c.messages.create(model="script")

@app.get("/h")
def uses_helper():
    return helper()
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    for (const m of ['fastapi', 'router', 'flask', 'celery', 'django', 'lambda', 'helper']) assert.equal(byModel(m).context.inRequestHandler, true, m);
    assert.equal(byModel('script').context.inRequestHandler, false);
  });

  test('tests: file names, test functions, TestCase methods', async () => {
    const src = `import anthropic\nc = anthropic.Anthropic()\ndef test_x():\n    c.messages.create(model="a")\nclass T(unittest.TestCase):\n    def check(self):\n        c.messages.create(model="b")\ndef prod():\n    c.messages.create(model="c")\n`;
    const a = await analyze(src);
    assert.deepEqual(a.at('c.messages.create').map((c) => c.context.inTest), [true, true, false]);
    for (const path of ['/ws/test_app.py', '/ws/app_test.py', '/ws/conftest.py', '/ws/tests/x.py', '/ws/test/y.py']) {
      const b = await analyze(src, { path });
      assert.ok(b.at('c.messages.create').every((c) => c.context.inTest), path);
    }
  });
});

describe('python front end: broken code', () => {
  test('syntax errors elsewhere still yield the intact calls', async () => {
    const a = await analyze(`
import anthropic
client = anthropic.Anthropic()

def broken(:
    x = = 2

def ok():
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=100)

class Also(
`);
    const c = a.one('client.messages.create');
    assert.equal(c.callee.module, 'anthropic');
    const mt = kw(c, 'max_tokens');
    assert.equal(mt.t === 'num' && mt.value, 100);
  });
});

describe('python front end: more binding shapes', () => {
  test('fallbacks, conditional constructors, dataclass fields, factories, constructor-injected clients', async () => {
    const a = await analyze(`
import anthropic
from dataclasses import dataclass, field
from openai import OpenAI

def make():
    return anthropic.Anthropic(max_retries=5)

class A:
    def __init__(self, client: OpenAI | None = None):
        self.client = client or OpenAI()
        self.inj = client

@dataclass
class B:
    client: anthropic.Anthropic = field(default_factory=anthropic.Anthropic)
    def go(self):
        self.client.messages.create(model="b")

c = anthropic.Anthropic() if KEY else None
c.messages.create(model="c")
make().messages.create(model="f")
A().client.chat.completions.create(model="a")

class A2(A):
    def go(self):
        self.client.chat.completions.create(model="a2")
        self.inj.chat.completions.create(model="a3")
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    assert.equal(pathOf(byModel('b')), 'Anthropic.().messages.create');
    assert.equal(pathOf(byModel('c')), 'Anthropic.().messages.create');
    assert.equal(pathOf(byModel('f')), 'Anthropic.().messages.create');
    assert.equal(byModel('a2').callee.module, 'openai');
    assert.equal(pathOf(byModel('a2')), 'OpenAI.().chat.completions.create');
    assert.equal(byModel('a3').callee.module, 'openai');
  });
});

describe('python front end: accumulation and worker loops', () => {
  test('+= builds prompts in sequence; in a loop it becomes unknown', async () => {
    const a = await analyze(`
import anthropic
def f(items, question):
    p = "You are a bot."
    p += " Be brief."
    p += f" Q: {question}"
    anthropic.Anthropic().messages.create(system=p)
    acc = "x"
    for it in items:
        acc += it
    anthropic.Anthropic().messages.create(system=acc)
`);
    const [c1, c2] = a.at('anthropic.Anthropic().messages.create');
    assert.equal(text(kw(c1!, 'system')), 'You are a bot. Be brief. Q: ⟨question|user⟩');
    assert.equal(kw(c2!, 'system').t, 'unknown');
  });

  test('a worker loop with try/except is not a retry; a retry loop that returns on success is', async () => {
    const a = await analyze(`
import anthropic, time
c = anthropic.Anthropic()
def worker(q):
    while True:
        job = q.get()
        try:
            c.messages.create(model="worker")
        except Exception:
            log.exception("failed")
def batch():
    for i in range(10):
        try:
            c.messages.create(model="batch")
        except Exception:
            pass
def retrying():
    while True:
        try:
            return c.messages.create(model="retry")
        except Exception:
            pass
`);
    const ctx = a.at('c.messages.create').map((c) => [c.context.loops[0]!.retryShape, c.context.retry?.backoff ?? null]);
    assert.deepEqual(ctx, [
      [false, null],
      [false, null],
      [true, 'none'],
    ]);
    assert.deepEqual(a.at('c.messages.create')[1]!.context.loops.map((l) => l.iterations), [10]);
  });
});

describe('python front end: bounded work', () => {
  test('a big prompt file referenced many times stays resolved; doubling concatenations stop at the budget', async () => {
    const big = 'word '.repeat(200_000);
    const refs = Array.from({ length: 40 }, (_, i) => `anthropic.Anthropic().messages.create(system=SYSTEM, n=${i})`).join('\n');
    const a = await analyze(`import anthropic\nSYSTEM = open("p.txt").read()\n${refs}\n`, { files: { '/ws/app/p.txt': big } });
    assert.equal(a.candidates.length, 40 * 2);
    for (const c of a.at('anthropic.Anthropic().messages.create')) assert.equal(text(kw(c, 'system')).length, big.length);
    const lines = ['a0 = "' + 'x'.repeat(1000) + '"'];
    for (let i = 1; i < 40; i++) lines.push(`a${i} = a${i - 1} + a${i - 1}`);
    const b = await analyze(`import anthropic\n${lines.join('\n')}\nanthropic.Anthropic().messages.create(system=a39.strip())\n`);
    assert.equal(kw(b.one('anthropic.Anthropic().messages.create'), 'system').t, 'unknown');
  });

  test('10,000 nested calls and binary operators do not overflow', async () => {
    const calls = 'f(' .repeat(10_000) + 'x' + ')'.repeat(10_000);
    const ops = Array.from({ length: 10_000 }, (_, i) => `"s${i}"`).join(' % ');
    const a = await analyze(`import anthropic\nanthropic.Anthropic().messages.create(a=${calls}, b=(${ops}))\n`);
    const c = a.one('anthropic.Anthropic().messages.create');
    assert.equal(kw(c, 'a').t, 'unknown');
    assert.ok(kw(c, 'b'));
  });
});

describe('python front end: lists changed in place', () => {
  test('a messages list appended to later is open', async () => {
    const a = await analyze(`
import anthropic
def f(q):
    messages = [{"role": "user", "content": q}]
    messages.append({"role": "assistant", "content": "ok"})
    fixed = [{"role": "user", "content": q}]
    anthropic.Anthropic().messages.create(messages=messages, other=fixed)
`);
    const c = a.one('anthropic.Anthropic().messages.create');
    const m = kw(c, 'messages');
    assert.ok(m.t === 'arr' && m.openSpread && m.items.length === 1);
    const o = kw(c, 'other');
    assert.ok(o.t === 'arr' && !o.openSpread);
  });
});

describe('python front end: notes through imports', () => {
  test('a constant whose module reads an unreadable prompt file: dynamic, with a note at the reference', async () => {
    const a = await analyze(`import anthropic\nfrom .prompts import SYSTEM\nanthropic.Anthropic().messages.create(system=SYSTEM)\n`, {
      files: { '/ws/app/prompts.py': 'from pathlib import Path\nSYSTEM = Path("/outside/x.md").read_text()\n' },
    });
    const v = kw(a.one('anthropic.Anthropic().messages.create'), 'system');
    assert.equal(v.t, 'unknown');
    assert.equal(a.notes.length, 1);
    assert.match(a.notes[0]!.message, /\/outside\/x\.md/);
    assert.equal(a.src.slice(a.notes[0]!.span!.start, a.notes[0]!.span!.end), 'SYSTEM');
  });
});

describe('python front end: factories and properties', () => {
  test('factory functions, return annotations, @property clients', async () => {
    const a = await analyze(`
import anthropic
from functools import lru_cache, cached_property
from openai import OpenAI

@lru_cache
def get_client() -> OpenAI:
    return build_somehow()

class Svc:
    def __init__(self):
        self._c = anthropic.Anthropic()
    @property
    def client(self):
        return self._c
    @cached_property
    def oai(self) -> OpenAI:
        return make()
    def helper(self):
        return 1
    def run(self):
        self.client.messages.create(model="p")
        self.oai.chat.completions.create(model="q")
        get_client().chat.completions.create(model="r")
`);
    const byModel = (m: string) => a.candidates.find((c) => c.args.named.entries.some((e) => e.key === 'model' && e.value.t === 'str' && render(e.value.value) === m))!;
    assert.equal(pathOf(byModel('p')), 'Anthropic.().messages.create');
    assert.equal(byModel('p').callee.module, 'anthropic');
    assert.equal(byModel('q').callee.module, 'openai');
    assert.equal(pathOf(byModel('r')), 'OpenAI.().chat.completions.create');
  });
});

describe('python front end: parameter defaults', () => {
  test('a parameter defaulting to a client resolves to it; a None default stays a parameter', async () => {
    const a = await analyze(`
import anthropic
def f(c=anthropic.Anthropic()):
    c.messages.create(model="d")
def g(c=None):
    c.messages.create(model="n")
`);
    const [d, n] = a.at('c.messages.create');
    assert.equal(d!.callee.module, 'anthropic');
    assert.equal(n!.callee.origin, 'param');
    assert.equal(n!.callee.root, 'c');
  });
});

describe('python front end: bodies scanned on demand', () => {
  // Every body below except ask()/summarize() holds no call that can be an LLM call, so with the
  // engine's filters they are scanned only when a lookup needs them: the client factory's return,
  // the attributes __init__ sets, the in-place change to HISTORY, the loop that calls summarize().
  const SRC = `import anthropic


def make_client():
    return anthropic.Anthropic()


client = make_client()
HISTORY = [{"role": "user", "content": "Earlier question"}]


def remember(q):
    HISTORY.append({"role": "user", "content": q})


class Bot:
    def __init__(self):
        self.llm = anthropic.Anthropic()
        self.model = "claude-haiku-4-5"

    def ask(self, q):
        return self.llm.messages.create(model=self.model, max_tokens=100, messages=HISTORY)


def summarize(doc):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=200, messages=[{"role": "user", "content": doc}])


def nightly():
    for d in range(40):
        summarize(d)
`;

  test('gives the same candidates as scanning every body up front', async () => {
    const eager = await analyze(SRC);
    const lazy = await analyze(SRC, { filters: true });
    assert.equal(lazy.candidates.length, 2);
    // Without filters every call resolving to an import is a candidate (the constructors too).
    assert.deepEqual(lazy.candidates, eager.candidates.filter((c) => mayBeLlmCall(c.callee)));
  });

  test('follows a factory, self attributes, in-place changes and callers into unscanned bodies', async () => {
    const a = await analyze(SRC, { filters: true });
    const s = a.one('client.messages.create');
    assert.equal(s.callee.module, 'anthropic');
    assert.deepEqual(s.context.loops.map((l) => [l.kind, l.iterations]), [['for', 40]]);
    const b = a.one('self.llm.messages.create');
    assert.equal(b.callee.module, 'anthropic');
    assert.equal(text(kw(b, 'model')), 'claude-haiku-4-5');
    const messages = kw(b, 'messages');
    assert.equal(messages.t, 'arr');
    assert.equal((messages as { openSpread?: boolean }).openSpread, true, 'HISTORY.append(...) in remember() makes the list open');
  });
});
