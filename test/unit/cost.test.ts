import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { combinedSavings, estimateCost, savings, type CostInput } from '../../src/core/cost/cost';
import { formatMoney, formatTokens } from '../../src/core/cost/format';
import { loadDefaultPricing } from '../../src/core/pricing/table';
import type { ModelEntry } from '../../src/core/types';

const table = loadDefaultPricing();
const model = (id: string): ModelEntry => {
  const m = table.lookup(id);
  assert.ok(m, id);
  return m;
};

const base: CostInput = { inputTokens: 0, cachedPrefixTokens: 0, cacheHitRate: 0, outputTokens: 0, batch: false, callsPerMonth: 1 };

/** Equal within a millionth of a cent: the numbers below are hand-computed from the price sheets. */
function near(actual: number, expected: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what} ${actual} ≠ ${expected}`);
}

describe('estimateCost', () => {
  test('DESIGN example: 4,560 input + 300 output tokens on claude-sonnet-4-5 at 90k calls/month', () => {
    // $3/MTok input, $15/MTok output.
    const c = estimateCost(model('claude-sonnet-4-5'), { ...base, inputTokens: 4560, outputTokens: 300, callsPerMonth: 90_000 });
    near(c.inputUsd, (4560 * 3) / 1e6, 'input'); // 0.01368
    near(c.outputUsd, (300 * 15) / 1e6, 'output'); // 0.0045
    assert.equal(c.perCallUsd, 0.01818);
    assert.equal(c.perMonthUsd, 1636.2);
    assert.equal(c.breakdown.tier, null);
    assert.deepEqual(
      c.breakdown.lines.map((l) => [l.kind, l.tokens, l.perMTok]),
      [
        ['input', 4560, 3],
        ['output', 300, 15],
      ],
    );
  });

  test('Anthropic cache: hits at the read price, misses at the 5m write price, the rest plain', () => {
    // 5,000 input of which 4,000 cached; 90% hits. Read $0.30, 5m write $3.75, input $3.
    const c = estimateCost(model('claude-sonnet-4-5'), {
      ...base,
      inputTokens: 5000,
      cachedPrefixTokens: 4000,
      cacheTtl: '5m',
      cacheHitRate: 0.9,
      outputTokens: 300,
    });
    const expectedInput = (1000 * 3 + 3600 * 0.3 + 400 * 3.75) / 1e6; // 0.00558
    near(c.inputUsd, expectedInput);
    near(c.perCallUsd, expectedInput + 0.0045);
    const kinds = Object.fromEntries(c.breakdown.lines.map((l) => [l.kind, l.tokens]));
    assert.deepEqual(kinds, { input: 1000, cacheRead: 3600, cacheWrite5m: 400, output: 300 });
  });

  test('1h TTL misses are written at 2× input', () => {
    const c = estimateCost(model('claude-sonnet-4-5'), {
      ...base,
      inputTokens: 5000,
      cachedPrefixTokens: 4000,
      cacheTtl: '1h',
      cacheHitRate: 0.9,
    });
    near(c.inputUsd, (1000 * 3 + 3600 * 0.3 + 400 * 6) / 1e6); // 0.00648
  });

  test('implicit caches with no write charge: a miss is plain input (gpt-4o)', () => {
    // Input $2.50, cached input $1.25.
    const c = estimateCost(model('gpt-4o'), { ...base, inputTokens: 5000, cachedPrefixTokens: 4000, cacheHitRate: 0.5, outputTokens: 300 });
    near(c.inputUsd, (1000 * 2.5 + 2000 * 1.25 + 2000 * 2.5) / 1e6); // 0.01
    near(c.outputUsd, (300 * 10) / 1e6);
  });

  test('GPT-5.6+ bills cache writes (30-min write $2.50 on gpt-6.2-sol)', () => {
    const c = estimateCost(model('gpt-6.2-sol'), { ...base, inputTokens: 10_000, cachedPrefixTokens: 8000, cacheHitRate: 0.75 });
    near(c.inputUsd, (2000 * 2 + 6000 * 0.1 + 2000 * 2.5) / 1e6);
  });

  test('no cache price: the cached prefix is plain input', () => {
    const c = estimateCost(model('gpt-4'), { ...base, inputTokens: 3000, cachedPrefixTokens: 2000, cacheHitRate: 1 });
    near(c.inputUsd, (3000 * 30) / 1e6);
  });

  test('never double-counts: input classes add up to the input tokens', () => {
    for (const id of ['claude-opus-5-5', 'gpt-4o', 'gpt-6.2-sol', 'gemini-2.5-pro', 'deepseek-v4-pro', 'claude-haiku-5-5']) {
      for (const [inputTokens, cached, hit] of [
        [1000, 0, 0.9],
        [5000, 4000, 0.9],
        [250_000, 200_000, 0.3],
        [300, 900, 1], // cached prefix larger than the input is clamped
      ]) {
        const c = estimateCost(model(id), { ...base, inputTokens, cachedPrefixTokens: cached, cacheHitRate: hit, outputTokens: 10 });
        const inputLines = c.breakdown.lines.filter((l) => l.kind !== 'output');
        const total = inputLines.reduce((s, l) => s + l.tokens, 0);
        near(total, inputTokens, `${id} ${inputTokens}`);
        near(c.inputUsd, inputLines.reduce((s, l) => s + l.usd, 0), `${id} dollars`);
      }
    }
  });

  test('batch halves every token class; no discount where there is no batch API', () => {
    const batched = estimateCost(model('claude-sonnet-4-5'), { ...base, inputTokens: 4560, outputTokens: 300, batch: true });
    assert.equal(batched.perCallUsd, 0.00909); // (4,560 × $1.50 + 300 × $7.50) / 1M
    assert.equal(batched.breakdown.batchMultiplier, 0.5);
    const cachedBatch = estimateCost(model('claude-sonnet-4-5'), {
      ...base,
      inputTokens: 5000,
      cachedPrefixTokens: 4000,
      cacheHitRate: 0.9,
      batch: true,
    });
    near(cachedBatch.inputUsd, (1000 * 1.5 + 3600 * 0.15 + 400 * 1.875) / 1e6);
    const ds = estimateCost(model('deepseek-v4-pro'), { ...base, inputTokens: 1000, outputTokens: 1000, batch: true });
    near(ds.perCallUsd, (1000 * 1.32 + 1000 * 3.96) / 1e6);
    assert.equal(ds.breakdown.batchMultiplier, 1);
  });

  test('a 300K-token GPT-5.4 request is re-priced whole on the >272K tier', () => {
    // Base $2.50/$15; above 272K: $5 input, $22.50 output, cache read 2× ($0.50).
    const over = estimateCost(model('gpt-5.4'), { ...base, inputTokens: 300_000, outputTokens: 1000 });
    near(over.inputUsd, (300_000 * 5) / 1e6); // 1.5
    near(over.outputUsd, (1000 * 22.5) / 1e6); // 0.0225
    assert.equal(over.breakdown.tier?.aboveInputTokens, 272_000);
    const at = estimateCost(model('gpt-5.4'), { ...base, inputTokens: 272_000, outputTokens: 1000 });
    near(at.inputUsd, (272_000 * 2.5) / 1e6);
    assert.equal(at.breakdown.tier, null);
    const cached = estimateCost(model('gpt-5.4'), { ...base, inputTokens: 300_000, cachedPrefixTokens: 200_000, cacheHitRate: 1 });
    near(cached.inputUsd, (100_000 * 5 + 200_000 * 0.5) / 1e6);
  });

  test('Haiku 5.5 above 100K prompt tokens: whole request at $0.50/$2.50', () => {
    const over = estimateCost(model('claude-haiku-5-5'), { ...base, inputTokens: 150_000, outputTokens: 1000 });
    near(over.perCallUsd, (150_000 * 0.5 + 1000 * 2.5) / 1e6); // 0.0775
    const under = estimateCost(model('claude-haiku-5-5'), { ...base, inputTokens: 100_000, outputTokens: 1000 });
    near(under.perCallUsd, (100_000 * 0.1 + 1000 * 0.5) / 1e6); // 0.0105
    const cachedOver = estimateCost(model('claude-haiku-5-5'), { ...base, inputTokens: 150_000, cachedPrefixTokens: 120_000, cacheHitRate: 1 });
    near(cachedOver.inputUsd, (30_000 * 0.5 + 120_000 * 0.05) / 1e6);
  });

  test('tier cache prices that are not listed scale with the tier input price (Sonnet 4.5 1h write above 200K)', () => {
    const c = estimateCost(model('claude-sonnet-4-5'), { ...base, inputTokens: 250_000, cachedPrefixTokens: 250_000, cacheHitRate: 0, cacheTtl: '1h' });
    near(c.inputUsd, (250_000 * 12) / 1e6);
  });

  test('Gemini Pro above 200K', () => {
    const c = estimateCost(model('gemini-2.5-pro'), { ...base, inputTokens: 250_000, outputTokens: 1000 });
    near(c.perCallUsd, (250_000 * 2.5 + 1000 * 15) / 1e6);
  });

  test('bad numbers never throw and never go negative', () => {
    const c = estimateCost(model('gpt-4o'), { ...base, inputTokens: Number.NaN, outputTokens: -5, cacheHitRate: 7, callsPerMonth: -1 });
    assert.deepEqual([c.inputUsd, c.outputUsd, c.perCallUsd, c.perMonthUsd], [0, 0, 0, 0]);
  });
});

describe('savings', () => {
  test('the difference per call and per month, never negative', () => {
    const m = model('claude-sonnet-4-5');
    const before = estimateCost(m, { ...base, inputTokens: 5000, outputTokens: 300, callsPerMonth: 90_000 });
    const after = estimateCost(m, { ...base, inputTokens: 5000, cachedPrefixTokens: 4000, cacheHitRate: 0.9, outputTokens: 300, callsPerMonth: 90_000 });
    const s = savings(before, after);
    near(s.perCall, before.perCallUsd - after.perCallUsd);
    near(s.perMonth, (before.perCallUsd - after.perCallUsd) * 90_000, 'per month');
    assert.ok(s.perCall > 0);
    assert.deepEqual(savings(after, before), { perCall: 0, perMonth: 0 });
  });
});

describe('formatMoney', () => {
  test('small amounts: 3 significant digits, at least two decimals', () => {
    assert.equal(formatMoney(0.01368), '$0.0137');
    assert.equal(formatMoney(0.0045), '$0.0045');
    assert.equal(formatMoney(0.5), '$0.50');
    assert.equal(formatMoney(0.1 + 0.2), '$0.30');
    assert.equal(formatMoney(0.00004), '<$0.0001');
    assert.equal(formatMoney(0), '$0');
  });

  test('larger amounts: cents below 100, then 3 significant digits with separators', () => {
    assert.equal(formatMoney(12.4), '$12.40');
    assert.equal(formatMoney(1.005), '$1.00');
    assert.equal(formatMoney(123.4), '$123');
    assert.equal(formatMoney(1231.2), '$1,230');
    assert.equal(formatMoney(1_234_567), '$1,230,000');
    assert.equal(formatMoney(-2.5), '-$2.50');
  });

  test('display currency and rate', () => {
    assert.equal(formatMoney(13.48, { currency: 'EUR', rate: 0.92 }), '€12.40');
    assert.equal(formatMoney(10, { currency: 'GBP' }), '£10.00');
    assert.equal(formatMoney(10, { currency: 'CHF', rate: 0.9 }), 'CHF 9.00');
    assert.equal(formatMoney(Number.NaN), '$?');
  });
});

describe('formatTokens', () => {
  test('plain, thousands, k and M', () => {
    assert.equal(formatTokens(300), '300');
    assert.equal(formatTokens(4560), '4,560');
    assert.equal(formatTokens(30_000), '30k');
    assert.equal(formatTokens(12_500), '12.5k');
    assert.equal(formatTokens(272_000), '272k');
    assert.equal(formatTokens(999_999), '1M');
    assert.equal(formatTokens(1_200_000), '1.2M');
    assert.equal(formatTokens(1_048_576), '1.05M');
    assert.equal(formatTokens(Number.POSITIVE_INFINITY), '?');
  });
});

describe('combinedSavings', () => {
  test('one finding saves what it saves; several on one call combine as fractions of its cost', () => {
    assert.equal(combinedSavings(100, [40]), 40);
    assert.equal(combinedSavings(100, []), 0);
    // 60% and 50% of the cost: applied together 1 − 0.4 × 0.5 = 80%, not 110%.
    assert.ok(Math.abs(combinedSavings(100, [60, 50]) - 80) < 1e-9);
    // Never more than the call costs, never less than the largest single saving.
    const c = combinedSavings(10, [9, 9, 9]);
    assert.ok(c <= 10 && c >= 9);
    assert.equal(combinedSavings(10, [25]), 10);
    // Unpriced call: the largest saving; non-finite or negative savings count as none.
    assert.equal(combinedSavings(null, [3, 7, 5]), 7);
    assert.equal(combinedSavings(100, [Number.NaN, -5, 20]), 20);
  });
});
