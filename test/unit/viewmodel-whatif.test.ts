/**
 * What-if arithmetic end to end through the core: analyse real source, build panel rows, apply a
 * scenario, re-price with engine.whatIf, and check every figure against prices read from the model
 * table by hand (input tokens × $/MTok + output cap × $/MTok, × volume, batch discount).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngine } from '../helpers/engine';
import type { Engine } from '../../src/core/engine';
import {
  applyWhatIfOp,
  emptyScenario,
  rowsFromAnalysis,
  totalsOf,
  whatIfFor,
  withAfter,
  type PanelRow,
  type WhatIfScenario,
} from '../../src/core/report/viewmodel';
import type { AnalyzedCall } from '../../src/core/rules/types';

interface TableModel {
  id: string;
  inputPerMTok: number;
  outputPerMTok: number;
  batchDiscount: number | null;
}
const table = JSON.parse(readFileSync(join(__dirname, '../../src/core/pricing/models.json'), 'utf8')) as { models: TableModel[] };
function price(id: string): TableModel {
  const m = table.models.find((x) => x.id === id);
  assert.ok(m, `${id} is in the model table`);
  return m;
}
/** Hand arithmetic: one call's dollars. */
function perCall(model: TableModel, inputTokens: number, outputTokens: number, batch = false): number {
  const usd = (inputTokens * model.inputPerMTok + outputTokens * model.outputPerMTok) / 1e6;
  return batch ? usd * (1 - (model.batchDiscount ?? 0)) : usd;
}
const close = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= Math.max(1e-9, Math.abs(expected) * 1e-9), `${what}: ${actual} ≠ ${expected}`);

const PY = `import anthropic
client = anthropic.Anthropic()

def label(review):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=300,
        messages=[{"role": "user", "content": "Classify the sentiment of this review as positive or negative."}],
    )

def summarise(doc):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=800,
        messages=[{"role": "user", "content": "Summarise the quarterly report in three bullet points for the board."}],
    )
`;

const TS = `import OpenAI from "openai";
const openai = new OpenAI();
export async function tag() {
  return openai.chat.completions.create({
    model: "gpt-4o",
    max_tokens: 50,
    messages: [{ role: "user", content: "Return the language of the text as an ISO code." }],
  });
}
`;

describe('what-if through the engine, checked against the model table', () => {
  let root: string;
  let engine: Engine;
  let rows: Array<{ row: PanelRow; call: AnalyzedCall }>;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pcl-vm-'));
    writeFileSync(join(root, 'app.py'), PY);
    writeFileSync(join(root, 'tag.ts'), TS);
    engine = await testEngine(root, { defaultMonthlyCalls: 20_000 });
    const py = await engine.analyze({ path: join(root, 'app.py'), text: PY });
    const ts = await engine.analyze({ path: join(root, 'tag.ts'), text: TS });
    rows = [...rowsFromAnalysis(py, 'app.py'), ...rowsFromAnalysis(ts, 'tag.ts')];
  });
  after(() => {
    engine?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  async function reprice(s: WhatIfScenario): Promise<PanelRow[]> {
    return Promise.all(
      rows.map(async ({ row, call }) => {
        const change = whatIfFor(row, s);
        return withAfter(row, change, change ? await engine.whatIf(call, change) : null);
      }),
    );
  }

  test('rows carry the engine’s cost as written, matching the table', () => {
    assert.equal(rows.length, 3);
    const [label, summarise, tag] = rows.map((r) => r.row);
    assert.deepEqual([label!.file, label!.line, summarise!.line, tag!.file], ['app.py', 5, 12, 'tag.ts']);
    assert.equal(label!.callsPerMonth, 20_000);
    close(label!.cost?.perCallUsd, perCall(price('claude-sonnet-4-5'), label!.inputTokens.central, 300), 'sonnet $/call');
    close(label!.cost?.perMonthUsd, perCall(price('claude-sonnet-4-5'), label!.inputTokens.central, 300) * 20_000, 'sonnet $/month');
    assert.equal(tag!.inputTokens.exact, true, 'OpenAI counts are exact');
    close(tag!.cost?.perCallUsd, perCall(price('gpt-4o'), tag!.inputTokens.central, 50), 'gpt-4o $/call');
  });

  test('switching every claude-sonnet-4-5 call to claude-haiku-4-5', async () => {
    const s = applyWhatIfOp(emptyScenario(), { kind: 'modelAll', from: 'claude-sonnet-4-5', model: 'claude-haiku-4-5' });
    const out = await reprice(s);
    const haiku = price('claude-haiku-4-5');
    for (const r of out.slice(0, 2)) {
      assert.equal(r.after?.model, 'claude-haiku-4-5');
      // Same tokenizer family: the token count carries over.
      assert.equal(r.after?.inputTokens.central, r.inputTokens.central);
      close(r.after?.cost?.perCallUsd, perCall(haiku, r.inputTokens.central, r.outputTokens), `${r.id} haiku $/call`);
      close(r.after?.cost?.perMonthUsd, perCall(haiku, r.inputTokens.central, r.outputTokens) * 20_000, `${r.id} haiku $/month`);
    }
    assert.equal(out[2]!.after, undefined, 'the gpt-4o call is untouched');
    const t = totalsOf(out);
    const sonnet = price('claude-sonnet-4-5');
    const before = out.slice(0, 2).reduce((sum, r) => sum + perCall(sonnet, r.inputTokens.central, r.outputTokens) * 20_000, 0) + out[2]!.cost!.perMonthUsd;
    const afterTotal = out.slice(0, 2).reduce((sum, r) => sum + perCall(haiku, r.inputTokens.central, r.outputTokens) * 20_000, 0) + out[2]!.cost!.perMonthUsd;
    close(t.perMonthUsd, before, 'workspace before');
    close(t.afterPerMonthUsd, afterTotal, 'workspace after');
    close(t.deltaPerMonthUsd, afterTotal - before, 'difference');
    assert.ok(t.deltaPerMonthUsd < 0);
  });

  test('one call: model switch to another provider; batch halves; volume rescales', async () => {
    const label = rows[0]!.row;
    let s = applyWhatIfOp(emptyScenario(), { kind: 'model', id: label.id, model: 'gpt-4o-mini' });
    s = applyWhatIfOp(s, { kind: 'batch', id: rows[1]!.row.id, batch: true });
    s = applyWhatIfOp(s, { kind: 'callVolume', id: rows[2]!.row.id, callsPerMonth: 1234 });
    const [a, b, c] = await reprice(s);
    assert.equal(a!.after?.model, 'gpt-4o-mini');
    close(a!.after?.cost?.perCallUsd, perCall(price('gpt-4o-mini'), a!.after!.inputTokens.central, 300), 'gpt-4o-mini $/call');
    assert.equal(b!.after?.batch, true);
    close(b!.after?.cost?.perCallUsd, perCall(price('claude-sonnet-4-5'), b!.inputTokens.central, 800, true), 'batched sonnet $/call');
    close(b!.after?.cost?.perCallUsd, b!.cost!.perCallUsd * 0.5, 'batch is 50% off');
    assert.equal(c!.after?.callsPerMonth, 1234);
    close(c!.after?.cost?.perMonthUsd, c!.cost!.perCallUsd * 1234, 'volume change');
  });

  test('a global volume scale multiplies every call’s monthly cost', async () => {
    const out = await reprice(applyWhatIfOp(emptyScenario(), { kind: 'volumeScale', value: 2.5 }));
    const t = totalsOf(out);
    close(t.afterPerMonthUsd, t.perMonthUsd * 2.5, 'scaled total');
  });

  test('switching to a model the table does not know leaves the call unpriced after', async () => {
    const out = await reprice(applyWhatIfOp(emptyScenario(), { kind: 'model', id: rows[0]!.row.id, model: 'no-such-model-xyz' }));
    assert.equal(out[0]!.after?.cost, null);
  });
});
