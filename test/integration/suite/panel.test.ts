// The cost panel inside a real extension host: open the view on the fixture workspace, scan, and
// check the state the host posts to the page (rows, totals, what-if re-pricing, sorting, reveal,
// export, and that malformed page messages are ignored). Reads the host through test-only commands
// registered in test runs (promptCost._panelSnapshot / _panelMessage / _panelExport).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { panelStateSchema, type PanelState } from '../../../src/shared/protocol';
import type { PanelRow } from '../../../src/core/report/viewmodel';

const EXTENSION_ID = 'prompt-cost-lint.prompt-cost-lint';

async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const snapshot = (fresh = false) => vscode.commands.executeCommand<PanelState | null>('promptCost._panelSnapshot', fresh ? { fresh: true } : undefined);
const message = (msg: unknown) => vscode.commands.executeCommand<PanelState | null>('promptCost._panelMessage', msg);
const rowsOf = (s: PanelState): PanelRow[] => s.view.groups.flatMap((g) => g.rows);
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9), `${what}: ${a} ≠ ${b}`);

describe('cost panel (webview view) in the extension host', function () {
  let state: PanelState;
  let row: PanelRow;

  before(async function () {
    this.timeout(180_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    // Open the view the way a user does; the page loads, says "ready", and the host posts its state.
    await vscode.commands.executeCommand('promptCost.showPanel');
    console.log('[panel test] view opened; scanning');
    const t0 = Date.now();
    const scan = vscode.commands.executeCommand('promptCost.panel.scan');
    let polls = 0;
    state = await waitFor(
      async () => {
        // Every 10th poll recomputes, in case the page has not loaded (the state is the same either way).
        const s = await snapshot(++polls % 10 === 0);
        if (polls % 40 === 0) {
          const results = (ext.exports as { services?: { results: ReadonlyMap<string, unknown> } } | undefined)?.services?.results;
          console.log(`[panel test] poll ${polls}: ${s ? `${s.view.allRows} rows, scan "${s.scan.message}"` : 'no state yet'}; results for ${results ? [...results.keys()].join(', ') || 'no file' : '?'}`);
        }
        return s && rowsOf(s).some((r) => r.file === 'app.py') ? s : null;
      },
      150_000,
      'the panel to post a state listing app.py',
    );
    console.log(`[panel test] state with app.py after ${Date.now() - t0} ms (${polls} polls)`);
    await scan;
    row = rowsOf(state).find((r) => r.file === 'app.py')!;
  });

  after(async () => {
    await message({ type: 'whatIf', op: { kind: 'reset' } });
  });

  it('posts a state the page accepts (validated by the shared protocol)', () => {
    const parsed = panelStateSchema.safeParse(state);
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  });

  it('lists the fixture call with its location, provider, model, tokens and findings', async () => {
    assert.equal(row.line, 7);
    assert.equal(row.provider, 'anthropic');
    assert.equal(row.api, 'messages.create');
    assert.equal(row.model, 'claude-sonnet-4-5');
    assert.equal(row.maxTokens, null, 'the fixture call has no max_tokens');
    assert.ok(row.inputTokens.central > 0);
    assert.equal(row.inputTokens.dynamic, true, 'the f-string has a dynamic hole');
    assert.ok(row.findings.some((f) => f.ruleId === 'missing-max-tokens'), `findings: ${row.findings.map((f) => f.ruleId).join(', ')}`);
    assert.ok(state.modelIds.includes('claude-haiku-4-5'), 'the what-if model list comes from the price table');
    assert.match(state.pricingDate, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('prices the call from the model table and totals the workspace', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const services = (ext.exports as { services: { getEngine(): Promise<{ pricing: { lookup(id: string): { inputPerMTok: number; outputPerMTok: number } | null } }> } }).services;
    const m = (await services.getEngine()).pricing.lookup('claude-sonnet-4-5');
    assert.ok(m && row.cost);
    const perCall = (row.inputTokens.central * m.inputPerMTok + row.outputTokens * m.outputPerMTok) / 1e6;
    close(row.cost.perCallUsd, perCall, '$/call');
    close(row.cost.perMonthUsd, perCall * row.callsPerMonth, '$/month');
    const total = rowsOf(state).filter((r) => !r.inTest).reduce((s, r) => s + (r.cost?.perMonthUsd ?? 0), 0);
    close(state.view.workspace.perMonthUsd, total, 'workspace total');
  });

  it('re-prices a what-if model switch through the engine (claude-sonnet-4-5 → claude-haiku-4-5 is a third)', async () => {
    const s = await message({ type: 'whatIf', op: { kind: 'modelAll', from: 'claude-sonnet-4-5', model: 'claude-haiku-4-5' } });
    assert.ok(s);
    assert.equal(s.view.whatIfActive, true);
    const r = rowsOf(s).find((x) => x.id === row.id)!;
    assert.equal(r.after?.model, 'claude-haiku-4-5');
    // $1/$5 per MTok against $3/$15: every token costs a third.
    close(r.after!.cost!.perMonthUsd, row.cost!.perMonthUsd / 3, 'after');
    assert.ok(s.view.totals.deltaPerMonthUsd < 0);
    close(s.view.totals.afterPerMonthUsd - s.view.totals.perMonthUsd, s.view.totals.deltaPerMonthUsd, 'delta');
    const last = await snapshot();
    assert.equal(last?.view.totals.afterPerMonthUsd, s.view.totals.afterPerMonthUsd, 'the same state was posted to the page');
  });

  it('sorts and filters on request from the page', async () => {
    let s = await message({ type: 'setOptions', options: { ...state.options, sort: { key: 'perMonth', dir: 'asc' } } });
    assert.deepEqual(s?.options.sort, { key: 'perMonth', dir: 'asc' });
    s = await message({ type: 'setOptions', options: { ...state.options, filter: { provider: 'no-such-provider' } } });
    assert.equal(s?.view.matchingRows, 0);
    assert.ok((s?.view.workspace.calls ?? 0) >= 1, 'workspace totals ignore the filter');
    s = await message({ type: 'setOptions', options: { ...state.options, filter: {}, groupBy: 'model' } });
    assert.ok(s?.view.groups.some((g) => g.label === 'claude-sonnet-4-5'));
  });

  it('ignores malformed and unknown page messages', async () => {
    const before = await snapshot();
    assert.equal(await message({ type: 'runCommand', command: 'workbench.action.quit' }), null);
    assert.equal(await message({ type: 'whatIf', op: { kind: 'cacheHitRate', value: 7 } }), null);
    assert.equal(await message({ type: 'reveal', id: 42 }), null);
    const after = await snapshot();
    assert.deepEqual(after?.scenario, before?.scenario);
  });

  it('reveals the call in the editor when the page asks', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await message({ type: 'reveal', id: row.id });
    const editor = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path.endsWith('/app.py') ? e : null;
    }, 15_000, 'app.py to open');
    assert.equal(editor.selection.start.line, row.line - 1);
    assert.equal(editor.selection.start.character, row.column - 1);
  });

  it('exports the current view as CSV, JSON and a Markdown table', async () => {
    const csv = await vscode.commands.executeCommand<string>('promptCost._panelExport', 'csv');
    assert.match(csv.split('\r\n')[0]!, /^file,line,column,provider/);
    assert.ok(csv.includes('app.py,7,'));
    const json = JSON.parse(await vscode.commands.executeCommand<string>('promptCost._panelExport', 'json'));
    assert.ok(json.callSites.some((c: PanelRow) => c.file === 'app.py'));
    const md = await vscode.commands.executeCommand<string>('promptCost._panelExport', 'markdown');
    assert.match(md, /^\| Call \| Provider \| Model/);
    assert.ok(md.includes('app.py:7'));
  });
});
