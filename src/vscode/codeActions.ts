/**
 * Quick fixes for prompt-cost diagnostics, looked up from the last analysis of the document (no
 * second lint): the finding's fixes (the safe one preferred), "Disable <rule> for this line" and
 * "Show documentation for <rule>"; plus `source.fixAll.promptCost`, which applies only safe fixes.
 */
import * as vscode from 'vscode';
import type { FileAnalysis } from '../core/engine';
import type { Fix, TextEdit } from '../core/types';
import { SOURCE } from './constants';
import { toRange } from './diagnostics';
import { selectSafeFixes } from './fixSelection';
import { pathOf } from './paths';
import type { LiveAnalysis, ResultStore } from './results';
import { Commands } from './services';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('promptCost');

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE || d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function workspaceEdit(uri: vscode.Uri, analysis: FileAnalysis, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(analysis.lines, e.span), e.newText);
  return edit;
}

/** The edit that applies every safe fix of a document's last analysis (null when there is none). */
export function safeFixAllEdit(live: LiveAnalysis): { edit: vscode.WorkspaceEdit; count: number } | null {
  const selected = selectSafeFixes(live.analysis.findings);
  if (selected.edits.length === 0) return null;
  return { edit: workspaceEdit(live.uri, live.analysis, selected.edits), count: selected.fixes.length };
}

/**
 * `# prompt-cost-disable-next-line <id>` above the line, with its indentation; when the line above
 * already holds that directive, the id is appended to it (`…-next-line a, b`).
 */
export function disableCommentEdit(document: vscode.TextDocument, line: number, ruleId: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const above = line > 0 ? document.lineAt(line - 1) : undefined;
  const existing = above && /^(\s*(?:#|\/\/)\s*prompt-cost-disable-next-line)((?:[\s,]+[a-z][a-z0-9-]*)*)(.*)$/.exec(above.text);
  if (above && existing) {
    const ids = existing[2]!.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0 || ids.includes(ruleId)) return edit; // already suppressed
    const end = existing[1]!.length + existing[2]!.length;
    edit.insert(document.uri, new vscode.Position(line - 1, end), `, ${ruleId}`);
    return edit;
  }
  const text = document.lineAt(line).text;
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const marker = document.languageId === 'python' ? '#' : '//';
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  edit.insert(document.uri, new vscode.Position(line, 0), `${indent}${marker} prompt-cost-disable-next-line ${ruleId}${eol}`);
  return edit;
}

export class PromptCostCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly store: ResultStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const live = this.store.getLive(pathOf(document.uri));
    const current = live && live.version === document.version ? live : undefined;
    const only = context.only;
    if (only && !only.intersects(vscode.CodeActionKind.QuickFix)) {
      if (!only.intersects(FIX_ALL_KIND) || !current) return [];
      const all = safeFixAllEdit(current);
      if (!all) return [];
      const action = new vscode.CodeAction(`Prompt Cost: fix ${all.count} safe problem${all.count === 1 ? '' : 's'}`, FIX_ALL_KIND);
      action.edit = all.edit;
      return [action];
    }
    const actions: vscode.CodeAction[] = [];
    const fixActions: vscode.CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = current ? this.store.findingOf(current.path, diagnostic) : undefined;
      if (finding && current) {
        let preferred = false;
        for (const fix of finding.fixes) fixActions.push(this.fixAction(current, diagnostic, fix, fix.safe && !preferred && (preferred = true)));
      }
      if (seenRules.has(`${ruleId}:${diagnostic.range.start.line}`)) continue;
      seenRules.add(`${ruleId}:${diagnostic.range.start.line}`);
      const disable = new vscode.CodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
      disable.diagnostics = [diagnostic];
      disable.edit = disableCommentEdit(document, diagnostic.range.start.line, ruleId);
      actions.push(disable);
      if (!seenRules.has(`docs:${ruleId}`)) {
        seenRules.add(`docs:${ruleId}`);
        const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.diagnostics = [diagnostic];
        docs.command = { command: Commands.openRuleDocs, title: `Show documentation for ${ruleId}`, arguments: [ruleId] };
        actions.push(docs);
      }
    }
    return [...fixActions, ...actions];
  }

  private fixAction(live: LiveAnalysis, diagnostic: vscode.Diagnostic, fix: Fix, preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = workspaceEdit(live.uri, live.analysis, fix.edits);
    action.isPreferred = preferred;
    return action;
  }
}
