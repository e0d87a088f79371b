/** An Engine over real files under a root folder (read-only, confined to the root). */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { Engine } from '../../src/core/engine';
import type { WorkspaceFs } from '../../src/core/types';
import { loadWasm } from './wasm';

/**
 * Files under `root`, confined to it. With `virtualPrefix` (e.g. '/ws'), paths given to the engine
 * are virtual ('/ws/py/app.py') and mapped onto the root, so heuristics that look at folder names
 * (a `test/` folder means test code) see the project's own layout, not where the fixtures live.
 */
export class RootFs implements WorkspaceFs {
  constructor(
    private readonly root: string,
    private readonly virtualPrefix?: string,
  ) {}
  toReal(path: string): string {
    if (this.virtualPrefix && (path === this.virtualPrefix || path.startsWith(this.virtualPrefix + '/'))) {
      return this.root + path.slice(this.virtualPrefix.length);
    }
    return path;
  }
  readText(absPath: string): string | null {
    try {
      const real = realpathSync(this.toReal(absPath));
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

export async function testEngine(root: string, config?: unknown, virtualPrefix?: string): Promise<Engine> {
  const engine = await Engine.create({ fs: new RootFs(root, virtualPrefix), loadWasm });
  if (config !== undefined) {
    const problems = engine.configure(config);
    if (problems.length) throw new Error(`bad test config: ${JSON.stringify(problems)}`);
  }
  return engine;
}
