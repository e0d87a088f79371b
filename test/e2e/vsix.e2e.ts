// End to end as a new user: the packaged .vsix installed with `code-server --install-extension`
// (no development extension), a copy of the repository's examples/ opened with no configuration.
// Through the UI: the extension activates, app.py gets squiggles and Problems rows for several rules,
// Ctrl+. applies a fix and the finding goes, the CodeLens shows model · tokens · $/call · $/month,
// the status bar shows the monthly total, the Prompt Cost view lists Python and TypeScript call sites
// after a workspace scan, and an OpenAI call shows an exact token count (the tokenizer tables ship
// in the .vsix). Screenshots: test-results/screenshots/vsix-*.png.
//
// The .vsix: $PCL_VSIX if set (an already built package), otherwise `npm run package` builds one
// into out/e2e-vsix/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Harness } from './harness';

const repoRoot = path.resolve(__dirname, '..', '..', '..'); // out/test/e2e/ -> repository

/** Builds (or reuses) the .vsix and opens examples/ as the workspace; runs before code-server starts. */
export function options(): { theme: 'dark'; installVsix: string; workspaceSource: string } {
  let vsix = process.env.PCL_VSIX ? path.resolve(process.env.PCL_VSIX) : '';
  if (!vsix) {
    const outDir = path.join(repoRoot, 'out', 'e2e-vsix');
    fs.mkdirSync(outDir, { recursive: true });
    vsix = path.join(outDir, 'prompt-cost-lint.vsix');
    fs.rmSync(vsix, { force: true });
    const t0 = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', 'package', '--silent', '--', '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0 || !fs.existsSync(vsix)) {
      throw new Error(`npm run package failed (exit ${r.status ?? r.signal}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(-4000));
    }
    console.log(`[vsix] npm run package -> ${path.relative(repoRoot, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  return { theme: 'dark', installVsix: vsix, workspaceSource: path.join(repoRoot, 'examples') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

async function panelFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (await f.locator('#calls').count().catch(() => 0)) return f;
    }
    await sleep(250);
  }
  throw new Error('the Prompt Cost view (webview) did not appear');
}

/**
 * Brings the first line of the open file `relPath` that contains `text` to the middle of the editor
 * (Quick Open ":<line>", so it is clear of the sticky-scroll header) and returns the visible token.
 */
async function revealText(h: Harness, editor: Locator, relPath: string, text: string): Promise<Locator> {
  const lines = fs.readFileSync(path.join(h.workspace, relPath), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text)) + 1;
  if (line === 0) throw new Error(`${text} is not in ${relPath}`);
  const input = h.page.locator('.quick-input-widget input');
  const cursorOnLine = h.page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await h.press('Escape');
      await h.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(`:${line}`);
      // Quick Open's go-to-line item must be there before Enter picks it.
      await h.page.locator('.quick-input-list .monaco-list-row', { hasText: String(line) }).first().waitFor({ timeout: 10_000 });
      await h.press('Enter');
      await cursorOnLine.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  const token = editor.locator('.view-line span span', { hasText: text }).filter({ visible: true }).first();
  await token.waitFor({ timeout: 15_000 });
  return token;
}

const APP = 'python/support_bot/app.py';

export async function run(h: Harness): Promise<void> {
  const page = h.page;
  if (fs.existsSync(path.join(h.workspace, '.vscode')) || fs.existsSync(path.join(h.workspace, '.prompt-cost.json'))) {
    throw new Error('the examples copy carries configuration: this scenario must run with none');
  }

  // 0. Installed from the .vsix (not a development extension): the Extensions view lists it.
  const installed = fs.readdirSync(path.join(h.scratch, 'extensions')).filter((d) => d.startsWith('prompt-cost-lint.prompt-cost-lint-'));
  if (installed.length !== 1) throw new Error(`expected one installed prompt-cost-lint in the extensions folder, found: ${installed.join(', ') || 'none'}`);
  await h.runCommand('Extensions: Show Installed Extensions');
  await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Prompt Cost Lint' }).first().waitFor({ timeout: 30_000 });
  await h.screenshot('vsix-01-installed');

  // 1. Opening a Python file activates it: squiggles in app.py.
  await h.openFile(APP);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 90_000 });

  // 2. Problems rows with the rule ids.
  const wanted = ['missing-cache-control', 'missing-max-tokens', 'overpowered-model', 'unknown-model'];
  let texts: string[] = [];
  await waitUntil(`Problems rows for ${wanted.join(', ')}`, async () => {
    texts = (await h.problems(1)).filter((r) => r.kind === 'marker').map((r) => r.text);
    return wanted.every((id) => texts.some((t) => t.includes(id)));
  }, 60_000).catch((err) => {
    throw new Error(`${(err as Error).message}; rows: ${texts.join(' | ')}`);
  });
  if (!texts.some((t) => /\$[\d,.]+/.test(t))) throw new Error(`no Problems message names the money: ${texts.join(' | ')}`);

  // 3. The status bar: the monthly total.
  const status = page.locator('.statusbar-item', { hasText: /\$[\d,.]+[kM]?\/mo/ }).first();
  await status.waitFor({ timeout: 30_000 });
  const statusText = (await status.innerText()).trim();

  // 4. The CodeLens over the first call: model · tokens · $/call · $/mo.
  const lensRe = /^claude-sonnet-4-5 · .*tok.* · \$[\d.,]+\/call · \$[\d.,]+[kM]?\/mo$/;
  await revealText(h, editor, APP, 'claude-sonnet-4-5');
  const lens = editor.locator('.codelens-decoration', { hasText: /^claude-sonnet-4-5 · / }).filter({ visible: true }).first();
  await lens.waitFor({ timeout: 30_000 });
  const lensText = (await lens.innerText()).trim();
  if (!lensRe.test(lensText)) throw new Error(`unexpected lens: ${lensText}`);
  await h.screenshot('vsix-02-squiggles-problems-lens');

  // 5. An OpenAI call: an exact token count (js-tiktoken's rank tables came with the .vsix), no ≈.
  await revealText(h, editor, APP, 'gpt-6.2-sol');
  const openaiLens = editor.locator('.codelens-decoration', { hasText: /^gpt-6\.2-sol · / }).filter({ visible: true }).first();
  await openaiLens.waitFor({ timeout: 30_000 });
  // The editor shows estimated counts first and exact ones once the encoder has loaded.
  let openaiLensText = '';
  await waitUntil('the OpenAI call\'s lens to show an exact token count', async () => {
    openaiLensText = ((await openaiLens.innerText().catch(() => '')) ?? '').trim();
    return /^gpt-6\.2-sol · [\d,]+ tok\b/.test(openaiLensText) && !openaiLensText.includes('≈');
  }, 30_000).catch((err) => {
    throw new Error(`${(err as Error).message} (are the tokenizer tables in the .vsix?): ${openaiLensText}`);
  });
  await editor.locator('.view-line span span', { hasText: 'completions' }).first().hover();
  const hover = page.locator('.monaco-hover', { hasText: 'Prompt Cost' }).first();
  await hover.waitFor({ timeout: 30_000 });
  let hoverText = '';
  await waitUntil('the hover to state an exact input token count', async () => {
    hoverText = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
    return /Input:\s*[\d,]+ tokens, exact \(o200k_base tokenizer\)/.test(hoverText);
  }, 15_000).catch((err) => {
    throw new Error(`${(err as Error).message}; hover: ${hoverText.slice(0, 1500)}`);
  });
  // Scroll the hover to that line for the screenshot (it sits below the price rows).
  await hover.locator('li', { hasText: 'tokens, exact' }).first().scrollIntoViewIfNeeded().catch(() => undefined);
  await h.screenshot('vsix-03-openai-exact-tokens');
  await h.press('Escape');

  // 6. Ctrl+. on the unknown model: "Change the model to "gpt-4o-mini"", applied; the finding goes.
  const typo = await revealText(h, editor, APP, 'gpt-4o-mni');
  await typo.click();
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change the model to "gpt-4o-mini"' }).first();
  for (let attempt = 1; ; attempt++) {
    await h.press('Control+.');
    try {
      await fix.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await h.press('Escape');
      await (await revealText(h, editor, APP, 'gpt-4o-mni')).click();
    }
  }
  await h.screenshot('vsix-04-quickfix');
  await fix.click();
  await editor.locator('.view-line', { hasText: 'model="gpt-4o-mini"' }).first().waitFor({ timeout: 30_000 });
  await waitUntil('the unknown-model finding to disappear from Problems', async () => {
    return (await page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown-model' }).count()) === 0;
  });
  // The lens over that call follows the edit: the corrected model is priced.
  const fixedLens = editor.locator('.codelens-decoration', { hasText: /^gpt-4o-mini · .* · \$[\d.,]+\/call · / }).filter({ visible: true }).first();
  await fixedLens.waitFor({ timeout: 30_000 }).catch(async (err) => {
    const lenses = await editor.locator('.codelens-decoration').filter({ visible: true }).allInnerTexts();
    throw new Error(`the lens did not follow the fix: ${(err as Error).message.split('\n')[0]}; lenses: ${lenses.join(' | ')}`);
  });
  // The others stay.
  if ((await page.locator('.markers-panel .monaco-list-row', { hasText: 'missing-cache-control' }).count()) === 0) {
    throw new Error('the other findings went away with the fix');
  }

  // 6b. "Show documentation for <rule>" from Ctrl+. opens the rule's page shipped in the .vsix (docs/rules/).
  const opus = await revealText(h, editor, APP, 'claude-opus-4-8');
  await opus.click();
  const docsAction = page.locator('.action-widget .monaco-list-row', { hasText: 'Show documentation for overpowered-model' }).first();
  for (let attempt = 1; ; attempt++) {
    await h.press('Control+.');
    try {
      await docsAction.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await h.press('Escape');
      await (await revealText(h, editor, APP, 'claude-opus-4-8')).click();
    }
  }
  await docsAction.click();
  await page.locator('.tabs-container .tab', { hasText: 'overpowered-model.md' }).first().waitFor({ timeout: 30_000 });
  await waitUntil('the rule page rendered in the preview', async () => {
    for (const f of page.frames()) {
      if (await f.locator('h1, h2').filter({ hasText: /overpowered/i }).count().catch(() => 0)) return true;
    }
    return false;
  }, 30_000);
  await h.screenshot('vsix-05-rule-docs');
  // Back to app.py for the rest.
  await page.locator('.tabs-container .tab', { hasText: 'app.py' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'app.py' }).waitFor({ timeout: 15_000 });

  // 7. The Prompt Cost view from the activity bar; a workspace scan lists Python and TypeScript calls.
  await page.locator('.activitybar .action-item a[aria-label^="Prompt Cost"], .activitybar .action-item[aria-label^="Prompt Cost"]').first().click();
  const frame = await panelFrame(page);
  const scan = frame.locator('#scan');
  await scan.waitFor({ timeout: 30_000 });
  await scan.click();
  await frame.locator('#status', { hasText: /Scanned/ }).waitFor({ timeout: 120_000 });
  const ids = async () => frame.locator('tbody tr.call').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
  let seen: string[] = [];
  await waitUntil('call sites from both the Python and the TypeScript examples', async () => {
    seen = await ids();
    return seen.some((id) => /\.py:\d+/.test(id)) && seen.some((id) => /\.ts:\d+/.test(id));
  }, 60_000).catch((err) => {
    throw new Error(`${(err as Error).message}; rows: ${seen.join(', ')}`);
  });
  const files = new Set(seen.map((id) => id.replace(/:\d+:\d+$/, '')));
  if (seen.length < 15 || files.size < 7) throw new Error(`the scan found only ${seen.length} call sites in ${files.size} files: ${seen.join(', ')}`);
  // After the scan the open file's lens still shows the edited document, not the disk or an old analysis.
  await revealText(h, editor, APP, 'max_completion_tokens'); // line 87, in the fixed call
  await waitUntil('the fixed call\'s lens after the scan', async () => fixedLens.isVisible(), 15_000).catch(async (err) => {
    const lenses = await editor.locator('.codelens-decoration').filter({ visible: true }).allInnerTexts();
    throw new Error(`${(err as Error).message}; lenses: ${lenses.join(' | ')}`);
  });
  // Scroll the list into view: the summary and the what-if sit above it in a narrow side bar.
  await frame.locator('tbody tr.call').first().evaluate((row) => row.closest('table')?.scrollIntoView({ block: 'start' }));
  await h.screenshot('vsix-06-panel-scan');

  console.log(`[vsix] ${installed[0]}; status bar "${statusText}"; lens "${lensText}"; OpenAI lens "${openaiLensText}"; panel ${seen.length} calls in ${files.size} files`);
}
