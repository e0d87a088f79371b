// Settings apply without reload; invalid values warn by key and the rest keeps working;
// big files get one note; the workspace scan and export.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, hoverText, open, ours, updateSetting, waitFor, withRule } from './util';

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos));
}

describe('settings', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    for (const key of ['rules', 'defaultMonthlyCalls', 'maxFileSizeKb']) await updateSetting(key, undefined);
  });

  it('promptCost.rules turns a rule off and back on without reload', async () => {
    const doc = await open('support.py');
    await waitFor('missing-cache-control', () => withRule(doc.uri, 'missing-cache-control').length === 1);
    await updateSetting('rules', { 'missing-cache-control': 'off' });
    await waitFor('the rule to be off', () => withRule(doc.uri, 'missing-cache-control').length === 0);
    await updateSetting('rules', { 'missing-cache-control': 'error' });
    const [d] = await waitFor('the rule as an error', () => {
      const ds = withRule(doc.uri, 'missing-cache-control');
      return ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Error && ds;
    });
    assert.ok(d);
  });

  it('promptCost.defaultMonthlyCalls changes the assumed volume of a call without a volume comment', async () => {
    const doc = await open('app.py');
    const pos = new vscode.Position(7, 10);
    await waitFor('default volume in the hover', async () => (await hoverAt(doc.uri, pos)).includes('10,000 calls/month'));
    await updateSetting('defaultMonthlyCalls', 250000);
    const text = await waitFor('new volume in the hover', async () => {
      const t = await hoverAt(doc.uri, pos);
      return t.includes('250,000 calls/month') && t;
    });
    assert.match(text, /`defaultMonthlyCalls` setting|the default/);
  });

  it('an invalid value yields one warning naming the key, and everything else keeps working', async () => {
    const ext = await api();
    const doc = await open('support.py');
    await updateSetting('defaultMonthlyCalls', -5);
    const problems = await waitFor('a warning naming promptCost.defaultMonthlyCalls', () => {
      const ps = ext.configProblems().filter((p) => p.includes('promptCost.defaultMonthlyCalls:'));
      return ps.length > 0 && ps;
    });
    assert.equal(problems.length, 1, problems.join('\n'));
    // Still analysing, with the default volume for the bad key.
    assert.ok(await ext.analyzeNow(doc.uri));
    assert.equal(withRule(doc.uri, 'missing-cache-control').length, 1);
  });

  it('a document over maxFileSizeKb gets one informational note instead of analysis', async () => {
    const ext = await api();
    const uri = fileUri('big_generated.py');
    const body = `import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", messages=[])\n${'# filler line of generated code\n'.repeat(80)}`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(body, 'utf8'));
    try {
      await updateSetting('maxFileSizeKb', 1);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await ext.analyzeNow(uri);
      const ds = await waitFor('the size note', () => ours(uri).length > 0 && ours(uri));
      assert.equal(ds.length, 1);
      assert.equal(ds[0]!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(ds[0]!.message, /maxFileSizeKb/);
      await updateSetting('maxFileSizeKb', undefined);
      await waitFor('analysis once the limit is back', () => withRule(uri, 'missing-max-tokens').length === 1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});

describe('workspace commands', () => {
  it('scanWorkspace analyses every source file; exportReport writes the JSON and SARIF reports', async () => {
    const ext = await api();
    await vscode.commands.executeCommand('promptCost.scanWorkspace');
    const paths = [...ext.services.results.keys()];
    for (const name of ['/app.py', '/support.py', '/essay.ts']) assert.ok(paths.some((p) => p.endsWith(name)), `${name} in ${paths.join(', ')}`);
    const jsonUri = fileUri('out/report.json');
    await vscode.commands.executeCommand('promptCost.exportReport', { format: 'json', uri: jsonUri });
    const report = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(jsonUri)).toString('utf8'));
    assert.equal(report.version, 1);
    assert.ok(report.callSites.some((c: { file: string; model: string }) => c.file === 'support.py' && c.model === 'claude-sonnet-4-5'), JSON.stringify(report.callSites.map((c: { file: string }) => c.file)));
    assert.ok(report.findings.some((f: { ruleId: string }) => f.ruleId === 'max-tokens-over-limit'));
    const sarifUri = fileUri('out/report.sarif');
    await vscode.commands.executeCommand('promptCost.exportReport', { format: 'sarif', uri: sarifUri });
    const sarif = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(sarifUri)).toString('utf8'));
    assert.equal(sarif.version, '2.1.0');
    const csvUri = fileUri('out/report.csv');
    await vscode.commands.executeCommand('promptCost.exportReport', { format: 'csv', uri: csvUri });
    const csv = Buffer.from(await vscode.workspace.fs.readFile(csvUri)).toString('utf8').split(/\r?\n/);
    assert.match(csv[0]!, /^file,line,column,provider,api,model,/);
    assert.ok(csv.some((line) => line.startsWith('essay.ts,') && line.includes('gpt-4o')), csv.join('\n'));
    await vscode.workspace.fs.delete(fileUri('out'), { recursive: true });
  });

  it('openRuleDocs opens the rule\'s page from the extension\'s docs', async () => {
    await vscode.commands.executeCommand('promptCost.openRuleDocs', 'missing-max-tokens');
    await waitFor('a tab showing missing-max-tokens.md', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.includes('missing-max-tokens')),
    );
  });

  it('hands the services record to the panel: results change events and reveal', async () => {
    const ext = await api();
    const support = [...ext.services.results.entries()].find(([p]) => p.endsWith('/support.py'));
    assert.ok(support);
    const call = support![1].calls[0]!;
    await ext.services.reveal(support![0], call.site.span);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('/support.py'));
    assert.equal(editor!.selection.start.line, 11);
  });
});
