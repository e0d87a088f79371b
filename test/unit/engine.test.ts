import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';
import { parseVolume } from '../../src/core/comments';
import { combinedSavings, estimateCost } from '../../src/core/cost/cost';
import { buildReport } from '../../src/core/report/build';
import { callFilters } from '../../src/core/sdk';

const APP = `import anthropic

client = anthropic.Anthropic()
SYSTEM = "You are a helpful assistant."


def ask(q):
    # prompt-cost: 1k/day
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=SYSTEM, messages=[{"role": "user", "content": q}])
`;

async function engine(files: Record<string, string> = {}) {
  return Engine.create({ fs: new MemFs(files), loadWasm });
}

describe('engine', () => {
  test('finds a call, prices it and reads the volume comment', async () => {
    const e = await engine();
    const r = await e.analyze({ path: '/w/app.py', text: APP });
    assert.equal(r.calls.length, 1);
    const c = r.calls[0]!;
    assert.equal(c.site.model, 'claude-sonnet-4-5');
    assert.equal(c.site.maxTokens?.value, 300);
    assert.equal(c.volume.perMonth, 30_000);
    assert.equal(c.volume.source, 'annotation');
    assert.ok(c.cost);
    // Sonnet 4.5: $3 in / $15 out per million; 300 output tokens priced at the cap.
    assert.ok(Math.abs(c.cost.outputUsd - (300 * 15) / 1e6) < 1e-12);
    assert.ok(Math.abs(c.cost.perMonthUsd - c.cost.perCallUsd * 30_000) < 1e-9);
    assert.deepEqual(r.findings, []);
  });

  test('incremental re-parse after an edit gives the same result as a fresh parse', async () => {
    const e = await engine();
    await e.analyze({ path: '/w/app.py', text: APP });
    const at = APP.indexOf('max_tokens=300');
    const edited = APP.slice(0, at) + APP.slice(at + 'max_tokens=300, '.length);
    const incremental = await e.analyze({ path: '/w/app.py', text: edited }, [{ rangeOffset: at, rangeLength: 'max_tokens=300, '.length, text: '' }]);
    const fresh = await (await engine()).analyze({ path: '/w/other.py', text: edited });
    assert.deepEqual(
      incremental.findings.map((f) => [f.ruleId, f.span]),
      fresh.findings.map((f) => [f.ruleId, f.span]),
    );
    assert.equal(incremental.findings[0]?.ruleId, 'missing-max-tokens');
    assert.equal(incremental.findings[0]?.severity, 'error');
  });

  test('changes that do not reproduce the text fall back to a full parse', async () => {
    const e = await engine();
    await e.analyze({ path: '/w/app.py', text: APP });
    const r = await e.analyze({ path: '/w/app.py', text: APP.replace('300', '400') }, [{ rangeOffset: 0, rangeLength: 0, text: 'garbage' }]);
    assert.equal(r.calls[0]?.site.maxTokens?.value, 400);
  });

  test('suppression comments silence one rule on the next line', async () => {
    const e = await engine();
    const text = APP.replace('max_tokens=300, ', '').replace('    # prompt-cost: 1k/day\n', '    # prompt-cost-disable-next-line missing-max-tokens\n');
    const r = await e.analyze({ path: '/w/app.py', text });
    assert.equal(r.calls.length, 1);
    assert.deepEqual(r.findings, []);
    const other = await e.analyze({ path: '/w/b.py', text: text.replace('disable-next-line missing-max-tokens', 'disable-next-line unknown-model') });
    assert.deepEqual(other.findings.map((f) => f.ruleId), ['missing-max-tokens']);
  });

  test('per-rule severity overrides and "off"', async () => {
    const e = await engine();
    const text = APP.replace('claude-sonnet-4-5', 'claude-sonet-4-5');
    assert.deepEqual(e.configure({ rules: { 'unknown-model': 'error' } }), []);
    let r = await e.analyze({ path: '/w/a.py', text });
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['unknown-model', 'error']]);
    e.configure({ rules: { 'unknown-model': 'off' } });
    r = await e.analyze({ path: '/w/a.py', text });
    assert.deepEqual(r.findings, []);
  });

  test('a bad config key is reported and the rest still applies', async () => {
    const e = await engine();
    const problems = e.configure({ defaultMonthlyCalls: -5, oversizedPromptTokens: 100, bogus: 1 });
    assert.deepEqual(problems.map((p) => p.path).sort(), ['bogus', 'defaultMonthlyCalls']);
    assert.equal(e.config.oversizedPromptTokens, 100);
    assert.equal(e.config.defaultMonthlyCalls, 10000);
  });

  test('unknown models are never priced', async () => {
    const e = await engine();
    const r = await e.analyze({ path: '/w/a.py', text: APP.replace('claude-sonnet-4-5', 'my-private-model') });
    assert.equal(r.calls[0]?.cost, null);
    assert.equal(r.findings[0]?.ruleId, 'unknown-model');
  });

  test('binary, huge and unsupported files become notes, not crashes', async () => {
    const e = await engine();
    e.configure({ maxFileSizeKb: 1 });
    const huge = await e.analyze({ path: '/w/big.py', text: 'x = 1\n'.repeat(1000) });
    assert.equal(huge.calls.length, 0);
    assert.match(huge.notes[0]!.message, /maxFileSizeKb/);
    const bin = await e.analyze({ path: '/w/bin.py', text: 'a\u0000b' });
    assert.match(bin.notes[0]!.message, /binary/);
    const other = await e.analyze({ path: '/w/readme.md', text: '# hi' });
    assert.equal(other.language, null);
    assert.deepEqual(other.notes, []);
  });

  test('what-if: a model switch re-prices with the new model', async () => {
    const e = await engine();
    const r = await e.analyze({ path: '/w/app.py', text: APP });
    const call = r.calls[0]!;
    const w = await e.whatIf(call, { model: 'claude-haiku-4-5' });
    assert.equal(w.model?.id, 'claude-haiku-4-5');
    const expected = estimateCost(w.model!, { inputTokens: call.inputTokens.central, cachedPrefixTokens: 0, cacheHitRate: 0, outputTokens: 300, batch: false, callsPerMonth: 30_000 });
    assert.ok(Math.abs(w.cost!.perCallUsd - expected.perCallUsd) < 1e-12);
    const batch = await e.whatIf(call, { batch: true });
    assert.ok(Math.abs(batch.cost!.perCallUsd - call.cost!.perCallUsd / 2) < 1e-12);
    const vol = await e.whatIf(call, { callsPerMonth: 10 });
    assert.ok(Math.abs(vol.cost!.perMonthUsd - call.cost!.perCallUsd * 10) < 1e-12);
  });

  test('the JSON report follows the contract', async () => {
    const e = await engine();
    const r = await e.analyze({ path: '/w/py/app.py', text: APP.replace('max_tokens=300, ', '') });
    const report = e.report([r], (p) => p.replace('/w/', ''));
    assert.equal(report.version, 1);
    assert.match(report.pricingDate, /^\d{4}-\d{2}-\d{2}$/);
    const site = report.callSites[0]!;
    assert.equal(site.file, 'py/app.py');
    assert.deepEqual(site.range.start, { line: 9, column: 12 });
    assert.equal(site.provider, 'anthropic');
    assert.equal(site.api, 'messages.create');
    assert.equal(site.maxTokens, null);
    assert.equal(site.inputTokens.exact, false);
    assert.ok(site.inputTokens.range[0] <= site.inputTokens.static && site.inputTokens.static <= site.inputTokens.range[1]);
    const f = report.findings[0]!;
    assert.equal(f.ruleId, 'missing-max-tokens');
    assert.ok(f.range.start.line >= site.range.start.line && f.range.end.line <= site.range.end.line);
    assert.equal(f.fixes[0]!.edits[0]!.newText, ', max_tokens=1024');
  });
});

describe('volume comments', () => {
  test('parse', () => {
    assert.equal(parseVolume('30k/day'), 900_000);
    assert.equal(parseVolume('1M/month'), 1_000_000);
    assert.equal(parseVolume('1,200 per hour'), 1200 * 24 * 30);
    assert.equal(parseVolume('2.5k / week'), (2500 * 30) / 7);
    assert.equal(parseVolume('lots'), null);
    assert.equal(parseVolume('5/fortnight'), null);
  });
});

describe('call-name filter (callees are resolved only when their written name can be an LLM call)', () => {
  test('API steps, chat-model classes and names written near an API step pass; other names do not', () => {
    const { wantedName: f } = callFilters('import logging\n\nclass Bot:\n    def __init__(self, c):\n        self._complete = c.chat.completions.create\n\n\n\n\nlogging.info("x")\n');
    for (const name of ['create', 'generate_content', 'generateText', 'ChatOpenAI', 'AzureChatOpenAI', '_complete', 'c']) assert.equal(f(name), true, name);
    for (const name of ['info', 'logging', 'append', 'Chatty']) assert.equal(f(name), false, name);
    const code = 'x = 1\n\n\n\nlogging.info(x)\nitems.append(1)\n\n\n\nclient.messages.create<Foo>({})\n\n\n\nrun?.(1)\n';
    const { mayHoldCallIn } = callFilters(code);
    const at = (s: string) => [code.indexOf(s), code.indexOf(s) + s.length] as const;
    assert.equal(mayHoldCallIn(...at('logging.info(x)\nitems.append(1)')), false, 'other calls do not count');
    assert.equal(mayHoldCallIn(...at('client.messages.create<Foo>({})')), true, 'with type arguments');
    assert.equal(mayHoldCallIn(0, code.length), true);
  });

  test('a method bound to an attribute or an imported step under another name is still a call site', async () => {
    const py = `from openai import OpenAI


class Bot:
    def __init__(self):
        self.client = OpenAI()
        self._complete = self.client.chat.completions.create

    def ask(self, q):
        return self._complete(model="gpt-4o", max_tokens=100, messages=[{"role": "user", "content": q}])
`;
    const ts = `import { openai } from '@ai-sdk/openai';
import {
  generateText as gen,
} from 'ai';

export async function ask(q: string) {
  return gen({ model: openai('gpt-4o'), maxOutputTokens: 100, prompt: q });
}
`;
    const e = await engine();
    const a = await e.analyze({ path: '/w/bot.py', text: py });
    assert.equal(a.calls.length, 1);
    assert.equal(a.calls[0]?.site.model, 'gpt-4o');
    const b = await e.analyze({ path: '/w/ask.ts', text: ts });
    assert.equal(b.calls.length, 1);
    assert.equal(b.calls[0]?.site.model, 'gpt-4o');
  });
});

describe('a deferred parser runtime', () => {
  test('loads nothing at create; the first parse starts it; prepare reports a runtime that cannot load', async () => {
    const asked: string[] = [];
    const e = await Engine.create({ fs: new MemFs(), loadWasm: (f) => (asked.push(f), loadWasm(f)), deferParser: true });
    e.configure({});
    assert.equal(asked.length, 0);
    const plain = await e.analyze({ path: '/w/plain.py', text: 'print(1)\n' });
    assert.equal(asked.length, 0, 'a file the prefilter passes over needs no parser');
    assert.equal(plain.calls.length, 0);
    const r = await e.analyze({ path: '/w/app.py', text: APP });
    assert.equal(r.calls.length, 1);
    assert.ok(asked.includes('web-tree-sitter.wasm'));
    const broken = await Engine.create({ fs: new MemFs(), loadWasm: () => Promise.reject(new Error('no wasm here')), deferParser: true });
    await assert.rejects(broken.prepare(), /no wasm here/);
  });

  test("a caller's prefilter answer is used instead of scanning again: false parses nothing, true or none parses", async () => {
    const asked: string[] = [];
    const e = await Engine.create({ fs: new MemFs(), loadWasm: (f) => (asked.push(f), loadWasm(f)), deferParser: true });
    e.configure({});
    // The CLI passes `false` only for texts the same prefilter turned down; a wrong `false` is trusted.
    const skipped = await e.analyze({ path: '/w/app.py', text: APP, mayHoldCall: false });
    assert.equal(skipped.calls.length, 0);
    assert.equal(asked.length, 0);
    assert.equal((await e.analyze({ path: '/w/app.py', text: APP, mayHoldCall: true })).calls.length, 1);
    assert.equal((await e.analyze({ path: '/w/app.py', text: APP })).calls.length, 1);
  });
});

describe('files an analysis consulted', () => {
  const PY_APP = `import anthropic
from prompts_lib import SYSTEM

client = anthropic.Anthropic()
EXTRA = open("prompts/extra.txt").read()


def ask(q):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=SYSTEM + EXTRA, messages=[{"role": "user", "content": q}])
`;
  const TS_APP = `import OpenAI from 'openai';
import { SYSTEM } from './prompt';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });
`;

  test('every path asked for is listed, found or not; a file with nothing to follow lists none', async () => {
    const fs = new MemFs({ '/w/prompts_lib.py': 'SYSTEM = "You are terse."\n', '/w/prompt.ts': "export const SYSTEM = 'Be brief.';\n" });
    const e = await engine();
    const withFs = await Engine.create({ fs, loadWasm });
    const py = await withFs.analyze({ path: '/w/app.py', text: PY_APP });
    assert.ok(py.consulted?.includes('/w/prompts_lib.py'), 'the imported module');
    assert.ok(py.consulted?.includes('/w/prompts/extra.txt'), 'the prompt file, although missing');
    assert.deepEqual(py.consulted, [...py.consulted!].sort());
    assert.ok(!py.consulted?.includes('/w/app.py'), 'not the file itself');
    const ts = await withFs.analyze({ path: '/w/app.ts', text: TS_APP });
    assert.ok(ts.consulted?.includes('/w/prompt.ts'));
    const plain = await e.analyze({ path: '/w/plain.py', text: 'import os\nprint(os.getcwd())\n' });
    assert.equal(plain.consulted, undefined);
  });

  test('analyses running at once each list their own reads, memoised or not', async () => {
    const files: Record<string, string> = { '/w/prompts_lib.py': 'SYSTEM = "You are terse."\n', '/w/prompt.ts': "export const SYSTEM = 'Be brief.';\n" };
    const e = await Engine.create({ fs: new MemFs(files), loadWasm });
    // Two of each, concurrently, from two folders: each lists what it looked for from its own folder.
    const [py1, ts1, py2, ts2] = await Promise.all([
      e.analyze({ path: '/w/a/app.py', text: PY_APP }),
      e.analyze({ path: '/w/a/app.ts', text: TS_APP }),
      e.analyze({ path: '/w/b/app.py', text: PY_APP }),
      e.analyze({ path: '/w/b/app.ts', text: TS_APP }),
    ]);
    for (const [r, dir] of [[py1!, '/w/a'], [py2!, '/w/b']] as const) assert.ok(r.consulted?.includes(`${dir}/prompts/extra.txt`) && !r.consulted.some((p) => p.endsWith('.ts')));
    for (const [r, dir] of [[ts1!, '/w/a'], [ts2!, '/w/b']] as const) assert.ok(r.consulted?.includes(`${dir}/prompt.ts`) && !r.consulted.some((p) => p.endsWith('.py') || p.endsWith('.txt')));
    assert.deepEqual(py2!.consulted, py1!.consulted!.map((p) => p.replace('/w/a/', '/w/b/')).sort());
  });
});

describe('report savings', () => {
  test('several findings on one call do not add up to more than they save together', async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `rule${i % 97}`).join(' ');
    const tickets = Array.from({ length: 20 }, (_, i) => `"ticket ${i}"`).join(', ');
    const src = `import anthropic\n\nclient = anthropic.Anthropic()\nSYSTEM = "You label support tickets. ${words}"\n\n\ndef label_all():\n    for t in [${tickets}]:\n        client.messages.create(model="claude-opus-4-1", max_tokens=5, system=SYSTEM, messages=[{"role": "user", "content": t}])\n`;
    const e = await engine();
    const r = await e.analyze({ path: '/w/labels.py', text: src });
    assert.equal(r.calls.length, 1);
    const saving = r.findings.filter((f) => f.savingsUsd).map((f) => f.savingsUsd!.perMonth);
    assert.ok(saving.length >= 2, `findings with savings: ${r.findings.map((f) => f.ruleId).join(', ')}`);
    const cost = r.calls[0]!.cost!.perMonthUsd;
    const report = buildReport([r], (p) => p, '2026-11-23');
    const sum = saving.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(report.summary.savingsPerMonthUsd - combinedSavings(cost, saving)) < 0.01);
    assert.ok(report.summary.savingsPerMonthUsd < sum, 'combined, not summed');
    assert.ok(report.summary.savingsPerMonthUsd <= cost + 0.01, 'never more than the call costs');
    assert.ok(report.summary.savingsPerMonthUsd >= Math.max(...saving) - 0.01);
  });
});

import { setRankLoader, unloadEncoders } from '../../src/core/tokens';
import { TOKENIZER_FAILED } from '../../src/core/engine';

describe('a tokenizer that cannot be loaded', () => {
  test('the counts are estimates and one warning note per file says why; once it loads, the note is gone', async () => {
    unloadEncoders();
    const text = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", max_tokens=10, messages=[{"role": "user", "content": "Say hello to the whole team, politely."}])\n';
    try {
      const broken = await Engine.create({ fs: new MemFs(), loadWasm, loadRanks: () => Promise.reject(new Error('rank table unreadable')) });
      const r = await broken.analyze({ path: '/w/a.py', text });
      assert.equal(r.calls.length, 1);
      assert.equal(r.calls[0]!.inputTokens.exact, false);
      const notes = r.notes.filter((n) => n.message.startsWith(TOKENIZER_FAILED));
      assert.equal(notes.length, 1);
      assert.equal(notes[0]!.level, 'warning');
      assert.match(notes[0]!.message, /o200k_base: .*rank table unreadable/);
      // The table is readable again (the default loader): the next analysis loads it, counts exactly, and says nothing.
      setRankLoader(null);
      const fixed = await Engine.create({ fs: new MemFs(), loadWasm });
      const r2 = await fixed.analyze({ path: '/w/a.py', text });
      assert.equal(r2.calls[0]!.inputTokens.exact, true);
      assert.deepEqual(r2.notes.filter((n) => n.message.startsWith(TOKENIZER_FAILED)), []);
    } finally {
      setRankLoader(null);
    }
  });
});
