/** An Engine over real files under a root folder (read-only, confined to the root). */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { Engine } from '../../src/core/engine';
import type { WorkspaceFs } from '../../src/core/types';
import { loadWasm } from './wasm';

export class RootFs implements WorkspaceFs {
  constructor(private readonly root: string) {}
  readText(absPath: string): string | null {
    try {
      const real = realpathSync(absPath);
      const root = realpathSync(this.root);
      if (real !== root && !real.startsWith(root + sep)) return null;
      if (statSync(real).size > 1024 * 1024) return null;
      const text = readFileSync(real, 'utf8');
      return text.includes('\u0000') ? null : text;
    } catch {
      return null;
    }
  }
}

export async function testEngine(root: string, config?: unknown): Promise<Engine> {
  const engine = await Engine.create({ fs: new RootFs(root), loadWasm });
  if (config !== undefined) {
    const problems = engine.configure(config);
    if (problems.length) throw new Error(`bad test config: ${JSON.stringify(problems)}`);
  }
  return engine;
}
