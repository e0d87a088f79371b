// A multi-root workspace (test/integration/multiroot/workspace/multi.code-workspace: folders
// `billing` and `search`): each folder has its own engine and its own .prompt-cost.json,
// folder-level settings stay in their folder, prompt files resolve in their own folder, and a
// workspace scan covers every folder. Loaded by ../index.ts only when such a workspace is open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, hoverText, ours, waitFor, withRule } from '../suite/util';

function workspaceFolder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} is open`);
  return f;
}

function uriIn(folder: string, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(folder).uri, ...rel.split('/'));
}

async function show(folder: string, rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriIn(folder, rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Hover text over the `client.messages.create` call of a document. */
async function callHover(doc: vscode.TextDocument): Promise<string> {
  const pos = doc.positionAt(doc.getText().indexOf('client.messages.create') + 2);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
}

describe('multi-root workspace', () => {
  before(async () => {
    await api();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('promptCost', workspaceFolder('search').uri).update('expectedOutputTokens', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  it('opens both folders from the .code-workspace file', () => {
    assert.ok(vscode.workspace.workspaceFile, 'a .code-workspace file is open');
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['billing', 'search']);
  });

  it("applies each folder's .prompt-cost.json to that folder's files only", async () => {
    const ext = await api();
    const invoice = await show('billing', 'invoice.py');
    await waitFor('missing-max-tokens in billing/invoice.py', () => withRule(invoice.uri, 'missing-max-tokens').length === 1);
    await waitFor('billing volume (12,000 calls/month) in the hover', async () => (await callHover(invoice)).includes('12,000 calls/month'));

    const rank = await show('search', 'rank.py');
    assert.ok(await ext.analyzeNow(rank.uri), 'search/rank.py analysed');
    await waitFor('search volume (34,000 calls/month) in the hover', async () => (await callHover(rank)).includes('34,000 calls/month'));
    // The same call shape, but `missing-max-tokens` is off in search/.prompt-cost.json.
    assert.deepEqual(withRule(rank.uri, 'missing-max-tokens'), [], `diagnostics in search/rank.py: ${ours(rank.uri).map((d) => d.message).join(' | ')}`);
    assert.equal(withRule(invoice.uri, 'missing-max-tokens').length, 1, 'billing keeps the rule');
  });

  it('resolves a prompt file inside its own folder', async () => {
    const ext = await api();
    const rank = await show('search', 'rank.py');
    assert.ok(await ext.analyzeNow(rank.uri));
    const result = ext.services.results.get(ext.services.pathOf(rank.uri));
    assert.ok(result, 'a result for search/rank.py');
    const system = result.calls[0]?.blocks.find((b) => b.block.role === 'system');
    assert.ok(system, 'the call has a system block');
    assert.ok(system.block.value.segments.some((s) => s.kind === 'static' && s.text.includes('You rank search results')), 'the system prompt was read from search/prompts/ranker.md');
  });

  it('keeps a folder-level setting in its folder', async () => {
    const ext = await api();
    await vscode.workspace.getConfiguration('promptCost', workspaceFolder('search').uri).update('expectedOutputTokens', 777, vscode.ConfigurationTarget.WorkspaceFolder);
    const rank = await show('search', 'rank.py');
    await waitFor('search: assumed output 777 tokens', async () => (await callHover(rank)).includes('assumed 777 tokens'));
    const invoice = await show('billing', 'invoice.py');
    assert.ok(await ext.analyzeNow(invoice.uri));
    const billingHover = await callHover(invoice);
    assert.ok(!billingHover.includes('777'), `billing is not affected: ${billingHover}`);
    assert.equal(ext.services.configFor(invoice.uri).expectedOutputTokens, 500, 'billing keeps the default');
  });

  it('scans every folder of the workspace', async () => {
    const ext = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ext.services.scanWorkspace();
    const paths = [...ext.services.results.keys()];
    for (const want of ['/billing/invoice.py', '/search/rank.py']) {
      assert.ok(paths.some((p) => p.endsWith(want)), `${want} in the scan results: ${paths.join(', ')}`);
    }
  });
});
