// End to end, in Chromium against code-server: open the cost panel, scan, sort by cost (mouse and
// keyboard), apply a what-if model switch and see the total change, click a row and land on the
// call. Screenshots in dark, light and high-contrast themes: test-results/screenshots/panel-*.png
// (each with a crop of the side bar, panel-*-sidebar.png).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Harness } from './harness';

export const options = { theme: 'dark' as const };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Extra call sites written into this run's workspace copy: a cheap router, an expensive summariser
// in a file whose name is HTML (it must show as text), next to the fixture's app.py.
const ROUTER_PY = `from openai import OpenAI

client = OpenAI()


def route(ticket: str) -> str:
    # prompt-cost: 3k/day
    reply = client.chat.completions.create(
        model="gpt-4o",
        max_tokens=20,
        messages=[{"role": "user", "content": "Classify the ticket as billing, bug or other. Answer with one word.\\n\\n" + ticket}],
    )
    return reply.choices[0].message.content
`;

const HOSTILE_NAME = '<img src=x onerror=alert(1)>.py';
const SUMMARY_PY = `import anthropic

client = anthropic.Anthropic()
SYSTEM = """You are a meticulous analyst. Summarise the report for the executive team, keeping every figure exact."""


def summarise(report: str) -> str:
    # prompt-cost: 40k/month
    msg = client.messages.create(
        model="claude-opus-4-1",
        max_tokens=2000,
        system=SYSTEM,
        messages=[{"role": "user", "content": report}],
    )
    return msg.content[0].text
`;

function money(text: string): number {
  const m = /-?[\d,]*\.?\d+/.exec(text.replace(/[<≈]/g, ''));
  return m ? Number(m[0].replace(/,/g, '')) : Number.NaN;
}

async function panelFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (await f.locator('#calls').count().catch(() => 0)) return f;
    }
    await sleep(250);
  }
  throw new Error('the cost panel webview did not appear');
}

async function shot(h: Harness, name: string): Promise<void> {
  await sleep(400); // let the webview repaint after a theme switch or re-render
  await h.screenshot(name);
  // A crop of the side bar, at the width users see it.
  const sidebar = h.page.locator('.part.sidebar');
  if (await sidebar.isVisible().catch(() => false)) {
    fs.mkdirSync(h.screenshotsDir, { recursive: true });
    await sidebar.screenshot({ path: path.join(h.screenshotsDir, `${name}-sidebar.png`) });
  }
}

async function headerSort(frame: Frame, key: string): Promise<string> {
  return (await frame.locator(`th:has(button[data-sort="${key}"])`).getAttribute('aria-sort')) ?? '';
}

async function columnIndex(frame: Frame, key: string): Promise<number> {
  const keys = await frame.locator('thead button[data-sort]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sort')));
  const i = keys.indexOf(key);
  if (i < 0) throw new Error(`no ${key} column`);
  return i;
}

async function columnTexts(frame: Frame, key: string): Promise<string[]> {
  const i = await columnIndex(frame, key);
  return frame.locator('tbody tr.call').evaluateAll((rows, idx) => rows.map((r) => (r.children[idx] as HTMLElement).innerText), i);
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function run(h: Harness): Promise<void> {
  const page = h.page;
  fs.mkdirSync(path.join(h.workspace, 'services'), { recursive: true });
  fs.writeFileSync(path.join(h.workspace, 'services', 'router.py'), ROUTER_PY);
  fs.writeFileSync(path.join(h.workspace, HOSTILE_NAME), SUMMARY_PY);
  let alerted = false;
  page.on('dialog', (d) => {
    alerted = true;
    void d.dismiss();
  });

  // Open the panel from its activity-bar container.
  await page.locator('.activitybar .action-item a[aria-label^="Prompt Cost"], .activitybar .action-item[aria-label^="Prompt Cost"]').first().click();
  const frame = await panelFrame(page);
  const scan = frame.locator('#scan');
  await scan.waitFor({ timeout: 30_000 });
  await scan.click();
  const rows = frame.locator('tbody tr.call');
  await waitUntil('three call sites after the scan', async () => (await rows.count()) >= 3, 90_000);
  await frame.locator('#status', { hasText: /Scanned/ }).waitFor({ timeout: 60_000 });

  // The HTML file name shows as text; nothing ran.
  const hostile = frame.locator('tbody tr.call td:first-child', { hasText: '<img src=x onerror=alert(1)>.py' });
  if ((await hostile.count()) !== 1) throw new Error('the HTML file name is not shown as text');
  if ((await frame.locator('tbody img').count()) !== 0 || alerted) throw new Error('markup from a file name was rendered');

  // Sort by $/month with the mouse (toggle to descending if it lands ascending), then check the order.
  const sortBtn = frame.locator('button[data-sort="perMonth"]');
  await frame.locator('button[data-sort="location"]').click();
  await waitUntil('sort by location', async () => (await headerSort(frame, 'location')) === 'ascending');
  await sortBtn.click();
  await waitUntil('sort by cost', async () => (await headerSort(frame, 'perMonth')) !== 'none');
  if ((await headerSort(frame, 'perMonth')) !== 'descending') {
    await sortBtn.click();
    await waitUntil('descending cost', async () => (await headerSort(frame, 'perMonth')) === 'descending');
  }
  const costs = (await columnTexts(frame, 'perMonth')).map(money);
  for (let i = 1; i < costs.length; i++) if (!(costs[i - 1]! >= costs[i]!)) throw new Error(`not sorted by cost: ${costs.join(', ')}`);
  if (costs.length < 3 || !costs.every(Number.isFinite)) throw new Error(`unexpected $/month cells: ${costs.join(', ')}`);

  // Keyboard: ascending with Enter on the focused header, back to descending.
  await sortBtn.focus();
  await page.keyboard.press('Enter');
  await waitUntil('ascending by keyboard', async () => (await headerSort(frame, 'perMonth')) === 'ascending');
  await frame.locator('button[data-sort="perMonth"]').focus();
  await page.keyboard.press('Enter');
  await waitUntil('descending by keyboard', async () => (await headerSort(frame, 'perMonth')) === 'descending');
  await shot(h, 'panel-dark');

  // What-if: every claude-opus-4-1 call switched to claude-haiku-4-5; the total drops.
  const before = money((await frame.locator('#total-before').innerText()) || '');
  await frame.locator('#wi-from').selectOption('claude-opus-4-1');
  await frame.locator('#wi-to').selectOption('claude-haiku-4-5');
  await frame.locator('#wi-apply-all').click();
  await frame.locator('#total-after').waitFor({ timeout: 30_000 });
  const afterTotal = money(await frame.locator('#total-after').innerText());
  const beforeAgain = money(await frame.locator('#total-before').innerText());
  if (!(afterTotal < beforeAgain) || Math.abs(beforeAgain - before) > 1e-6 * Math.max(1, before)) {
    throw new Error(`what-if total did not drop: before ${before}/${beforeAgain}, after ${afterTotal}`);
  }
  const delta = await frame.locator('#total-delta').innerText();
  if (!/−|-/.test(delta)) throw new Error(`difference not negative: ${delta}`);
  const changed = frame.locator('tbody tr.call.changed');
  if ((await changed.count()) < 1) throw new Error('no row shows before → after');

  // Click a row: the editor opens app.py at the call (line 7), and the detail shows the call.
  const appRow = frame.locator('tbody tr.call[data-id^="app.py:"]');
  await appRow.click();
  await page.locator('.tabs-container .tab.active', { hasText: 'app.py' }).waitFor({ timeout: 30_000 });
  // The reveal selects the call expression (line 7 of app.py): the status bar counts a selection.
  await page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first().waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .selected-text').first().waitFor({ timeout: 15_000 });
  await frame.locator('#detail h2', { hasText: 'app.py:7' }).waitFor({ timeout: 10_000 });

  // Keyboard on rows: arrows move the selection, Enter reveals.
  await appRow.focus();
  await page.keyboard.press('Home');
  const firstId = (await rows.first().getAttribute('data-id')) ?? '';
  if ((await rows.first().getAttribute('aria-selected')) !== 'true') throw new Error('Home did not select the first row');
  await page.keyboard.press('Enter');
  const firstFile = path.basename(firstId.replace(/:\d+:\d+$/, ''));
  await page.locator('.tabs-container .tab.active', { hasText: firstFile }).waitFor({ timeout: 30_000 });
  await appRow.click();
  await page.locator('.tabs-container .tab.active', { hasText: 'app.py' }).waitFor({ timeout: 30_000 });
  await shot(h, 'panel-whatif-dark');

  await switchTheme(h, 'light');
  await shot(h, 'panel-light');
  // The selected call's details (findings, per-call what-if), grouped by model.
  await frame.locator('#group-by').selectOption('model');
  await frame.locator('tbody tr.group').first().waitFor({ timeout: 15_000 });
  await frame.locator('#detail h2', { hasText: 'app.py:7' }).scrollIntoViewIfNeeded();
  await shot(h, 'panel-detail-light');

  // Hide the view (another container) and show it again: the page is rebuilt (no retained
  // context) and comes back with its grouping, sort and selection.
  await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]').first().click();
  await page.locator('.explorer-folders-view').waitFor({ timeout: 15_000 });
  await page.locator('.activitybar .action-item a[aria-label^="Prompt Cost"], .activitybar .action-item[aria-label^="Prompt Cost"]').first().click();
  const again = await panelFrame(page);
  await again.locator('tbody tr.group').first().waitFor({ timeout: 30_000 });
  if ((await again.locator('#group-by').inputValue()) !== 'model') throw new Error('grouping lost across hide/show');
  if ((await headerSort(again, 'perMonth')) !== 'descending') throw new Error('sort lost across hide/show');
  await again.locator('tbody tr.call.selected[data-id^="app.py:"]').waitFor({ timeout: 10_000 });
  await again.locator('#total-after').waitFor({ timeout: 10_000 });

  await switchTheme(h, 'hc');
  await shot(h, 'panel-hc');

  // Widened side bar: every column, Δ/month included.
  await switchTheme(h, 'dark');
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 500, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
  }
  await waitUntil('the wide columns', async () => again.locator('th:has(button[data-sort="delta"])').isVisible());
  await shot(h, 'panel-wide-dark');
}

/** Switch the colour theme through the settings file; if the workbench misses the change, through the theme picker. */
const THEME = {
  dark: { cls: 'vs-dark', label: 'Dark Modern', id: 'Default Dark Modern' },
  light: { cls: 'vs', label: 'Light Modern', id: 'Default Light Modern' },
  hc: { cls: 'hc-black', label: 'Dark High Contrast', id: 'Default High Contrast' },
} as const;

async function switchTheme(h: Harness, theme: keyof typeof THEME): Promise<void> {
  const page = h.page;
  const { cls, label, id } = THEME[theme];
  await h.setSettings({ 'workbench.colorTheme': id });
  try {
    await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 10_000 });
    return;
  } catch {
    /* fall back to the picker */
  }
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
  await h.press(['Control+K', 'Control+T']);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await input.fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 30_000 });
}
