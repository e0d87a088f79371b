/**
 * What VS Code loads (`main` in package.json): the extension itself is `extension-main.js`, loaded
 * here with V8's code cache (src/node/codeCache.ts) so a later start skips compiling it. The cache
 * is written after the first analysis of each language family (src/vscode/extension.ts).
 */
import { join } from 'node:path';
import { loadWithCodeCache } from '../node/codeCache';
import type * as Main from './extension';

const loaded = loadWithCodeCache<typeof Main>(join(__dirname, 'extension-main.js'), join(__dirname, 'extension-main.js.v8cache'), module);
loaded.exports.setCodeCache({ state: loaded.cache, save: loaded.save });

export const activate: typeof Main.activate = (context) => loaded.exports.activate(context);
export const deactivate: typeof Main.deactivate = () => loaded.exports.deactivate();
