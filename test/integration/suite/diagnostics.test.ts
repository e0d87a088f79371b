// Diagnostics, quick fixes and fix-all, through the vscode API inside the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeActions, fileUri, open, ours, ruleOf, setText, waitFor, withRule } from './util';

describe('diagnostics', () => {
  before(async () => {
    await api();
  });

  it('publishes missing-cache-control on the uncached system prompt (Python, prompt file from prompts/)', async () => {
    const doc = await open('support.py');
    const [d] = await waitFor('missing-cache-control in support.py', () => withRule(doc.uri, 'missing-cache-control').length === 1 && withRule(doc.uri, 'missing-cache-control'));
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [14, 15, 14, 28]);
    assert.equal(doc.getText(d!.range), 'SYSTEM_PROMPT');
    assert.match(d!.message, /\$\d/, 'the message names the money');
    const code = d!.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'missing-cache-control');
    assert.match(code.target.toString(), /docs\/rules\/missing-cache-control\.md$/);
  });

  it('publishes max-tokens-over-limit as an error (TypeScript)', async () => {
    const doc = await open('essay.ts');
    const [d] = await waitFor('max-tokens-over-limit in essay.ts', () => withRule(doc.uri, 'max-tokens-over-limit').length > 0 && withRule(doc.uri, 'max-tokens-over-limit'));
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d!.range.start.line, 8);
    assert.equal(doc.getText(d!.range), 'max_completion_tokens: 32000');
  });

  it('publishes missing-max-tokens as an error on the Anthropic call without a cap (app.py)', async () => {
    const doc = await open('app.py');
    const [d] = await waitFor('missing-max-tokens in app.py', () => withRule(doc.uri, 'missing-max-tokens').length > 0 && withRule(doc.uri, 'missing-max-tokens'));
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.lineAt(d!.range.start.line).text.trim(), 'message = client.messages.create(');
  });

  it('follows edits: an inserted line moves the diagnostic down (debounced, incremental)', async () => {
    const doc = await open('support.py');
    const original = doc.getText();
    try {
      await waitFor('initial diagnostic', () => withRule(doc.uri, 'missing-cache-control').length === 1);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(9, 0), '# a comment line\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const [d] = await waitFor('diagnostic on line 15', () => {
        const ds = withRule(doc.uri, 'missing-cache-control');
        return ds.length === 1 && ds[0]!.range.start.line === 15 && ds;
      });
      assert.equal(doc.getText(d!.range), 'SYSTEM_PROMPT');
    } finally {
      await setText(doc, original);
    }
  });

  it('typing in a model name keeps the last analysis and updates the diagnostics at once (no re-parse)', async () => {
    const doc = await open('essay.ts');
    const original = doc.getText();
    const ext = await api();
    const analysis = () => [...ext.services.results.entries()].find(([p]) => p.endsWith('/essay.ts'))?.[1];
    try {
      await waitFor('essay.ts analysed', () => withRule(doc.uri, 'max-tokens-over-limit').length > 0);
      const at = doc.positionAt(original.indexOf("'gpt-4o'") + 1);
      // Two keystrokes inside the model string, as a user types them.
      for (const ch of ['z', 'z']) {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, at, ch);
        assert.ok(await vscode.workspace.applyEdit(edit));
        await new Promise((r) => setTimeout(r, 60));
      }
      const [d] = await waitFor('unknown-model on the typed model', () => withRule(doc.uri, 'unknown-model').length === 1 && withRule(doc.uri, 'unknown-model'));
      assert.equal(doc.getText(d!.range), "'zzgpt-4o'");
      const a = await waitFor('the analysis of the typed text', () => {
        const x = analysis();
        return x?.calls[0]?.site.model === 'zzgpt-4o' && x;
      });
      assert.equal(a.reused, true, 'the engine kept the front-end result for an edit inside the model string');
    } finally {
      await setText(doc, original);
    }
    await waitFor('unknown-model to go away after restoring', () => withRule(doc.uri, 'unknown-model').length === 0);
  });

  it('clears its diagnostics when the document is closed', async () => {
    const uri = fileUri('app.py');
    await open('app.py');
    await waitFor('app.py diagnostics', () => ours(uri).length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Closing the editor does not close the model at once; the extension clears on onDidCloseTextDocument.
    const closed = vscode.workspace.textDocuments.every((d) => d.uri.toString() !== uri.toString());
    if (closed) assert.equal(ours(uri).length, 0);
  });
});

describe('quick fixes', () => {
  it('offers the safe fix as preferred, plus disable-for-line and docs; applying it removes the finding', async () => {
    const doc = await open('essay.ts');
    const original = doc.getText();
    try {
      const [d] = await waitFor('max-tokens-over-limit', () => withRule(doc.uri, 'max-tokens-over-limit').length > 0 && withRule(doc.uri, 'max-tokens-over-limit'));
      const actions = await codeActions(doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Disable max-tokens-over-limit for this line'), titles.join(' | '));
      assert.ok(titles.includes('Show documentation for max-tokens-over-limit'), titles.join(' | '));
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred?.edit, `a preferred fix with an edit among: ${titles.join(' | ')}`);
      assert.equal(preferred!.title, 'Set max_completion_tokens to 16384');
      assert.ok(await vscode.workspace.applyEdit(preferred!.edit!));
      assert.match(doc.getText(), /max_completion_tokens: 16384,/);
      await waitFor('the finding to disappear', () => withRule(doc.uri, 'max-tokens-over-limit').length === 0);
    } finally {
      await setText(doc, original);
    }
    await waitFor('the finding to come back after restoring', () => withRule(doc.uri, 'max-tokens-over-limit').length === 1);
  });

  it('"Disable <rule> for this line" inserts the directive with the line\'s indentation and silences the rule', async () => {
    const doc = await open('app.py');
    const original = doc.getText();
    try {
      const [d] = await waitFor('missing-max-tokens', () => withRule(doc.uri, 'missing-max-tokens').length > 0 && withRule(doc.uri, 'missing-max-tokens'));
      const line = d!.range.start.line;
      const actions = await codeActions(doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value);
      const disable = actions.find((a) => a.title === 'Disable missing-max-tokens for this line');
      assert.ok(disable?.edit);
      assert.ok(await vscode.workspace.applyEdit(disable!.edit!));
      assert.equal(doc.lineAt(line).text, '    # prompt-cost-disable-next-line missing-max-tokens');
      await waitFor('missing-max-tokens to be suppressed', () => withRule(doc.uri, 'missing-max-tokens').length === 0);
    } finally {
      await setText(doc, original);
    }
  });

  it('source.fixAll.promptCost and "Fix all safe problems" apply only safe fixes', async () => {
    const doc = await open('support.py');
    const original = doc.getText();
    try {
      await waitFor('missing-cache-control', () => withRule(doc.uri, 'missing-cache-control').length === 1);
      const fixAll = await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
      const ours = fixAll.filter((a) => a.kind && vscode.CodeActionKind.SourceFixAll.append('promptCost').contains(a.kind));
      assert.equal(ours.length, 1, fixAll.map((a) => `${a.kind?.value}:${a.title}`).join(' | '));
      const applied = await vscode.commands.executeCommand<number>('promptCost.fixAllSafe', doc.uri);
      assert.ok(applied >= 1, `applied ${applied}`);
      assert.match(doc.getText(), /"cache_control": \{"type": "ephemeral"\}/);
      await waitFor('missing-cache-control to disappear', () => withRule(doc.uri, 'missing-cache-control').length === 0);
    } finally {
      await setText(doc, original);
    }
  });

  it('keeps severities per finding (errors are errors, warnings warnings)', async () => {
    const doc = await open('essay.ts');
    const ds = await waitFor('diagnostics', () => ours(doc.uri).length > 0 && ours(doc.uri));
    for (const d of ds) if (ruleOf(d) === 'max-tokens-over-limit') assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });
});
