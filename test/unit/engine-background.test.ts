/**
 * The editor's mode (waitForTokenizer: false): the first analysis does not wait for the encoder,
 * counts are estimates until it has loaded, and onTokenizerLoaded fires so the editor re-analyses.
 * Its own file: node --test runs each file in a fresh process, so no encoder is loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { isTokenizerReady, onTokenizerLoaded } from '../../src/core/tokens';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';

const APP = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-4o", max_completion_tokens=50, messages=[{"role": "system", "content": "You are a careful assistant that answers in French."}])
`;

test('first analysis uses estimates, then exact counts once the encoder has loaded', async () => {
  assert.equal(isTokenizerReady('o200k_base'), false, 'a fresh process has no encoder');
  const loaded = new Promise<string>((resolve) => onTokenizerLoaded((id) => resolve(id)));
  const engine = await Engine.create({ fs: new MemFs(), loadWasm, waitForTokenizer: false });
  const first = await engine.analyze({ path: '/w/a.py', text: APP });
  assert.equal(first.calls.length, 1);
  assert.equal(first.calls[0]!.inputTokens.exact, false, 'estimated while the encoder loads');
  assert.ok(first.calls[0]!.inputTokens.low <= first.calls[0]!.inputTokens.high);
  assert.equal(await loaded, 'o200k_base');
  const second = await engine.analyze({ path: '/w/a.py', text: APP });
  const t = second.calls[0]!.inputTokens;
  assert.equal(t.exact, true);
  assert.equal(t.low, t.high);
  // The waiting engine (CLI) gives the same exact count.
  const waiting = await Engine.create({ fs: new MemFs(), loadWasm });
  assert.equal((await waiting.analyze({ path: '/w/b.py', text: APP })).calls[0]!.inputTokens.central, t.central);
});
