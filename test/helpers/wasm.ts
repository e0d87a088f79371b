/** Loads the tree-sitter wasm files straight from node_modules, so unit tests need no build step. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Parsers, type WasmFile } from '../../src/core/parse/parser';

const require = createRequire(__filename);

export function wasmPath(file: WasmFile): string {
  if (file === 'web-tree-sitter.wasm') return join(dirname(require.resolve('web-tree-sitter')), file);
  return join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm', file);
}

export async function loadWasm(file: WasmFile): Promise<Uint8Array> {
  return readFileSync(wasmPath(file));
}

let shared: Promise<Parsers> | undefined;

/** One Parsers instance per test process, with every grammar loaded. */
export function testParsers(): Promise<Parsers> {
  shared ??= (async () => {
    const p = await Parsers.load(loadWasm);
    await Promise.all((['python', 'typescript', 'tsx', 'javascript'] as const).map((l) => p.ready(l)));
    return p;
  })();
  return shared;
}
