/**
 * Lazily created engines, one per workspace folder (each folder has its own configuration and
 * keeps its own documents' trees). The tree-sitter runtime and grammar bytes are read once from
 * `dist/wasm/` next to the bundle and shared by every engine. Nothing here runs at activation:
 * the first `get()` loads the parser, off the typing path.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as core from '../core/engine';
import type { EngineApi, EngineOptions } from '../core/engine';
import type { WasmFile } from '../core/parse/parser';
import type { WorkspaceFs } from '../core/types';
import { folderKey, type ConfigStore } from './config';
import { createRankLoader } from '../node/ranks';

interface EngineFactory {
  create(options: EngineOptions): Promise<EngineApi>;
}

function engineFactory(): EngineFactory {
  const factory = (core as unknown as { Engine?: EngineFactory }).Engine;
  if (!factory || typeof factory.create !== 'function') throw new Error('the Prompt Cost Lint engine is not available in this build');
  return factory;
}

interface Entry {
  folder: vscode.WorkspaceFolder | undefined;
  engine: Promise<EngineApi>;
}

export class EngineHost implements vscode.Disposable {
  private readonly engines = new Map<string, Entry>();
  private readonly wasm = new Map<WasmFile, Promise<Uint8Array>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly wasmDir: string,
    private readonly fs: WorkspaceFs,
    private readonly configs: ConfigStore,
    /** Problems the engine finds in a configuration parseConfig accepted (e.g. custom model entries). */
    private readonly onProblem: (problem: string) => void = () => undefined,
  ) {
    this.subscription = configs.onDidChange(() => this.reconfigureAll());
  }

  /** The engine of a workspace folder (undefined: files outside every folder). */
  get(folder: vscode.WorkspaceFolder | undefined): Promise<EngineApi> {
    const key = folderKey(folder);
    let entry = this.engines.get(key);
    if (!entry) {
      const engine = this.create(folder);
      entry = { folder, engine };
      this.engines.set(key, entry);
      // A failed start is retried on the next request rather than cached forever.
      engine.catch(() => {
        if (this.engines.get(key)?.engine === engine) this.engines.delete(key);
      });
    }
    return entry.engine;
  }

  /** Engines already started (for forget / report across folders). */
  async started(): Promise<EngineApi[]> {
    const settled = await Promise.allSettled([...this.engines.values()].map((e) => e.engine));
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  private async create(folder: vscode.WorkspaceFolder | undefined): Promise<EngineApi> {
    const engine = await engineFactory().create({ fs: this.fs, loadWasm: (file) => this.loadWasm(file), loadRanks: createRankLoader(nodePath.dirname(this.wasmDir)), waitForTokenizer: false });
    this.configure(engine, folder);
    return engine;
  }

  private configure(engine: EngineApi, folder: vscode.WorkspaceFolder | undefined): void {
    for (const p of engine.configure(this.configs.get(folder).raw)) this.onProblem(`promptCost.${p.path}: ${p.message}`);
  }

  private loadWasm(file: WasmFile): Promise<Uint8Array> {
    let bytes = this.wasm.get(file);
    if (!bytes) {
      bytes = fs.readFile(nodePath.join(this.wasmDir, file));
      this.wasm.set(file, bytes);
      bytes.catch(() => this.wasm.delete(file));
    }
    return bytes;
  }

  private reconfigureAll(): void {
    for (const entry of this.engines.values()) {
      entry.engine.then((engine) => this.configure(engine, entry.folder)).catch(() => undefined);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    for (const entry of this.engines.values()) entry.engine.then((e) => e.dispose()).catch(() => undefined);
    this.engines.clear();
  }
}
