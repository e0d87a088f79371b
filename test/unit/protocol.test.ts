import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { panelStateSchema, parseHostMessage, parsePageMessage } from '../../src/shared/protocol';
import { buildView, defaultViewOptions, emptyScenario, type PanelRow } from '../../src/core/report/viewmodel';

const row: PanelRow = {
  id: 'a.py:3:5',
  file: '<img src=x onerror=alert(1)>.py',
  line: 3,
  column: 5,
  provider: 'anthropic',
  api: 'messages.create',
  language: 'python',
  model: '<script>alert(1)</script>',
  priced: false,
  inputTokens: { central: 10, low: 8, high: 12, exact: false, dynamic: true },
  maxTokens: null,
  outputTokens: 500,
  callsPerMonth: 10000,
  volumeLabel: 'default',
  batch: false,
  batchAvailable: true,
  cache: 'none',
  cost: null,
  findings: [{ ruleId: 'unknown-model', severity: 'info', message: 'x', line: 3, savingsPerCallUsd: null, savingsPerMonthUsd: null }],
  savingsPerMonthUsd: 0,
  inTest: false,
};

function state() {
  return {
    view: buildView([row], defaultViewOptions()),
    options: defaultViewOptions(),
    scenario: emptyScenario(),
    modelIds: ['claude-haiku-4-5', 'gpt-4o'],
    currency: { code: 'USD', rate: 1 },
    pricingDate: '2026-11-23',
    scan: { running: false, message: '' },
    focusId: null,
  };
}

describe('page → host messages', () => {
  test('well-formed messages pass', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'reveal', id: 'a.py:3:5' }), { type: 'reveal', id: 'a.py:3:5' });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'markdown' }), { type: 'export', format: 'markdown' });
    assert.ok(parsePageMessage({ type: 'setOptions', options: defaultViewOptions() }));
    assert.ok(parsePageMessage({ type: 'whatIf', op: { kind: 'modelAll', from: 'claude-opus-4-1', model: 'claude-haiku-4-5' } }));
    assert.ok(parsePageMessage({ type: 'whatIf', op: { kind: 'cacheHitRate', value: 0.5 } }));
    assert.ok(parsePageMessage({ type: 'whatIf', op: { kind: 'reset' } }));
    assert.ok(parsePageMessage({ type: 'scan' }));
    assert.ok(parsePageMessage({ type: 'cancelScan' }));
  });

  test('unknown and malformed messages are rejected', () => {
    const bad: unknown[] = [
      null,
      undefined,
      42,
      'reveal',
      [],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'reveal' },
      { type: 'reveal', id: 7 },
      { type: 'reveal', id: '' },
      { type: 'reveal', id: 'x'.repeat(5000) },
      { type: 'reveal', id: 'a', extra: true },
      { type: 'export', format: 'html' },
      { type: 'setOptions', options: { ...defaultViewOptions(), sort: { key: 'constructor', dir: 'asc' } } },
      { type: 'setOptions', options: { ...defaultViewOptions(), limit: -1 } },
      { type: 'setOptions', options: { ...defaultViewOptions(), groupBy: 'rule' } },
      { type: 'whatIf', op: { kind: 'cacheHitRate', value: 2 } },
      { type: 'whatIf', op: { kind: 'volumeScale', value: Number.NaN } },
      { type: 'whatIf', op: { kind: 'callVolume', id: 'a', callsPerMonth: -5 } },
      { type: 'whatIf', op: { kind: 'model', id: 'a' } },
      { type: 'whatIf', op: { kind: 'eval', code: 'x' } },
      { type: '__proto__' },
    ];
    for (const m of bad) assert.equal(parsePageMessage(m), null, JSON.stringify(m) ?? String(m));
  });
});

describe('host → page messages', () => {
  test('a state built by the view model validates, hostile text included (it is data, not markup)', () => {
    const msg = parseHostMessage({ type: 'state', state: state() });
    assert.ok(msg && msg.type === 'state');
    assert.equal(msg.state.view.groups[0]!.rows[0]!.model, '<script>alert(1)</script>');
    assert.ok(panelStateSchema.safeParse(state()).success);
  });

  test('scan and notice messages', () => {
    assert.ok(parseHostMessage({ type: 'scan', scan: { running: true, message: 'Scanning…' } }));
    assert.ok(parseHostMessage({ type: 'notice', text: 'Saved.' }));
  });

  test('malformed states and unknown types are rejected', () => {
    const s = state();
    const bad: unknown[] = [
      { type: 'state' },
      { type: 'state', state: { ...s, currency: { code: 'usd', rate: 1 } } },
      { type: 'state', state: { ...s, currency: { code: 'USD', rate: 0 } } },
      { type: 'state', state: { ...s, view: { ...s.view, totals: { ...s.view.totals, perMonthUsd: 'lots' } } } },
      { type: 'state', state: { ...s, view: { ...s.view, groups: [{ key: '', label: '', rows: [{ ...row, cache: 'maybe' }], totals: s.view.totals }] } } },
      { type: 'state', state: { ...s, view: { ...s.view, groups: [{ key: '', label: '', rows: [{ ...row, html: '<b>' }], totals: s.view.totals }] } } },
      { type: 'scan', scan: { running: 'yes', message: '' } },
      { type: 'html', html: '<script>alert(1)</script>' },
      { type: 'notice' },
    ];
    for (const m of bad) assert.equal(parseHostMessage(m), null, JSON.stringify(m).slice(0, 120));
  });
});
