// CodeLens and hover content.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, hoverText, open, waitFor } from './util';

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
}

describe('cost lens and hover', () => {
  before(async () => {
    await api();
  });

  it('puts a lens above each call: model · tokens · cap · $/call · $/mo, opening the panel on the call', async () => {
    const doc = await open('support.py');
    const [lens] = await waitFor('a lens on support.py', async () => {
      const ls = (await lenses(doc.uri)).filter((l) => l.command?.title.includes('claude-sonnet-4-5'));
      return ls.length === 1 && ls;
    });
    const title = lens!.command!.title;
    assert.match(title, /^claude-sonnet-4-5 · ≈[\d.,k]+–[\d.,k]+ tok \+ dynamic · cap 600 · \$[\d.,]+\/call · \$[\d.,]+\/mo$/, title);
    assert.equal(lens!.range.start.line, 11, 'the lens sits on the call line');
    assert.equal(lens!.command!.command, 'promptCost.showPanel');
    const args = lens!.command!.arguments?.[0] as { location: { path: string; span: { start: number; end: number } } };
    assert.ok(args.location.path.endsWith('/support.py'));
    assert.equal(doc.getText(new vscode.Range(doc.positionAt(args.location.span.start), doc.positionAt(args.location.span.start + 22))), 'client.messages.create');
  });

  it('shows "no cap" on a call without an output cap', async () => {
    const doc = await open('app.py');
    const ls = await waitFor('a lens on app.py', async () => {
      const all = await lenses(doc.uri);
      return all.length > 0 && all;
    });
    assert.match(ls[0]!.command!.title, /^claude-sonnet-4-5 · ≈.* tok \+ dynamic · no cap · \$[\d.,]+\/call · \$[\d.,]+\/mo$/);
  });

  it('hovers the call with price rows, the prices date, tokenizer note, cache, output and volume with its source', async () => {
    const doc = await open('support.py');
    const pos = new vscode.Position(12, 12);
    const text = await waitFor('a hover on the call', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
      return t.includes('Prompt Cost') && t;
    });
    assert.match(text, /\| input \| \$3 \|/);
    assert.match(text, /\| output \| \$15 \|/);
    assert.match(text, /cache read/);
    assert.match(text, /Prices as of \d{4}-\d{2}-\d{2}/);
    assert.match(text, /estimated \(claude/);
    assert.match(text, /no `cache_control` breakpoint/);
    assert.match(text, /priced at the cap, 600 tokens/);
    assert.match(text, /900,000 calls\/month, from a `prompt-cost:` comment/);
    assert.match(text, /missing-cache-control/);
  });

  it('has no hover away from calls', async () => {
    const doc = await open('support.py');
    const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 2)));
    assert.ok(!t.includes('Prompt Cost'), t);
  });
});
