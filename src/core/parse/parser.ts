/**
 * web-tree-sitter behind a small interface. The grammars are the ones VS Code itself ships
 * (@vscode/tree-sitter-wasm). The wasm bytes reach us through `loadWasm`, so the core never
 * touches the file system: the CLI reads them from dist/wasm, the extension from its own folder.
 */
import { Parser, Language as TsLanguage, type Tree, type Node, type Edit } from 'web-tree-sitter';
import type { Language } from '../types';

export type { Tree, Node, Edit };

export type WasmFile =
  | 'web-tree-sitter.wasm'
  | 'tree-sitter-python.wasm'
  | 'tree-sitter-typescript.wasm'
  | 'tree-sitter-tsx.wasm'
  | 'tree-sitter-javascript.wasm';

export type WasmLoader = (file: WasmFile) => Promise<Uint8Array>;

const GRAMMAR: Record<Language, WasmFile> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
};

/** Language of a file from its extension; null when we do not analyse it. */
export function languageOfPath(path: string): Language | null {
  const m = /\.([a-z]+)$/i.exec(path);
  switch (m?.[1]?.toLowerCase()) {
    case 'py':
    case 'pyi':
      return 'python';
    case 'ts':
    case 'mts':
    case 'cts':
      return 'typescript';
    case 'tsx':
      return 'tsx';
    case 'js':
    case 'mjs':
    case 'cjs':
      return 'javascript';
    case 'jsx':
      // The tsx grammar is a superset that handles JSX; the javascript grammar does too.
      return 'javascript';
    default:
      return null;
  }
}

/** Language of a VS Code language id. */
export function languageOfId(languageId: string): Language | null {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'typescript':
      return 'typescript';
    case 'typescriptreact':
      return 'tsx';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    default:
      return null;
  }
}

/**
 * Owns the parser runtime and one parser per language. Create with `Parsers.load(loader)`, or with
 * `Parsers.deferred(loader)` to start the runtime on the first `ready` instead; languages are
 * loaded on first use of each.
 */
export class Parsers {
  private readonly languages = new Map<Language, Promise<TsLanguage>>();
  private readonly parsers = new Map<Language, Parser>();
  private runtime: Promise<void> | null = null;

  private constructor(private readonly loader: WasmLoader) {}

  static async load(loader: WasmLoader): Promise<Parsers> {
    const parsers = new Parsers(loader);
    await parsers.start();
    return parsers;
  }

  /** Parsers whose runtime (≈20 ms of wasm compilation) starts on the first `ready` or `start`. */
  static deferred(loader: WasmLoader): Parsers {
    return new Parsers(loader);
  }

  /** Start the parser runtime (once); rejects when its wasm cannot be loaded, and a later call tries again. */
  start(): Promise<void> {
    this.runtime ??= (async () => {
      const wasmBinary = await this.loader('web-tree-sitter.wasm');
      await Parser.init({ wasmBinary } as never);
    })().catch((err: unknown) => {
      this.runtime = null;
      throw err;
    });
    return this.runtime;
  }

  /** Ensure the grammar for `language` is loaded (async, once). */
  async ready(language: Language): Promise<void> {
    if (this.parsers.has(language)) return;
    await this.start();
    let pending = this.languages.get(language);
    if (!pending) {
      pending = this.loader(GRAMMAR[language]).then((bytes) => TsLanguage.load(bytes));
      this.languages.set(language, pending);
    }
    const lang = await pending;
    if (!this.parsers.has(language)) {
      const parser = new Parser();
      parser.setLanguage(lang);
      this.parsers.set(language, parser);
    }
  }

  isReady(language: Language): boolean {
    return this.parsers.has(language);
  }

  /**
   * Parse `text` (sync; call `ready` first). Pass the previous tree, already edited with
   * `tree.edit(...)`, for an incremental re-parse. The caller owns the returned tree and must
   * `delete()` it when done.
   */
  parse(language: Language, text: string, oldTree?: Tree | null): Tree {
    const parser = this.parsers.get(language);
    if (!parser) throw new Error(`parser for ${language} is not loaded; await ready() first`);
    const tree = parser.parse(text, oldTree ?? null);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${language}`);
    return tree;
  }
}
