// End to end, in Chromium against code-server: open a fixture file, see the squiggle and the
// Problems entry, press Ctrl+. and apply the preferred fix, see the squiggle go and the cost lens,
// hover the call. Screenshots: test-results/screenshots/extension-*.png.
import type { Harness } from './harness';

export const options = { theme: 'dark' as const };

export async function run(h: Harness): Promise<void> {
  const page = h.page;
  await h.openFile('essay.ts');
  const editor = page.locator('.editor-instance .monaco-editor').first();

  // 1. The squiggle under `max_completion_tokens: 32000` (an error: over the model's output limit;
  // the workspace declares the SDK's types, so it is the only error squiggle).
  await editor.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
  await h.screenshot('extension-01-squiggle');

  // 2. The Problems panel lists it with the rule id.
  const rows = await h.problems(2);
  const row = rows.find((r) => /gpt-4o returns at most/.test(r.text));
  if (!row) throw new Error(`no max-tokens-over-limit row in Problems: ${rows.map((r) => r.text).join(' | ')}`);
  if (!/max-tokens-over-limit/.test(row.text)) throw new Error(`the Problems row names no rule id: ${row.text}`);
  await h.screenshot('extension-02-problems');

  // 3. Cursor on the finding, Ctrl+. shows the fixes; the preferred one comes first.
  await editor.locator('.view-line span span', { hasText: '32000' }).first().click();
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set max_completion_tokens to 16384' }).first();
  // The first Ctrl+. can land before the editor has asked for code actions: retry a few times.
  for (let attempt = 1; ; attempt++) {
    await h.press('Control+.');
    try {
      await fix.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await h.press('Escape');
      await editor.locator('.view-line span span', { hasText: '32000' }).first().click();
    }
  }
  await page.locator('.action-widget .monaco-list-row', { hasText: 'Disable max-tokens-over-limit for this line' }).first().waitFor({ timeout: 5_000 });
  await h.screenshot('extension-03-quickfix-menu');

  // 4. Apply it: the text changes and the finding goes (Problems and the squiggle) after re-analysis.
  await fix.click();
  await editor.locator('.view-line', { hasText: 'max_completion_tokens: 16384' }).first().waitFor({ timeout: 30_000 });
  const end = Date.now() + 30_000;
  for (;;) {
    const left = await page.locator('.markers-panel .monaco-list-row', { hasText: 'max-tokens-over-limit' }).count();
    const squiggles = await editor.locator('.squiggly-error').count();
    if (left === 0 && squiggles === 0) break;
    if (Date.now() > end) throw new Error(`the finding is still there after the fix (${left} Problems rows, ${squiggles} error squiggles)`);
    await page.waitForTimeout(200);
  }
  // 5. The cost lens above the call: model · tokens · cap · $/call · $/mo.
  const lens = editor.locator('.codelens-decoration', { hasText: /gpt-4o · .* · cap 16,384 · / }).first();
  await lens.waitFor({ timeout: 30_000 });
  const lensText = (await lens.innerText()).trim();
  if (!/^gpt-4o · .*tok( \+ dynamic)? · cap 16,384 · \$[\d.,]+\/call · \$[\d.,]+\/mo$/.test(lensText)) throw new Error(`unexpected lens: ${lensText}`);
  await h.screenshot('extension-04-fixed-with-lens');

  // 6. Hover on the call: price rows, date, volume.
  await editor.locator('.view-line span span', { hasText: 'completions' }).first().hover();
  const hover = page.locator('.monaco-hover', { hasText: 'Prompt Cost' }).first();
  await hover.waitFor({ timeout: 30_000 });
  await hover.locator('text=Prices as of').first().waitFor({ timeout: 5_000 });
  await h.screenshot('extension-05-hover');
}
