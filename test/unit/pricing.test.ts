import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import models from '../../src/core/pricing/models.json';
import { modelEntrySchema, modelOverrideSchema, modelsFileSchema } from '../../src/core/pricing/schema';
import { loadDefaultPricing, normalisedForms, PricingTable } from '../../src/core/pricing/table';
import { parseConfig } from '../../src/core/config/schema';
import type { ModelEntry } from '../../src/core/types';

const table = loadDefaultPricing();

function id(q: string, hint?: string): string | null {
  return table.lookup(q, hint)?.id ?? null;
}

describe('built-in table', () => {
  test('models.json passes the schema unchanged (it is loaded without validation at run time)', () => {
    const r = modelsFileSchema.safeParse(models);
    assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
    // No default filled in, nothing transformed: the shipped file is already the schema's output.
    assert.deepEqual(r.data, models);
  });

  test('pricingDate is the newest checked date', () => {
    const newest = table
      .all()
      .map((m) => m.checked)
      .sort()
      .at(-1);
    assert.equal(table.pricingDate, newest);
  });

  test('ids and aliases are unique within a provider, siblings and successors resolve', () => {
    const seen = new Map<string, string>();
    for (const m of table.all()) {
      for (const name of [m.id, ...m.aliases]) {
        const k = `${m.provider}:${name.toLowerCase()}`;
        assert.ok(!seen.has(k), `${name} appears on ${seen.get(k)} and ${m.id}`);
        seen.set(k, m.id);
      }
      if (m.cheaperSibling) {
        const sib = table.lookup(m.cheaperSibling);
        assert.ok(sib, `${m.id}: sibling ${m.cheaperSibling} is not in the table`);
        assert.equal(sib.provider, m.provider, `${m.id}: sibling of another provider`);
        assert.ok(sib.inputPerMTok < m.inputPerMTok, `${m.id}: sibling ${sib.id} is not cheaper`);
        assert.equal(sib.deprecation, null, `${m.id}: sibling ${sib.id} is deprecated`);
      }
      if (m.deprecation?.successor) {
        const next = table.lookup(m.deprecation.successor);
        assert.ok(next, `${m.id}: successor ${m.deprecation.successor} is not in the table`);
        assert.equal(next.deprecation, null, `${m.id}: successor ${next.id} is itself deprecated`);
      }
    }
  });

  test('current models carry the prices of the newest facts', () => {
    const opus = table.lookup('claude-opus-5-5')!;
    assert.deepEqual([opus.inputPerMTok, opus.outputPerMTok, opus.cacheWrite5mPerMTok, opus.cacheWrite1hPerMTok, opus.cacheReadPerMTok], [4, 20, 5, 8, 0.2]);
    const sonnet = table.lookup('claude-sonnet-5-5')!;
    assert.equal(sonnet.cacheReadPerMTok, 0.1);
    const sol = table.lookup('gpt-6.2-sol')!;
    assert.deepEqual([sol.inputPerMTok, sol.outputPerMTok, sol.cacheReadPerMTok, sol.cacheWrite5mPerMTok], [2, 10, 0.1, 2.5]);
    assert.equal(sol.tokenizer, 'o200k_base');
    assert.match(sol.source, /assumed/);
    const ds = table.lookup('deepseek-v4-pro')!;
    assert.equal(ds.inputPerMTok, 1.32);
    assert.equal(ds.batchDiscount, null);
    assert.match(ds.source, /peak/);
  });

  test('tokenizers by generation', () => {
    assert.equal(table.lookup('claude-opus-4-6')!.tokenizer, 'claude');
    assert.equal(table.lookup('claude-opus-4-7')!.tokenizer, 'claude-2026');
    assert.equal(table.lookup('claude-haiku-5-5')!.tokenizer, 'claude-2026');
    assert.equal(table.lookup('claude-haiku-4-5')!.tokenizer, 'claude');
    assert.equal(table.lookup('gpt-4')!.tokenizer, 'cl100k_base');
    assert.equal(table.lookup('gpt-3.5-turbo')!.tokenizer, 'cl100k_base');
    assert.equal(table.lookup('gpt-4o')!.tokenizer, 'o200k_base');
    assert.equal(table.lookup('o3-mini')!.tokenizer, 'o200k_base');
    assert.equal(table.lookup('gemini-2.5-pro')!.tokenizer, 'gemini');
    assert.equal(table.lookup('deepseek-chat')!.tokenizer, 'deepseek');
  });

  test('price cliffs and deprecations that rules rely on', () => {
    assert.deepEqual(
      table.lookup('gpt-5.4')!.priceTiers.map((t) => [t.aboveInputTokens, t.inputPerMTok, t.outputPerMTok]),
      [[272000, 5, 22.5]],
    );
    assert.equal(table.lookup('gemini-2.5-pro')!.priceTiers[0].aboveInputTokens, 200000);
    assert.equal(table.lookup('claude-sonnet-4-5')!.priceTiers[0].aboveInputTokens, 200000);
    assert.equal(table.lookup('claude-haiku-5-5')!.priceTiers[0].aboveInputTokens, 100000);
    assert.deepEqual(table.lookup('gemini-3-pro-preview')!.deprecation, { date: '2026-03-26', successor: 'gemini-3.1-pro-preview' });
    assert.ok(table.lookup('claude-opus-4-1')!.deprecation);
    assert.ok(table.lookup('gpt-3.5-turbo')!.deprecation);
    assert.equal(table.lookup('claude-sonnet-5-5')!.deprecation, null);
  });

  test('minimum cacheable prefixes', () => {
    assert.equal(table.lookup('claude-opus-4-5')!.minCacheableTokens, 4096);
    assert.equal(table.lookup('claude-sonnet-4-5')!.minCacheableTokens, 1024);
    assert.equal(table.lookup('claude-haiku-4-5')!.minCacheableTokens, 4096);
    assert.equal(table.lookup('claude-fable-5-1')!.minCacheableTokens, 512);
    assert.equal(table.lookup('gpt-4o')!.minCacheableTokens, 1024);
    assert.equal(table.lookup('gemini-2.5-flash')!.minCacheableTokens, 1024);
    assert.equal(table.lookup('gemini-2.5-pro')!.minCacheableTokens, 4096);
  });
});

describe('lookup', () => {
  test('exact ids, any case', () => {
    assert.equal(id('claude-sonnet-4-5'), 'claude-sonnet-4-5');
    assert.equal(id('GPT-4o'), 'gpt-4o');
    assert.equal(id('  gpt-6.2-sol '), 'gpt-6.2-sol');
  });

  test('date-suffixed ids and -latest', () => {
    assert.equal(id('claude-opus-4-1-20250805'), 'claude-opus-4-1');
    assert.equal(id('claude-3-5-sonnet-20241022'), 'claude-3-5-sonnet');
    assert.equal(id('gpt-4o-2024-08-06'), 'gpt-4o');
    assert.equal(id('claude-3-5-sonnet-latest'), 'claude-3-5-sonnet');
    assert.equal(id('claude-3-opus-latest'), 'claude-3-opus');
    // Not in the alias list: found by stripping the date suffix.
    assert.equal(id('claude-sonnet-5-5-20261001'), 'claude-sonnet-5-5');
    assert.equal(id('gpt-4.1-mini-2099-01-01'), 'gpt-4.1-mini');
    // A distinct dated snapshot with its own price keeps its own entry.
    assert.equal(id('gpt-4o-2024-05-13'), 'gpt-4o-2024-05-13');
  });

  test('LiteLLM provider prefixes', () => {
    assert.equal(id('anthropic/claude-sonnet-4-5'), 'claude-sonnet-4-5');
    assert.equal(id('openai/gpt-4o-mini'), 'gpt-4o-mini');
    assert.equal(id('gemini/gemini-2.5-flash'), 'gemini-2.5-flash');
    assert.equal(id('vertex_ai/gemini-2.5-pro'), 'gemini-2.5-pro');
    assert.equal(id('deepseek/deepseek-chat'), 'deepseek-chat');
    assert.equal(id('azure/gpt-4.1'), 'gpt-4.1');
    assert.equal(id('openrouter/anthropic/claude-opus-5-5'), 'claude-opus-5-5');
  });

  test('Bedrock ids', () => {
    assert.equal(id('anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5');
    assert.equal(id('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5');
    assert.equal(id('eu.anthropic.claude-3-5-sonnet-20241022-v2:0'), 'claude-3-5-sonnet');
    assert.equal(id('global.anthropic.claude-opus-4-6-v1'), 'claude-opus-4-6');
    assert.equal(id('bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0'), 'claude-haiku-4-5');
    // Region not in the alias list: normalised.
    assert.equal(id('jp.anthropic.claude-sonnet-5-5'), 'claude-sonnet-5-5');
    assert.equal(id('bedrock/converse/us.anthropic.claude-opus-4-1-20250805-v1:0'), 'claude-opus-4-1');
  });

  test('Vertex ids and Gemini models/ names', () => {
    assert.equal(id('claude-sonnet-4-5@20250929'), 'claude-sonnet-4-5');
    assert.equal(id('vertex_ai/claude-opus-4-6@default'), 'claude-opus-4-6');
    assert.equal(id('claude-3-5-sonnet-v2@20241022'), 'claude-3-5-sonnet');
    assert.equal(id('models/gemini-2.5-flash'), 'gemini-2.5-flash');
    assert.equal(id('publishers/google/models/gemini-2.5-pro'), 'gemini-2.5-pro');
    assert.equal(id('gemini-2.0-flash-001'), 'gemini-2.0-flash');
    assert.equal(id('models/gemini-2.5-flash-preview-09-2025'), 'gemini-2.5-flash');
  });

  test('never a fuzzy match', () => {
    assert.equal(id('claude-sonet-4-5'), null);
    assert.equal(id('gpt4o'), null);
    assert.equal(id('gpt-4o-mini-extra'), null);
    assert.equal(id('my-company/gpt-4o'), null);
    assert.equal(id(''), null);
    assert.equal(id('claude'), null);
    // Priced differently from gpt-4o ($5/$15): not an alias.
    assert.equal(id('chatgpt-4o-latest'), null);
  });

  test('provider hint picks among same-named entries', () => {
    assert.equal(table.lookup('llama-3.3-70b', 'groq')!.provider, 'groq');
    assert.equal(table.lookup('llama-3.3-70b', 'together')!.provider, 'together');
    assert.equal(table.lookup('together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo')!.provider, 'together');
    // A DeepSeek model through the OpenAI client is still DeepSeek's.
    assert.equal(table.lookup('deepseek-chat', 'openai')!.provider, 'deepseek');
    assert.equal(table.lookup('deepseek-chat', 'deepseek')!.provider, 'deepseek');
  });

  test('normalisedForms strips one decoration at a time', () => {
    const { forms, prefixProvider } = normalisedForms('bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(forms.at(-1), 'claude-sonnet-4-5');
    assert.equal(prefixProvider, null);
    assert.equal(normalisedForms('gemini/models/gemini-2.5-pro').prefixProvider, 'google');
  });
});

describe('nearest', () => {
  test('suggests close ids', () => {
    assert.equal(table.nearest('claude-sonet-4-5'), 'claude-sonnet-4-5');
    assert.equal(table.nearest('gpt4o'), 'gpt-4o');
    assert.equal(table.nearest('gpt-4o-mnii'), 'gpt-4o-mini');
    assert.equal(table.nearest('gemini-2.5-flsh'), 'gemini-2.5-flash');
    assert.equal(table.nearest('claude-sonnet-4-5-experimental'), 'claude-sonnet-4-5');
    assert.equal(table.nearest('anthropic/claude-hiku-4-5'), 'claude-haiku-4-5');
  });

  test('stays silent when nothing is close, or the id is known', () => {
    assert.equal(table.nearest('llama-2-7b-chat'), null);
    assert.equal(table.nearest('my-finetune'), null);
    assert.equal(table.nearest('x'), null);
    assert.equal(table.nearest('gpt-4o'), null);
    // Another version number is another model, not a typo.
    assert.equal(table.nearest('gpt-7'), null);
    assert.equal(table.nearest('claude-opus-6'), null);
  });
});

describe('overrides', () => {
  test('override fields of a known model; the rest stays', () => {
    const { table: t, problems } = table.withOverrides([{ id: 'claude-sonnet-4-5', inputPerMTok: 2.5 }]);
    assert.deepEqual(problems, []);
    const m = t.lookup('claude-sonnet-4-5')!;
    assert.equal(m.inputPerMTok, 2.5);
    assert.equal(m.outputPerMTok, 15);
    // Aliases still resolve to the overridden entry; the base table is untouched.
    assert.equal(t.lookup('us.anthropic.claude-sonnet-4-5-20250929-v1:0')!.inputPerMTok, 2.5);
    assert.equal(table.lookup('claude-sonnet-4-5')!.inputPerMTok, 3);
  });

  test('a new model with provider and prices is added with stated defaults', () => {
    const { table: t, problems, notes } = table.withOverrides([
      { id: 'acme-large', provider: 'acme', inputPerMTok: 1, outputPerMTok: 4, contextWindow: 64000 },
    ]);
    assert.deepEqual(problems, []);
    const m = t.lookup('acme-large')!;
    assert.equal(m.provider, 'acme');
    assert.equal(m.contextWindow, 64000);
    assert.equal(m.maxOutput, 64000);
    assert.equal(m.cacheReadPerMTok, null);
    assert.equal(m.tokenizer, 'generic');
    assert.match(m.source, /assumed/);
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /maxOutput/);
    assert.ok(modelEntrySchema.safeParse(m).success);
  });

  test('a new Anthropic model gets the usual cache multipliers', () => {
    const { table: t } = table.withOverrides([{ id: 'claude-next', provider: 'anthropic', inputPerMTok: 4, outputPerMTok: 20 }]);
    const m = t.lookup('claude-next')!;
    assert.deepEqual([m.cacheWrite5mPerMTok, m.cacheWrite1hPerMTok, m.cacheReadPerMTok], [5, 8, 0.4]);
  });

  test('a new model without prices is reported by index, naming what is missing', () => {
    const { table: t, problems } = table.withOverrides([
      { id: 'gpt-4o', outputPerMTok: 9 },
      { id: 'mystery-model', provider: 'acme', inputPerMTok: 1 },
    ]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'models[1]');
    assert.match(problems[0].message, /outputPerMTok/);
    assert.doesNotMatch(problems[0].message, /provider/);
    assert.equal(t.lookup('mystery-model'), null);
    assert.equal(t.lookup('gpt-4o')!.outputPerMTok, 9);
  });

  test('a bad field is named by its path and the other entries still apply', () => {
    const { table: t, problems } = table.withOverrides([
      { id: 'gpt-4o', inputPerMTok: 2 },
      { id: 'claude-opus-5-5', inputPerMTok: -1 },
      { id: 'gpt-4o-mini', inputPerMtok: 1 },
    ]);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['models[1].inputPerMTok', 'models[2].inputPerMtok'],
    );
    assert.match(problems[1].message, /unknown field/);
    assert.equal(t.lookup('gpt-4o')!.inputPerMTok, 2);
    assert.equal(t.lookup('claude-opus-5-5')!.inputPerMTok, 4);
  });

  test('a dated id that is not an alias adds a model rather than overriding the base one', () => {
    const { problems } = table.withOverrides([{ id: 'claude-sonnet-4-5-20990101', inputPerMTok: 1 }]);
    assert.equal(problems[0].path, 'models[0]');
  });

  test('schemas: override needs an id, entries are strict', () => {
    assert.equal(modelOverrideSchema.safeParse({ inputPerMTok: 1 }).success, false);
    assert.equal(modelOverrideSchema.safeParse({ id: 'x', tier: 'huge' }).success, false);
    assert.equal(modelOverrideSchema.safeParse({ id: 'x', contextWindow: 0 }).success, false);
    const entry = table.lookup('gpt-4o') as ModelEntry;
    assert.equal(modelEntrySchema.safeParse({ ...entry, extra: 1 }).success, false);
    assert.equal(modelEntrySchema.safeParse({ ...entry, checked: '29/07/2026' }).success, false);
  });

  test('PricingTable can be built from entries', () => {
    const t = new PricingTable([table.lookup('gpt-4o')!], '2026-01-01');
    assert.equal(t.all().length, 1);
    assert.equal(t.pricingDate, '2026-01-01');
    assert.equal(t.lookup('claude-sonnet-4-5'), null);
  });
});

describe('config models validation', () => {
  test('bad entries are reported by path, valid ones are kept', () => {
    const { config, problems } = parseConfig({
      models: [
        { id: 'gpt-4o', inputPerMTok: 2 },
        { id: 'claude-opus-5-5', inputPerMTok: 'cheap' },
        { id: 'acme', provider: 'acme', inputPerMTok: 1, outputPerMTok: 2, contxtWindow: 5 },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['models[1].inputPerMTok', 'models[2].contxtWindow'],
    );
    assert.deepEqual(config.models, [{ id: 'gpt-4o', inputPerMTok: 2 }]);
  });

  test('a models value that is not a list falls back to the default', () => {
    const { config, problems } = parseConfig({ models: { id: 'gpt-4o' } });
    assert.equal(problems[0].path, 'models');
    assert.deepEqual(config.models, []);
  });
});
