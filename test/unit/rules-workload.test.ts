/**
 * Workload and caching rules on real inputs: volume inferred from context (loop × static
 * iterations, per-request handlers, tests excluded), the thresholds of batchable-loop, price-cliff
 * and deprecated-model at their edges, and the breakpoint counts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type FileAnalysis } from '../../src/core/engine';
import type { AnalyzedCall, RuleContext } from '../../src/core/rules/types';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';
import { deprecatedModel, DEPRECATION_WARNING_DAYS, successorAsWritten } from '../../src/core/rules/builtin/deprecatedModel';
import { priceCliff, CLIFF_MARGIN } from '../../src/core/rules/builtin/priceCliff';
import { batchableLoop, MIN_BATCH_ITERATIONS } from '../../src/core/rules/builtin/batchableLoop';
import { tooManyCacheBreakpoints } from '../../src/core/rules/builtin/tooManyCacheBreakpoints';
import { deadCacheBreakpoint } from '../../src/core/rules/builtin/deadCacheBreakpoint';
import { removeEntryEdit } from '../../src/core/rules/util';
import { applyEdits } from '../../src/core/report/fixes';

let shared: Promise<Engine> | null = null;
function engine(): Promise<Engine> {
  shared ??= Engine.create({ fs: new MemFs(), loadWasm });
  return shared;
}

async function analyze(path: string, text: string): Promise<FileAnalysis> {
  const e = await engine();
  const r = await e.analyze({ path, text });
  e.forget(path);
  return r;
}

async function ctxOf(r: FileAnalysis, text: string, today?: string): Promise<RuleContext> {
  const e = await engine();
  return { config: e.config, pricing: e.pricing, language: r.language!, text, path: r.path, calls: r.calls, today };
}

const PY_HEAD = `import anthropic\nfrom openai import OpenAI\n\nclient = anthropic.Anthropic()\noai = OpenAI()\n\n`;

function pyCall(model = 'gpt-4.1-mini', indent = '        '): string {
  return `${indent}oai.chat.completions.create(model="${model}", max_completion_tokens=50, messages=[{"role": "user", "content": f"Tag: {x}"}])\n`;
}

describe('volume inferred from context', () => {
  test('a loop with static iterations multiplies the volume; the label says so', async () => {
    const text = `${PY_HEAD}def job():\n    for x in range(12):\n${pyCall()}`;
    const r = await analyze('/w/jobs/tag.py', text);
    const c = r.calls[0]!;
    const dflt = (await engine()).config.defaultMonthlyCalls;
    assert.equal(c.volume.perMonth, dflt * 12);
    assert.equal(c.volume.source, 'loop');
    assert.match(c.volume.label, /× 12 loop iterations/);
  });

  test('nested static loops multiply; a loop of unknown size does not', async () => {
    const nested = `${PY_HEAD}def job():\n    for a in ["x", "y", "z"]:\n        for x in range(4):\n${pyCall('gpt-4.1-mini', '            ')}`;
    const r1 = await analyze('/w/jobs/nested.py', nested);
    const dflt = (await engine()).config.defaultMonthlyCalls;
    assert.equal(r1.calls[0]!.volume.perMonth, dflt * 12);
    const unknown = `${PY_HEAD}def job(rows):\n    for x in rows:\n${pyCall()}`;
    const r2 = await analyze('/w/jobs/rows.py', unknown);
    assert.equal(r2.calls[0]!.volume.perMonth, dflt);
    assert.equal(r2.calls[0]!.volume.source, 'config');
  });

  test('a retry loop is not multiplied by its attempts', async () => {
    const text = `${PY_HEAD}def job(x):\n    for attempt in range(5):\n        try:\n            return ${pyCall('gpt-4.1-mini', '').trim()}\n        except Exception:\n            pass\n`;
    const r = await analyze('/w/jobs/retry.py', text);
    const c = r.calls[0]!;
    assert.equal(c.volume.perMonth, (await engine()).config.defaultMonthlyCalls);
    assert.ok(c.site.context.retry);
  });

  test('an annotation is the call volume as written, even inside a loop', async () => {
    const text = `${PY_HEAD}def job():\n    for x in range(12):\n        # prompt-cost: 1k/day\n${pyCall()}`;
    const r = await analyze('/w/jobs/annotated.py', text);
    assert.equal(r.calls[0]!.volume.perMonth, 30_000);
    assert.equal(r.calls[0]!.volume.source, 'annotation');
  });

  test('a call in a request handler is labelled per request', async () => {
    const text = `from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\noai = OpenAI()\n\n\n@app.post("/tag")\ndef tag(x: str):\n    return ${pyCall('gpt-4.1-mini', '').trim()}\n`;
    const r = await analyze('/w/api/app.py', text);
    const c = r.calls[0]!;
    assert.equal(c.site.context.inRequestHandler, true);
    assert.match(c.volume.label, /per request/);
  });

  test('calls in tests are excluded from totals and from batchable-loop', async () => {
    const text = `${PY_HEAD}def test_tags():\n    for x in ["a", "b"] * 20:\n${pyCall()}`;
    const r = await analyze('/w/tests/test_tags.py', text);
    const c = r.calls[0]!;
    assert.equal(c.volume.perMonth, 0);
    assert.equal(c.volume.source, 'test');
    assert.equal(c.cost?.perMonthUsd, 0);
    assert.equal(r.findings.filter((f) => f.ruleId === 'batchable-loop').length, 0);
  });

  test('JS: Promise.all over a map of a collection keeps the base volume and fires batchable-loop', async () => {
    const text = `import OpenAI from 'openai';\nconst oai = new OpenAI();\nexport async function run(items: string[]) {\n  return Promise.all(items.map((x) => oai.chat.completions.create({ model: 'gpt-4.1-mini', max_completion_tokens: 50, messages: [{ role: 'user', content: x }] })));\n}\n`;
    const r = await analyze('/w/scripts/run.ts', text);
    const c = r.calls[0]!;
    assert.equal(c.site.context.loops[0]?.kind, 'promise-all');
    assert.equal(c.volume.perMonth, (await engine()).config.defaultMonthlyCalls);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['batchable-loop']);
  });
});

describe('batchable-loop threshold', () => {
  for (const n of [MIN_BATCH_ITERATIONS - 1, MIN_BATCH_ITERATIONS]) {
    test(`range(${n})`, async () => {
      const text = `${PY_HEAD}def job():\n    for x in range(${n}):\n${pyCall()}`;
      const r = await analyze(`/w/jobs/range${n}.py`, text);
      const c = r.calls[0]!;
      const found = batchableLoop.check(c, await ctxOf(r, text));
      assert.equal(found.length, n >= MIN_BATCH_ITERATIONS ? 1 : 0);
      if (found.length) {
        // The saving is the batch discount on this call's cost at its (loop-multiplied) volume.
        const s = found[0]!.savingsUsd!;
        assert.ok(Math.abs(s.perCall - c.cost!.perCallUsd * c.model!.batchDiscount!) < 1e-12);
        assert.ok(Math.abs(s.perMonth - s.perCall * n * (await engine()).config.defaultMonthlyCalls) < 1e-9);
        assert.match(found[0]!.message, new RegExp(`runs ${n} times`));
      }
    });
  }
});

describe('deprecated-model date window', () => {
  // claude-opus-4-1 retires on 2026-08-05 in the price table.
  const text = `${PY_HEAD}def ask(q):\n    return client.messages.create(model="claude-opus-4-1", max_tokens=300, messages=[{"role": "user", "content": q}])\n`;
  const cases: Array<[string, 'silent' | 'soon' | 'retired']> = [
    ['2026-05-06', 'silent'], // 91 days before
    ['2026-05-07', 'soon'], // 90 days before
    ['2026-08-04', 'soon'],
    ['2026-08-05', 'retired'],
    ['2027-01-01', 'retired'],
  ];
  for (const [today, want] of cases) {
    test(`${today} → ${want}`, async () => {
      const r = await analyze('/w/app/ask.py', text);
      const c = r.calls[0]!;
      assert.equal(c.model?.deprecation?.date, '2026-08-05');
      const found = deprecatedModel.check(c, await ctxOf(r, text, today));
      if (want === 'silent') return assert.equal(found.length, 0);
      assert.equal(found.length, 1);
      const f = found[0]!;
      if (want === 'soon') assert.match(f.message, /retires on 2026-08-05 \(in \d+ days?\)/);
      else assert.match(f.message, /was retired on 2026-08-05/);
      assert.match(f.message, /claude-opus-5-5/);
      const fix = f.fixes![0]!;
      assert.equal(fix.safe, false);
      assert.match(applyEdits(text, fix.edits), /model="claude-opus-5-5"/);
    });
  }
  test('the window is 90 days', () => assert.equal(DEPRECATION_WARNING_DAYS, 90));
});

describe('price-cliff margin', () => {
  const text = `${PY_HEAD}SYSTEM = """${'You answer questions about hiking gear and trail conditions. '.repeat(40)}"""\n\ndef ask(q):\n    return oai.chat.completions.create(model="gpt-4.1", max_completion_tokens=300, messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}])\n`;
  async function withThreshold(ratio: number) {
    const r = await analyze('/w/app/cliff.py', text);
    const c = r.calls[0]!;
    const n = c.inputTokens.central;
    const threshold = Math.round(n / ratio);
    const tier = { aboveInputTokens: threshold, inputPerMTok: c.model!.inputPerMTok * 2, outputPerMTok: c.model!.outputPerMTok * 2 };
    const call: AnalyzedCall = { ...c, model: { ...c.model!, priceTiers: [tier] } };
    return { found: priceCliff.check(call, await ctxOf(r, text)), n, threshold };
  }
  test('silent below the margin', async () => {
    assert.equal((await withThreshold(CLIFF_MARGIN - 0.03)).found.length, 0);
  });
  test('fires above the margin with the jump at the threshold', async () => {
    const { found, threshold } = await withThreshold(CLIFF_MARGIN + 0.05);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, new RegExp(`${threshold.toLocaleString('en-US')}-token price threshold`));
    assert.match(found[0]!.message, /a jump of/);
    assert.equal(found[0]!.savingsUsd, null);
  });
  test('above the threshold it gives the saving of trimming to it', async () => {
    const { found } = await withThreshold(1.1);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /is above/);
    assert.ok(found[0]!.savingsUsd!.perCall > 0);
  });
});

describe('cache breakpoints', () => {
  const block = (text: string) => `{"type": "text", "text": ${text}, "cache_control": {"type": "ephemeral"}}`;
  const BIG = `"""${'Policy: refunds within 30 days; exchanges within 60 days; shipping is free over 50 euros. '.repeat(80)}"""`;
  function src(blocks: string[], topLevel = false): string {
    return `${PY_HEAD}BIG = ${BIG}\n\ndef ask(q):\n    return client.messages.create(\n        model="claude-sonnet-4-5",\n        max_tokens=300,\n${topLevel ? '        cache_control={"type": "ephemeral"},\n' : ''}        system=[${blocks.join(', ')}],\n        messages=[{"role": "user", "content": q}],\n    )\n`;
  }
  test('four breakpoints pass, five fail, top-level caching counts as one', async () => {
    for (const [n, top, want] of [[4, false, 0], [5, false, 1], [4, true, 1], [3, true, 0]] as const) {
      const blocks = [block('BIG'), ...Array.from({ length: n - 1 }, (_, i) => block(`"Rule ${i}."`))];
      const text = src(blocks, top);
      const r = await analyze('/w/app/bp.py', text);
      const c = r.calls[0]!;
      const found = tooManyCacheBreakpoints.check(c, await ctxOf(r, text));
      assert.equal(found.length, want, `${n} markers, top-level ${top}`);
      if (want) {
        assert.equal(found[0]!.severity, undefined); // the default (error) applies
        const fixed = applyEdits(text, found[0]!.fixes![0]!.edits);
        const again = await analyze('/w/app/bp.py', fixed);
        assert.equal(tooManyCacheBreakpoints.check(again.calls[0]!, await ctxOf(again, fixed)).length, 0);
      }
    }
  });
  test('a breakpoint after a large block is alive even when its own block is tiny', async () => {
    const text = src([block('BIG'), block('"Be brief."')]);
    const r = await analyze('/w/app/alive.py', text);
    assert.ok(r.calls[0]!.blocks[0]!.cumulative >= 1024);
    assert.equal(deadCacheBreakpoint.check(r.calls[0]!, await ctxOf(r, text)).length, 0);
  });
  test('removeEntryEdit removes an entry with its comma, on one line or on its own line', () => {
    const one = '{"type": "text", "text": T, "cache_control": {"type": "ephemeral"}}';
    const s1 = one.indexOf('"cache_control"');
    assert.equal(applyEdits(one, [removeEntryEdit(one, { start: s1, end: one.length - 1 })]), '{"type": "text", "text": T}');
    const lines = "{\n  text: T,\n  cache_control: { type: 'ephemeral' },\n  x: 1,\n}";
    const s2 = lines.indexOf('cache_control');
    const e2 = lines.indexOf('},', s2) + 1;
    assert.equal(applyEdits(lines, [removeEntryEdit(lines, { start: s2, end: e2 })]), '{\n  text: T,\n  x: 1,\n}');
  });
});

describe('deprecated-model successor spelling', () => {
  test('keeps router prefixes, gives no fix for Bedrock/Vertex ids', () => {
    assert.equal(successorAsWritten('claude-3-5-sonnet-20241022', 'claude-sonnet-5-5', 'anthropic'), 'claude-sonnet-5-5');
    assert.equal(successorAsWritten('anthropic/claude-3-5-sonnet-20241022', 'claude-sonnet-5-5', 'anthropic'), 'anthropic/claude-sonnet-5-5');
    assert.equal(successorAsWritten('openrouter/openai/gpt-4.5-preview', 'gpt-4.1', 'openai'), 'openrouter/openai/gpt-4.1');
    assert.equal(successorAsWritten('anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-sonnet-5-5', 'bedrock'), null);
    assert.equal(successorAsWritten('us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-sonnet-5-5', 'anthropic'), null);
    assert.equal(successorAsWritten('claude-3-5-sonnet-v2@20241022', 'claude-sonnet-5-5', 'vertex'), null);
  });
});

describe('dead-cache-breakpoint with tools', () => {
  const SYS = `"""${'Refunds within 30 days; exchanges within 60 days; free shipping over 50 euros. '.repeat(36)}"""`;
  const TOOL = `{"name": "lookup_order", "description": "Look up an order.", "input_schema": {"type": "object", "properties": {"id": {"type": "string"}}}}`;
  function src(withTools: boolean): string {
    return `${PY_HEAD}SYS = ${SYS}\n\ndef ask(q):\n    return client.messages.create(\n        model="claude-sonnet-4-5",\n        max_tokens=300,\n${withTools ? `        tools=[${TOOL}],\n` : ''}        system=[{"type": "text", "text": SYS, "cache_control": {"type": "ephemeral"}}],\n        messages=[{"role": "user", "content": q}],\n    )\n`;
  }
  test('the tool-use system prompt counts toward a later breakpoint', async () => {
    const plain = src(false);
    const r1 = await analyze('/w/app/plain.py', plain);
    const sys = r1.calls[0]!.blocks[0]!.cumulative;
    assert.ok(sys > 700 && sys < 1024 - 100, `precondition: system prefix ${sys} tokens`);
    assert.equal(deadCacheBreakpoint.check(r1.calls[0]!, await ctxOf(r1, plain)).length, 1);
    const tools = src(true);
    const r2 = await analyze('/w/app/tools.py', tools);
    assert.equal(r2.calls[0]!.blocks[0]!.block.role, 'tools');
    assert.equal(deadCacheBreakpoint.check(r2.calls[0]!, await ctxOf(r2, tools)).length, 0);
  });
});
