import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyWhatIfOp,
  buildView,
  chartBars,
  csvField,
  defaultViewOptions,
  deltaPerMonth,
  emptyScenario,
  filterRows,
  groupRows,
  mdCell,
  scenarioIsEmpty,
  sortRows,
  toCsv,
  toJson,
  toMarkdown,
  totalsOf,
  whatIfFor,
  withAfter,
  type PanelRow,
  type RowFinding,
} from '../../src/core/report/viewmodel';

let seq = 0;
function row(p: Partial<PanelRow> & { perMonth?: number | null; perCall?: number }): PanelRow {
  seq++;
  const { perMonth, perCall, ...rest } = p;
  const file = rest.file ?? 'src/app.py';
  const line = rest.line ?? seq;
  const cost = perMonth === null ? null : { perCallUsd: perCall ?? (perMonth ?? 1) / 1000, perMonthUsd: perMonth ?? 1 };
  const base: PanelRow = {
    id: `${file}:${line}:1`,
    file,
    line,
    column: 1,
    provider: 'anthropic',
    api: 'messages.create',
    language: 'python',
    model: 'claude-sonnet-4-5',
    priced: cost !== null,
    inputTokens: { central: 100, low: 80, high: 130, exact: false, dynamic: false },
    maxTokens: 300,
    outputTokens: 300,
    callsPerMonth: 1000,
    volumeLabel: '1,000/month',
    batch: false,
    batchAvailable: true,
    cache: 'none',
    cost,
    findings: [],
    savingsPerMonthUsd: 0,
    inTest: false,
  };
  const r = { ...base, ...rest };
  r.id = `${r.file}:${r.line}:${r.column}`;
  return r;
}

function finding(ruleId: string, perMonth: number | null): RowFinding {
  return { ruleId, severity: 'warning', message: `${ruleId} message`, line: 1, savingsPerCallUsd: perMonth === null ? null : perMonth / 1000, savingsPerMonthUsd: perMonth };
}

function after(r: PanelRow, perMonth: number | null, model = r.model): PanelRow {
  return {
    ...r,
    after: {
      model,
      inputTokens: r.inputTokens,
      batch: r.batch,
      callsPerMonth: r.callsPerMonth,
      cost: perMonth === null ? null : { perCallUsd: perMonth / r.callsPerMonth, perMonthUsd: perMonth },
    },
  };
}

describe('totals', () => {
  test('sums priced calls, counts unpriced and excludes test calls', () => {
    const rows = [
      row({ perMonth: 100, findings: [finding('missing-max-tokens', 20)], savingsPerMonthUsd: 20 }),
      row({ perMonth: 50.5 }),
      row({ perMonth: null, model: 'my-private-model' }),
      row({ perMonth: 999, inTest: true, findings: [finding('missing-cache-control', 5)], savingsPerMonthUsd: 5 }),
    ];
    const t = totalsOf(rows);
    assert.equal(t.calls, 3);
    assert.equal(t.unpriced, 1);
    assert.equal(t.testCalls, 1);
    assert.equal(t.perMonthUsd, 150.5);
    assert.equal(t.afterPerMonthUsd, 150.5);
    assert.equal(t.deltaPerMonthUsd, 0);
    assert.equal(t.savingsPerMonthUsd, 20);
    assert.equal(t.findings, 1);
  });

  test('what-if totals: after and difference', () => {
    const a = after(row({ perMonth: 100 }), 30);
    const b = row({ perMonth: 10 });
    const t = totalsOf([a, b]);
    assert.equal(t.perMonthUsd, 110);
    assert.equal(t.afterPerMonthUsd, 40);
    assert.equal(t.deltaPerMonthUsd, -70);
    assert.equal(deltaPerMonth(a), -70);
    assert.equal(deltaPerMonth(b), 0);
  });

  test('a call switched to an unpriced model keeps its before side only', () => {
    const a = after(row({ perMonth: 100 }), null, 'unknown-model');
    const t = totalsOf([a]);
    assert.equal(t.perMonthUsd, 100);
    assert.equal(t.afterPerMonthUsd, 0);
    assert.equal(deltaPerMonth(a), null);
    assert.equal(t.unpriced, 0);
  });
});

describe('filtering', () => {
  const rows = [
    row({ file: 'svc/Billing.py', provider: 'openai', model: 'gpt-4o', findings: [finding('missing-max-tokens', 1)] }),
    row({ file: 'svc/chat.ts', provider: 'anthropic', model: 'claude-sonnet-4-5' }),
    row({ file: 'jobs/nightly.py', provider: 'anthropic', model: null }),
  ];
  test('by provider, model, file (case-insensitive substring) and findings', () => {
    assert.deepEqual(filterRows(rows, { provider: 'anthropic' }).map((r) => r.file), ['svc/chat.ts', 'jobs/nightly.py']);
    assert.deepEqual(filterRows(rows, { model: 'gpt-4o' }).map((r) => r.file), ['svc/Billing.py']);
    assert.deepEqual(filterRows(rows, { model: '' }).map((r) => r.file), ['jobs/nightly.py']);
    assert.deepEqual(filterRows(rows, { file: 'BILLING' }).map((r) => r.file), ['svc/Billing.py']);
    assert.deepEqual(filterRows(rows, { hasFindings: true }).map((r) => r.file), ['svc/Billing.py']);
    assert.deepEqual(filterRows(rows, { hasFindings: false }).map((r) => r.file), ['svc/chat.ts', 'jobs/nightly.py']);
    assert.deepEqual(filterRows(rows, { provider: 'anthropic', file: 'svc/' }).map((r) => r.file), ['svc/chat.ts']);
    assert.equal(filterRows(rows, {}).length, 3);
  });
});

describe('sorting', () => {
  const rows = [
    row({ file: 'b.py', line: 1, perMonth: 10 }),
    row({ file: 'a.py', line: 9, perMonth: null, model: null, maxTokens: null }),
    row({ file: 'a.py', line: 2, perMonth: 500 }),
    row({ file: 'c.py', line: 3, perMonth: 10 }),
  ];
  const ids = (rs: PanelRow[]) => rs.map((r) => `${r.file}:${r.line}`);

  test('by monthly cost, both directions; unpriced last either way; ties by location', () => {
    assert.deepEqual(ids(sortRows(rows, 'perMonth', 'desc')), ['a.py:2', 'b.py:1', 'c.py:3', 'a.py:9']);
    assert.deepEqual(ids(sortRows(rows, 'perMonth', 'asc')), ['b.py:1', 'c.py:3', 'a.py:2', 'a.py:9']);
  });

  test('by location and by text columns', () => {
    assert.deepEqual(ids(sortRows(rows, 'location', 'asc')), ['a.py:2', 'a.py:9', 'b.py:1', 'c.py:3']);
    assert.deepEqual(ids(sortRows(rows, 'location', 'desc')), ['c.py:3', 'b.py:1', 'a.py:9', 'a.py:2']);
    const m = [row({ model: 'gpt-4o' }), row({ model: 'claude-haiku-4-5' }), row({ model: null })];
    assert.deepEqual(sortRows(m, 'model', 'asc').map((r) => r.model), ['claude-haiku-4-5', 'gpt-4o', null]);
    assert.deepEqual(sortRows(m, 'model', 'desc').map((r) => r.model), ['gpt-4o', 'claude-haiku-4-5', null]);
  });

  test('by output cap (absent caps last) and by what-if difference', () => {
    assert.deepEqual(ids(sortRows(rows, 'maxTokens', 'asc')).at(-1), 'a.py:9');
    const d = [after(row({ file: 'x.py', perMonth: 100 }), 40), after(row({ file: 'y.py', perMonth: 100 }), 150), row({ file: 'z.py', perMonth: 5 })];
    assert.deepEqual(sortRows(d, 'delta', 'asc').map((r) => r.file), ['x.py', 'z.py', 'y.py']);
  });

  test('sorting by cost uses the what-if cost when there is one', () => {
    const d = [after(row({ file: 'x.py', perMonth: 100 }), 1), row({ file: 'y.py', perMonth: 50 })];
    assert.deepEqual(sortRows(d, 'perMonth', 'desc').map((r) => r.file), ['y.py', 'x.py']);
  });
});

describe('grouping', () => {
  const rows = [
    row({ model: 'gpt-4o', provider: 'openai', perMonth: 10, file: 'a.py' }),
    row({ model: 'claude-opus-4-1', perMonth: 300, file: 'a.py' }),
    row({ model: 'gpt-4o', provider: 'openai', perMonth: 30, file: 'b.py' }),
    row({ model: null, perMonth: null, file: 'b.py' }),
  ];
  test('by model: groups ordered by cost, totals per group, dynamic models labelled', () => {
    const g = groupRows(rows, 'model');
    assert.deepEqual(g.map((x) => x.label), ['claude-opus-4-1', 'gpt-4o', '(dynamic model)']);
    assert.equal(g[1]!.totals.perMonthUsd, 40);
    assert.equal(g[1]!.totals.calls, 2);
    assert.equal(g[2]!.totals.unpriced, 1);
  });
  test('by provider and by file', () => {
    assert.deepEqual(groupRows(rows, 'provider').map((x) => [x.label, x.totals.perMonthUsd]), [['anthropic', 300], ['openai', 40]]);
    assert.deepEqual(groupRows(rows, 'file').map((x) => [x.label, x.totals.perMonthUsd]), [['a.py', 310], ['b.py', 30]]);
  });
  test('the group totals add up to the workspace total', () => {
    for (const by of ['model', 'provider', 'file'] as const) {
      const sum = groupRows(rows, by).reduce((s, g) => s + g.totals.perMonthUsd, 0);
      assert.equal(sum, totalsOf(rows).perMonthUsd);
    }
  });
});

describe('view', () => {
  test('cuts rows at the limit across groups while group totals cover every matching row', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row({ model: i % 3 === 0 ? 'gpt-4o' : 'claude-haiku-4-5', perMonth: i + 1, file: `f${i}.py`, line: 1 }));
    const v = buildView(rows, { ...defaultViewOptions(), groupBy: 'model', limit: 12 });
    assert.equal(v.matchingRows, 30);
    assert.equal(v.shownRows, 12);
    assert.equal(v.groups.reduce((s, g) => s + g.rows.length, 0), 12);
    const haiku = v.groups.find((g) => g.key === 'claude-haiku-4-5')!;
    assert.equal(haiku.totals.calls, 20);
    assert.equal(v.totals.perMonthUsd, (30 * 31) / 2);
    assert.deepEqual(v.facets.models, ['claude-haiku-4-5', 'gpt-4o']);
    assert.equal(v.whatIfActive, false);
  });

  test('filtered totals and workspace totals differ', () => {
    const rows = [row({ provider: 'openai', perMonth: 5 }), row({ provider: 'anthropic', perMonth: 7 })];
    const v = buildView(rows, { ...defaultViewOptions(), filter: { provider: 'openai' } });
    assert.equal(v.totals.perMonthUsd, 5);
    assert.equal(v.workspace.perMonthUsd, 12);
    assert.equal(v.allRows, 2);
  });

  test('chart folds the tail into "others"', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row({ file: `f${i}.py`, perMonth: 100 - i }));
    const bars = chartBars(rows, 'file', 5);
    assert.equal(bars.length, 5);
    assert.equal(bars[0]!.label, 'f0.py');
    assert.equal(bars[4]!.label, '8 others');
    assert.equal(bars.reduce((s, b) => s + b.perMonthUsd, 0), totalsOf(rows).perMonthUsd);
  });
});

describe('what-if scenario', () => {
  const r = row({ model: 'claude-opus-4-1', callsPerMonth: 2000, batch: false });
  test('an empty scenario changes nothing', () => {
    assert.equal(whatIfFor(r, emptyScenario()), null);
    assert.ok(scenarioIsEmpty(emptyScenario()));
  });
  test('switch every call using a model; a per-call model wins', () => {
    let s = applyWhatIfOp(emptyScenario(), { kind: 'modelAll', from: 'claude-opus-4-1', model: 'claude-haiku-4-5' });
    assert.deepEqual(whatIfFor(r, s), { model: 'claude-haiku-4-5' });
    assert.equal(whatIfFor(row({ model: 'gpt-4o' }), s), null);
    s = applyWhatIfOp(s, { kind: 'model', id: r.id, model: 'claude-sonnet-4-5' });
    assert.deepEqual(whatIfFor(r, s), { model: 'claude-sonnet-4-5' });
    s = applyWhatIfOp(s, { kind: 'model', id: r.id, model: null });
    assert.deepEqual(whatIfFor(r, s), { model: 'claude-haiku-4-5' });
    s = applyWhatIfOp(s, { kind: 'modelAll', from: 'claude-opus-4-1', model: 'claude-opus-4-1' });
    assert.ok(scenarioIsEmpty(s));
  });
  test('batch, cache hit rate, volume scale and per-call volume', () => {
    let s = applyWhatIfOp(emptyScenario(), { kind: 'batch', id: r.id, batch: true });
    assert.deepEqual(whatIfFor(r, s), { batch: true });
    s = applyWhatIfOp(s, { kind: 'cacheHitRate', value: 1.7 });
    assert.equal(s.cacheHitRate, 1);
    s = applyWhatIfOp(s, { kind: 'volumeScale', value: 3 });
    assert.deepEqual(whatIfFor(r, s), { batch: true, cacheHitRate: 1, callsPerMonth: 6000 });
    s = applyWhatIfOp(s, { kind: 'callVolume', id: r.id, callsPerMonth: 50 });
    assert.deepEqual(whatIfFor(r, s), { batch: true, cacheHitRate: 1, callsPerMonth: 50 });
    assert.deepEqual(whatIfFor(row({}), s), { cacheHitRate: 1, callsPerMonth: 3000 });
    s = applyWhatIfOp(s, { kind: 'volumeScale', value: 1 });
    assert.equal(s.volumeScale, null);
    assert.ok(scenarioIsEmpty(applyWhatIfOp(s, { kind: 'reset' })));
  });
  test('batch set back to the call’s own value drops the override', () => {
    const s = applyWhatIfOp(emptyScenario(), { kind: 'batch', id: r.id, batch: null });
    assert.deepEqual(s.calls, {});
  });
});

describe('export', () => {
  test('CSV fields: commas, quotes and newlines quoted per RFC 4180; formulas neutralised', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line1\nline2'), '"line1\nline2"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField(-3.5), '-3.5');
    assert.equal(csvField(null), '');
  });

  test('CSV of rows with hostile file names stays one record per row', () => {
    const rows = [row({ file: 'dir,with "quotes"\nand newline.py', perMonth: 12.5, perCall: 0.0125 }), row({ file: 'ok.py', perMonth: 1 })];
    const csv = toCsv(rows, { code: 'EUR', rate: 2 });
    const header = csv.split('\r\n')[0]!;
    assert.ok(header.includes('per_month_EUR'));
    assert.ok(csv.includes('"dir,with ""quotes""\nand newline.py"'));
    assert.equal(csv.split('\r\n').length, 4); // header, 2 records, trailing empty
    assert.ok(csv.split('\r\n')[1]!.includes(',25,'), 'money converted at the rate');
  });

  test('CSV adds after/delta columns under a what-if', () => {
    const csv = toCsv([after(row({ perMonth: 100 }), 40)]);
    assert.ok(csv.split('\r\n')[0]!.endsWith('delta_per_month_USD'));
    assert.ok(csv.split('\r\n')[1]!.endsWith(',40,-60'));
  });

  test('Markdown cells escape pipes, newlines and HTML', () => {
    assert.equal(mdCell('a|b'), 'a\\|b');
    assert.equal(mdCell('x\ny'), 'x y');
    assert.equal(mdCell('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = toMarkdown([row({ file: 'we|ird.py', model: 'm|x', perMonth: 10 })]);
    const lines = md.split('\n');
    assert.match(lines[0]!, /^\| Call \| Provider \| Model/);
    assert.ok(lines[2]!.startsWith('| we\\|ird.py:'));
    assert.ok(lines[2]!.includes('m\\|x'));
    // every table line has the same number of unescaped pipes
    const pipes = (s: string) => s.replace(/\\\|/g, '').split('|').length;
    assert.equal(pipes(lines[2]!), pipes(lines[0]!));
    assert.match(md, /\*\*Total: \$10\.00\/month\*\* over 1 call site/);
  });

  test('Markdown shows before → after under a what-if', () => {
    const md = toMarkdown([after(row({ perMonth: 100, model: 'claude-opus-4-1' }), 40, 'claude-haiku-4-5')]);
    assert.ok(md.includes('claude-opus-4-1 → claude-haiku-4-5'));
    assert.ok(md.includes('→ $40.00/month (-$60.00)'));
  });

  test('JSON export keeps USD with the currency alongside', () => {
    const doc = JSON.parse(toJson([row({ perMonth: 10 })], { code: 'EUR', rate: 0.9 }));
    assert.equal(doc.currency, 'EUR');
    assert.equal(doc.currencyRate, 0.9);
    assert.equal(doc.callSites[0].cost.perMonthUsd, 10);
    assert.equal(doc.totals.perMonthUsd, 10);
  });
});

describe('withAfter', () => {
  test('attaches the engine result, or strips a stale one', () => {
    const r = row({ perMonth: 10 });
    const a = withAfter(r, { model: 'gpt-4o' }, { model: null, inputTokens: { central: 5, low: 5, high: 5, exact: true }, cost: { inputUsd: 0, outputUsd: 0, perCallUsd: 0.002, perMonthUsd: 2 } });
    assert.equal(a.after?.model, 'gpt-4o');
    assert.equal(a.after?.cost?.perMonthUsd, 2);
    assert.equal(withAfter(a, null, null).after, undefined);
  });
});
