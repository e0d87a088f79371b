/**
 * Node-side loader of js-tiktoken's rank tables for the CLI and the extension: from `ranks/`
 * next to the bundle (esbuild.config.mjs copies them to dist/ranks and keeps them out of the
 * bundles), falling back to the js-tiktoken package when running from source.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RankLoader } from '../core/tokens';

export function createRankLoader(bundleDir: string = __dirname): RankLoader {
  const req = createRequire(join(bundleDir, 'noop.js'));
  return async (name) => {
    const shipped = join(bundleDir, 'ranks', `${name}.cjs`);
    return existsSync(shipped) ? req(shipped) : req(`js-tiktoken/ranks/${name}`);
  };
}
