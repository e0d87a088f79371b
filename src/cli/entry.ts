/**
 * What bin/prompt-cost-lint.js loads: the CLI itself is dist/cli.js, loaded here with V8's code
 * cache (src/node/codeCache.ts, as the extension's entry does) so that a start skips compiling
 * the 1.6 MB bundle. The code cache (`dist/cli.js.v8cache`, beside the bundle, never in the
 * project) is written only by a run with `--cache`, when there was none or V8 rejected it (a
 * rebuild, another Node version); where the folder is read-only nothing is written.
 */
import { join } from 'node:path';
import { loadWithCodeCache } from '../node/codeCache';
import type * as Cli from './main';

export async function main(argv: string[]): Promise<number> {
  const loaded = loadWithCodeCache<typeof Cli>(join(__dirname, 'cli.js'), join(__dirname, 'cli.js.v8cache'), module);
  const code = await loaded.exports.main(argv);
  // After the run: the cache then holds the functions it compiled too.
  if (loaded.cache !== 'used' && loaded.exports.keepsCache(argv)) loaded.save();
  return code;
}
