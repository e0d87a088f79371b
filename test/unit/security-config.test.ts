/**
 * Settings and `.prompt-cost.json` (issue 7): every invalid value gives a message naming the field,
 * the defaults keep working (the engine still analyses with the bad key at its default), and the
 * CLI exits 2 with the same message. Random configs never throw and always leave a valid config.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/core/engine';
import { configSchema, configShape, defaultConfig, parseConfig } from '../../src/core/config/schema';
import { run, type CliIo } from '../../src/cli/main';
import { loadWasm } from '../helpers/wasm';
import { MemFs } from '../helpers/memfs';
import { fuzzRuns, fuzzSeed } from '../helpers/fuzz';

const SAMPLE_PY = 'import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model="claude-sonnet-4-5", messages=[{"role": "user", "content": "hi"}])\n';

/** [label, raw config, the field path the message must name] */
const INVALID: Array<[string, Record<string, unknown>, string]> = [
  ['unknown key', { maxFileSizeKB: 10 }, 'maxFileSizeKB'],
  ['a key that is an Object member', { constructor: 1 }, 'constructor'],
  ['__proto__ as a key', JSON.parse('{"__proto__": {"enable": false}}') as Record<string, unknown>, '__proto__'],
  ['wrong type: boolean as string', { enable: 'yes' }, 'enable'],
  ['wrong type: number as string', { defaultMonthlyCalls: '1000' }, 'defaultMonthlyCalls'],
  ['negative number', { defaultMonthlyCalls: -1 }, 'defaultMonthlyCalls'],
  ['not an integer', { maxFileSizeKb: 1.5 }, 'maxFileSizeKb'],
  ['zero size', { maxFileSizeKb: 0 }, 'maxFileSizeKb'],
  ['rate above 1', { cacheHitRate: 2 }, 'cacheHitRate'],
  ['currency code', { displayCurrency: 'euro' }, 'displayCurrency'],
  ['zero currency rate', { currencyRate: 0 }, 'currencyRate'],
  ['exclude not a list', { exclude: '**/x/**' }, 'exclude'],
  ['exclude entry not a string', { exclude: ['ok/**', 5] }, 'exclude[1]'],
  ['bad severity', { rules: { 'missing-max-tokens': 'loud' } }, 'rules.missing-max-tokens'],
  ['rules not an object', { rules: ['missing-max-tokens'] }, 'rules'],
  ['models not a list', { models: 'gpt-4o' }, 'models'],
  ['model entry null', { models: [null] }, 'models[0]'],
  ['model without id', { models: [{ inputPerMTok: 1 }] }, 'models[0].id'],
  ['model id not a string', { models: [{ id: 5 }] }, 'models[0].id'],
  ['negative input price', { models: [{ id: 'claude-sonnet-4-5', inputPerMTok: -3 }] }, 'models[0].inputPerMTok'],
  ['negative output price on a new model', { models: [{ id: 'acme-1', provider: 'openai', inputPerMTok: 1, outputPerMTok: -2, contextWindow: 1000, maxOutput: 100, tokenizer: 'o200k_base' }] }, 'models[0].outputPerMTok'],
  ['unknown field in a model', { models: [{ id: 'claude-sonnet-4-5', inputPerMtok: 3 }] }, 'models[0].inputPerMtok'],
  ['context window as text', { models: [{ id: 'claude-sonnet-4-5', contextWindow: 'big' }] }, 'models[0].contextWindow'],
  ['second model bad, first kept', { models: [{ id: 'claude-sonnet-4-5', inputPerMTok: 3 }, { id: 'x', outputPerMTok: 'cheap' }] }, 'models[1].outputPerMTok'],
];

describe('invalid settings name the field; the defaults keep working', () => {
  for (const [label, raw, field] of INVALID) {
    test(`engine.configure: ${label} → ${field}`, async () => {
      const engine = await Engine.create({ fs: new MemFs(), loadWasm });
      const withGood = { ...raw, expectedOutputTokens: 777 };
      const problems = engine.configure(withGood);
      const named = problems.filter((p) => p.path === field);
      assert.ok(named.length > 0, `no problem names ${field}: ${JSON.stringify(problems)}`);
      for (const p of named) assert.ok(p.message.trim().length > 3, `an empty message for ${field}`);
      // The valid key next to it is kept; the bad top-level key is at its default.
      assert.equal(engine.config.expectedOutputTokens, 777);
      const top = field.split(/[.[]/)[0]!;
      if (top in configShape && top !== 'models') {
        assert.deepEqual((engine.config as Record<string, unknown>)[top], (defaultConfig() as Record<string, unknown>)[top]);
      }
      assert.ok(configSchema.safeParse(engine.config).success, 'the effective config is valid');
      // And analysis still works.
      const r = await engine.analyze({ path: '/w/a.py', text: SAMPLE_PY });
      assert.equal(r.calls.length, 1);
      assert.ok(r.findings.some((f) => f.ruleId === 'missing-max-tokens'));
      engine.dispose();
    });
  }

  test('a valid custom model is priced; a malformed one is dropped, not half-applied', async () => {
    const engine = await Engine.create({ fs: new MemFs(), loadWasm });
    const good = { id: 'acme-1', provider: 'openai', inputPerMTok: 1, outputPerMTok: 2, contextWindow: 10000, maxOutput: 1000, tokenizer: 'o200k_base' };
    assert.deepEqual(engine.configure({ models: [good] }), []);
    assert.ok(engine.pricing.lookup('acme-1'));
    const problems = engine.configure({ models: [{ ...good, id: 'acme-2', inputPerMTok: -1 }] });
    assert.ok(problems.some((p) => p.path === 'models[0].inputPerMTok'));
    assert.equal(engine.pricing.lookup('acme-2'), null);
    engine.dispose();
  });

  test('random configs never throw, always name a field and leave a valid config', () => {
    const keys = [...Object.keys(configShape), 'bogus', '$schema', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(-1, 0, 1.5, 1e308, Number.NaN, Number.POSITIVE_INFINITY, '', 'USD', [], {}, null, true),
      fc.array(fc.dictionary(fc.constantFrom('id', 'provider', 'inputPerMTok', 'outputPerMTok', 'contextWindow', 'tokenizer', 'priceTiers', 'x', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 2 })), (raw) => {
        const { config, problems } = parseConfig(raw);
        assert.ok(configSchema.safeParse(config).success, `invalid effective config for ${JSON.stringify(raw)}`);
        for (const p of problems) {
          // The path names the field (the empty key `""` is named by an empty path and its message).
          assert.ok(typeof p.path === 'string' && (p.path.length > 0 || /""/.test(p.message)), `no path: ${JSON.stringify(p)}`);
          assert.ok(typeof p.message === 'string' && p.message.length > 0, `no message: ${JSON.stringify(p)}`);
        }
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() + 20 },
    );
  });
});

describe('the CLI exits 2 with the same message', () => {
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-cfg-')));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, 'app.py'), SAMPLE_PY);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(config: string): Promise<{ code: number; out: string; err: string }> {
    fs.writeFileSync(path.join(dir, '.prompt-cost.json'), config);
    let out = '';
    let err = '';
    const io: CliIo = { cwd: dir, env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
    const code = await run(['--format', 'json', 'app.py'], io);
    return { code, out, err };
  }

  for (const [label, raw, field] of INVALID) {
    test(`${label} → exit 2 naming ${field}`, async () => {
      const { code, out, err } = await cli(JSON.stringify(raw));
      assert.equal(code, 2, err);
      assert.equal(out, '', 'no report on a bad config');
      const expected = parseConfig(raw).problems.find((p) => p.path === field);
      assert.ok(expected, `parseConfig names ${field}`);
      assert.ok(err.includes(`.prompt-cost.json: ${field}: ${expected.message}`), `stderr:\n${err}`);
    });
  }

  for (const [label, text] of [
    ['truncated JSON', '{"enable": true'],
    ['comments are not JSON', '{ // a comment\n "enable": true }'],
    ['trailing comma', '{"enable": true,}'],
    ['not an object', '[1, 2]'],
    ['empty file', ''],
  ] as const) {
    test(`malformed .prompt-cost.json (${label}) → exit 2 naming the file`, async () => {
      const { code, err } = await cli(text);
      assert.equal(code, 2);
      assert.match(err, /\.prompt-cost\.json/);
    });
  }

  test('a valid config works', async () => {
    const { code, out } = await cli(JSON.stringify({ rules: { 'missing-max-tokens': 'info' } }));
    assert.equal(code, 0);
    assert.match(out, /missing-max-tokens/);
  });
});
