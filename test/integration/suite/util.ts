/** Helpers for the integration suite: the extension's API, polling waits (no fixed sleeps), file edits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PromptCostApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'prompt-cost-lint.prompt-cost-lint';

export async function api(): Promise<PromptCostApi> {
  const ext = vscode.extensions.getExtension<PromptCostApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return ext.isActive ? ext.exports : await ext.activate();
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

/** Poll `probe` until it returns a truthy value; fail with `what` (and the last value) after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${String(last)}); diagnostics: ${dumpDiagnostics()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every prompt-cost diagnostic in the workspace, for failure messages. */
export function dumpDiagnostics(): string {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, ds]) => [uri, ds.filter((d) => d.source === 'prompt-cost')] as const)
    .filter(([, ds]) => ds.length > 0)
    .map(([uri, ds]) => `${uri.path.split('/').pop()}: ${ds.map((d) => `[${ruleOf(d) ?? 'note'} ${d.range.start.line}:${d.range.start.character}] ${d.message}`).join('; ')}`)
    .join(' | ') || '(none)';
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'prompt-cost');
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

export function withRule(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => ruleOf(d) === ruleId);
}

export async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Replace a document's whole text and save it (restores fixtures between tests). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'restore edit applied');
  await doc.save();
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('promptCost').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
