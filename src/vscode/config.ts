/**
 * Settings: the editor's `promptCost.*` settings merged with the workspace folder's
 * `.prompt-cost.json`, each validated by the core's `parseConfig` (the zod schema that also
 * generates package.json's `contributes.configuration`).
 *
 * Precedence (documented in docs/extension.md): `.prompt-cost.json` wins key by key over the
 * editor settings, because it is what the team and the CLI in CI share; `rules` is merged per rule
 * id (the file's entry wins for the same id). Only values the user actually set count (never the
 * manifest defaults), so an unset setting never hides the file's value.
 *
 * Every problem becomes one warning naming the key (`promptCost.defaultMonthlyCalls: …`), shown
 * once per distinct message; the bad key falls back to its default, the rest keeps working.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { configShape, parseConfig, type Config, type ConfigProblem } from '../core/config/schema';
import { isInside } from './fsAdapter';

export const SETTINGS_SECTION = 'promptCost';
export const CONFIG_FILE = '.prompt-cost.json';
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export interface FolderConfig {
  /** The effective, valid configuration. */
  config: Config;
  /** The merged raw object handed to `engine.configure` (valid values only). */
  raw: Record<string, unknown>;
  /** Human-readable problems, each naming its key. */
  problems: string[];
}

/** Key of a workspace folder in maps ('' for files outside any folder). */
export function folderKey(folder: vscode.WorkspaceFolder | undefined): string {
  return folder ? folder.uri.toString() : '';
}

/** The values the user set (folder > workspace > user), never the manifest defaults. */
function readSettings(scope: vscode.Uri | undefined): Record<string, unknown> {
  const section = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope ?? null);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configShape)) {
    const info = section.inspect(key);
    const value = info?.workspaceFolderValue ?? info?.workspaceValue ?? info?.globalValue;
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}

function readConfigFile(folder: vscode.WorkspaceFolder | undefined): { raw: unknown; problem?: string } | null {
  if (!folder || folder.uri.scheme !== 'file') return null;
  const file = nodePath.join(folder.uri.fsPath, CONFIG_FILE);
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return null;
    // A `.prompt-cost.json` that links outside its folder is not read (its text could surface in a parse error).
    if (!isInside(fs.realpathSync.native(folder.uri.fsPath), fs.realpathSync.native(file))) {
      return { raw: undefined, problem: 'the file links outside the workspace folder and was ignored' };
    }
    if (stat.size > MAX_CONFIG_FILE_BYTES) return { raw: undefined, problem: `the file is larger than 1 MB and was ignored` };
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    try {
      return { raw: JSON.parse(text) };
    } catch (err) {
      return { raw: undefined, problem: `invalid JSON (${err instanceof Error ? err.message : String(err)}); the file was ignored` };
    }
  } catch {
    return null;
  }
}

/** Merge two validated configs' raw values: `file` wins per key, `rules` merged per id. */
export function mergeRaw(settings: Record<string, unknown>, file: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...settings, ...file };
  const rulesA = settings['rules'];
  const rulesB = file['rules'];
  if (rulesA && rulesB && typeof rulesA === 'object' && typeof rulesB === 'object') {
    merged['rules'] = { ...(rulesA as object), ...(rulesB as object) };
  }
  return merged;
}

/** Keep only the keys of `raw` that validated (their parsed values). */
function validOnly(raw: unknown, problems: ConfigProblem[], config: Config): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const bad = new Set(problems.map((p) => p.path.split(/[.[]/)[0]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (key in configShape && !bad.has(key)) out[key] = (config as Record<string, unknown>)[key];
  }
  return out;
}

export class ConfigStore implements vscode.Disposable {
  private readonly cache = new Map<string, FolderConfig>();
  private readonly shown = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when any folder's effective configuration may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly warn: (message: string) => void = (m) => void vscode.window.showWarningMessage(m)) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate(() => this.invalidate()),
      watcher.onDidChange(() => this.invalidate()),
      watcher.onDidDelete(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.invalidate();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
    );
  }

  /** Effective configuration of a folder (cached until settings or the file change). */
  get(folder: vscode.WorkspaceFolder | undefined): FolderConfig {
    const key = folderKey(folder);
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(folder);
      this.cache.set(key, entry);
      for (const problem of entry.problems) this.report(problem);
    }
    return entry;
  }

  /** Every problem warned about so far, in order (for tests and the output channel). */
  problems(): string[] {
    return [...this.shown];
  }

  /** A problem found later (e.g. by the engine validating custom models): warned once like the rest. */
  reportExtra(problem: string): void {
    this.report(problem);
  }

  invalidate(): void {
    this.cache.clear();
    this.changed.fire();
  }

  private load(folder: vscode.WorkspaceFolder | undefined): FolderConfig {
    const problems: string[] = [];
    const settingsRaw = readSettings(folder?.uri);
    const fromSettings = parseConfig(settingsRaw);
    for (const p of fromSettings.problems) problems.push(`${SETTINGS_SECTION}.${p.path}: ${p.message}`);
    let fileValid: Record<string, unknown> = {};
    const file = readConfigFile(folder);
    if (file) {
      const where = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders.length > 1 ? `${CONFIG_FILE} (${folder!.name})` : CONFIG_FILE;
      if (file.problem) problems.push(`${where}: ${file.problem}`);
      else {
        const fromFile = parseConfig(file.raw);
        for (const p of fromFile.problems) problems.push(`${where}: ${p.path}: ${p.message}`);
        fileValid = validOnly(file.raw, fromFile.problems, fromFile.config);
      }
    }
    const raw = mergeRaw(validOnly(settingsRaw, fromSettings.problems, fromSettings.config), fileValid);
    const { config } = parseConfig(raw);
    return { config, raw, problems };
  }

  private report(problem: string): void {
    if (this.shown.has(problem)) return;
    this.shown.add(problem);
    this.warn(`Prompt Cost Lint: ${problem}. The default is used for it; everything else keeps working.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
