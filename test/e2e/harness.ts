// A small library to drive a REAL VS Code workbench: code-server (Code-OSS server + Node extension
// host) on a free 127.0.0.1 port, with a per-run copy of a workspace, opened in a system Chromium
// through playwright-core. Used by the UI scenarios (test/e2e/*.e2e.ts, run by scripts/test-e2e.mjs)
// and by scripts/test-integration.mjs to run the mocha suite inside the extension host.
//
// The extension under test is loaded as a development extension through the workbench's `payload`
// query (extensionDevelopmentPath, optionally extensionTestsPath) as vscode-remote URIs, the way
// VS Code's own browser integration tests do it. A built VS Code only honours that payload when the
// server runs with `--vscode-option enable-smoke-test-driver`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';

export interface HarnessTools {
  /** Node 24 binary that runs code-server. */
  nodeBin: string;
  /** code-server's out/node/entry.js. */
  codeServerEntry: string;
  /** Folder of the playwright-core package to load (default: resolve 'playwright-core'). */
  playwrightDir?: string;
  /** Chromium/Chrome executable. */
  chromium: string;
}

export interface HarnessOptions {
  tools: HarnessTools;
  /** Scenario name: used for log folders. */
  name: string;
  /** Extension folder loaded as development extension (the repository root); unused with installVsix. */
  extensionDevelopmentPath: string;
  /**
   * A packaged extension (.vsix) to install the way a user does, `code-server --install-extension`,
   * into this run's extensions folder before the server starts. The workbench then loads the
   * installed extension and no development extension.
   */
  installVsix?: string;
  /** Folder copied to a fresh scratch workspace for this run (the web workbench auto-saves). */
  workspaceSource: string;
  /**
   * A `.code-workspace` file inside that folder (relative path): the workbench opens it (a
   * multi-root workspace) instead of the folder itself.
   */
  workspaceFile?: string;
  /** Where screenshot(name) writes `<name>.png`. Default: <cwd>/test-results/screenshots. */
  screenshotsDir?: string;
  /** Where logs are copied on stop(). Default: <cwd>/test-results/logs/<name>. */
  logsDir?: string;
  /** Initial color theme. Default 'dark'. */
  theme?: ThemeKind;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Print every workbench log line. Default: $VERBOSE. */
  verbose?: boolean;
}

export interface ProblemRow {
  /** 'file' for a file's group row, 'marker' for a problem row. */
  kind: 'file' | 'marker';
  /** Parsed from the label of a marker row. */
  severity?: 'error' | 'warning' | 'info';
  /** The row's accessible label, e.g. "Warning: <message> at line 7 column 15". */
  label: string;
  /** The visible text of the row. */
  text: string;
}

export interface ExtensionTestResult {
  exitCode: number;
  timedOut: boolean;
  passed: number;
  failed: number;
  pending: number;
  seconds: number;
}

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast' } as const;
export type ThemeKind = keyof typeof THEMES;
const THEME_CLASS: Record<ThemeKind, string> = { dark: 'vs-dark', light: 'vs', hc: 'hc-black' };
/** How the color theme picker labels them (the settings value shows as the description). */
const THEME_LABEL: Record<ThemeKind, string> = { dark: 'Dark Modern', light: 'Light Modern', hc: 'Dark High Contrast' };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Workbench chatter that says nothing about our extension (offline marketplace, sign-in, vsda).
const NOISE =
  /open-vsx\.org|AccountPolicyGate|^Canceled|authentication provider|connection token|Creating a socket|grace time|builtin extensions cache|Service Worker|AgentHost|vsda|Failed to load resource|marketplace|github\.com\/login|Creation of workbench contribution|DefaultAccount/i;

const BASE_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'afterDelay',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function loadPlaywright(dir?: string): typeof import('playwright-core') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return dir ? require(dir) : require('playwright-core');
}

export class Harness {
  readonly port: number;
  readonly baseUrl: string;
  /** Scratch folder of this run: workspace copy, user data, XDG dirs, TMPDIR, logs. */
  readonly scratch: string;
  /** The per-run copy of the workspace (safe to modify). */
  readonly workspace: string;
  readonly screenshotsDir: string;
  readonly logsDir: string;
  private server: ChildProcess | undefined;
  private context: BrowserContext | undefined;
  private _page: Page | undefined;
  private readonly settingsFile: string;
  private readonly serverLog: string;
  private readonly consoleLog: string;
  private readonly verbose: boolean;
  private exitHook = () => this.killServer('SIGKILL');

  private constructor(readonly options: HarnessOptions, port: number, scratch: string) {
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.scratch = scratch;
    this.workspace = path.join(scratch, 'workspace');
    this.screenshotsDir = options.screenshotsDir ?? path.resolve('test-results', 'screenshots');
    this.logsDir = options.logsDir ?? path.resolve('test-results', 'logs', options.name);
    this.settingsFile = path.join(scratch, 'user', 'User', 'settings.json');
    this.serverLog = path.join(scratch, 'code-server.log');
    this.consoleLog = path.join(scratch, 'browser-console.log');
    this.verbose = options.verbose ?? !!process.env.VERBOSE;
  }

  /** Copies the workspace, writes settings and starts code-server; resolves when /healthz answers. */
  static async start(options: HarnessOptions): Promise<Harness> {
    const port = await freePort();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-e2e-'));
    const h = new Harness(options, port, scratch);
    try {
      await h.startServer();
    } catch (err) {
      await h.stop();
      throw err;
    }
    return h;
  }

  /** True once openWorkbench()/runExtensionTests() opened a page. */
  get hasPage(): boolean {
    return this._page !== undefined;
  }

  get page(): Page {
    if (!this._page) throw new Error('the workbench is not open: call openWorkbench() first');
    return this._page;
  }

  private remoteUri(p: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${path.resolve(p)}`;
  }

  private mergeJson(file: string, extra: Record<string, unknown>): void {
    let current: Record<string, unknown> = {};
    try {
      current = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      /* first write (or a file with comments: replaced) */
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...current, ...extra }, null, 2) + '\n');
  }

  private writeSettings(extra: Record<string, unknown>): void {
    this.mergeJson(this.settingsFile, extra);
  }

  private async startServer(): Promise<void> {
    const { tools } = this.options;
    for (const f of [tools.nodeBin, tools.codeServerEntry]) if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
    fs.cpSync(this.options.workspaceSource, this.workspace, { recursive: true });
    const dirs = ['user', 'extensions', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state'].map((d) => path.join(this.scratch, d));
    for (const d of dirs) fs.mkdirSync(d, { recursive: true });
    this.writeSettings({ ...BASE_SETTINGS, 'workbench.colorTheme': THEMES[this.options.theme ?? 'dark'], ...this.options.settings });

    const args = [
      tools.codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--user-data-dir', path.join(this.scratch, 'user'),
      '--extensions-dir', path.join(this.scratch, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--reconnection-grace-time', '5', // or extension hosts linger for hours after the page closes
      '--vscode-option', 'enable-smoke-test-driver', // without it the payload's dev options are ignored
    ];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...this.options.env,
      XDG_CONFIG_HOME: path.join(this.scratch, 'xdg/config'),
      XDG_DATA_HOME: path.join(this.scratch, 'xdg/data'),
      XDG_CACHE_HOME: path.join(this.scratch, 'xdg/cache'),
      XDG_STATE_HOME: path.join(this.scratch, 'xdg/state'),
      TMPDIR: path.join(this.scratch, 'tmp'), // IPC sockets, TS server, ... stay in the scratch folder
    };
    delete env.VSCODE_IPC_HOOK_CLI;
    const out = fs.openSync(this.serverLog, 'a');
    if (this.options.installVsix) this.installExtension(this.options.installVsix, [
      tools.codeServerEntry,
      '--user-data-dir', path.join(this.scratch, 'user'),
      '--extensions-dir', path.join(this.scratch, 'extensions'),
    ], env, out);
    const t0 = Date.now();
    // detached = setsid(): code-server and every extension host share one process group we kill at stop().
    this.server = spawn(tools.nodeBin, args, { cwd: this.scratch, env, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    process.on('exit', this.exitHook);
    let exited: string | undefined;
    this.server.on('exit', (code, signal) => (exited = `code-server exited (${signal ?? code})`));
    for (;;) {
      if (exited) throw new Error(`${exited} before answering; log:\n${this.tail(this.serverLog)}`);
      try {
        const res = await fetch(`${this.baseUrl}/healthz`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() - t0 > 60_000) throw new Error(`code-server did not answer in 60 s; log:\n${this.tail(this.serverLog)}`);
      await sleep(100);
    }
    this.log(`code-server on ${this.baseUrl} (pgid ${this.server.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }

  /** `code-server --install-extension <vsix>` with the server's folders and environment; throws unless installed. */
  private installExtension(vsix: string, baseArgs: string[], env: NodeJS.ProcessEnv, out: number): void {
    if (!fs.existsSync(vsix)) throw new Error(`missing ${vsix}`);
    const t0 = Date.now();
    const r = spawnSync(this.options.tools.nodeBin, [...baseArgs, '--install-extension', path.resolve(vsix)], {
      cwd: this.scratch,
      env,
      stdio: ['ignore', out, out],
      timeout: 120_000,
    });
    const extDir = path.join(this.scratch, 'extensions');
    const installed = fs.readdirSync(extDir).filter((d) => !d.startsWith('.') && fs.existsSync(path.join(extDir, d, 'package.json')));
    if (r.status !== 0 || installed.length === 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); log:\n${this.tail(this.serverLog)}`);
    }
    this.log(`installed ${path.basename(vsix)} -> ${installed.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }

  private tail(file: string, lines = 30): string {
    try {
      return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  private log(msg: string): void {
    console.log(`[harness ${this.options.name}] ${msg}`);
  }

  private async launchBrowser(): Promise<Page> {
    if (this.context) await this.context.close().catch(() => undefined); // one page per harness at a time
    const { chromium } = loadPlaywright(this.options.tools.playwrightDir);
    const profile = path.join(this.scratch, 'chromium-profile'); // fresh per run
    this.context = await chromium.launchPersistentContext(profile, {
      executablePath: this.options.tools.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: this.options.viewport ?? { width: 1400, height: 900 },
      env: { ...process.env, TMPDIR: path.join(this.scratch, 'tmp') } as Record<string, string>,
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    const consoleOut = fs.createWriteStream(this.consoleLog, { flags: 'a' });
    page.on('console', (m) => consoleOut.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleOut.write(`[pageerror] ${e.message}\n`));
    this.context.on('close', () => consoleOut.end());
    this._page = page;
    return page;
  }

  private workbenchUrl(payload: [string, string][]): string {
    const target = this.options.workspaceFile ? `workspace=${encodeURIComponent(path.join(this.workspace, this.options.workspaceFile))}` : `folder=${encodeURIComponent(this.workspace)}`;
    return `${this.baseUrl}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  /**
   * Opens the workbench on the workspace copy with the extension loaded from its development path
   * and waits until it is usable: explorer lists the workspace, the theme is applied.
   */
  async openWorkbench(): Promise<Page> {
    const page = await this.launchBrowser();
    const t0 = Date.now();
    await page.goto(this.workbenchUrl([
      // With an installed .vsix the workbench runs it as a user would: no development extension.
      ...(this.options.installVsix ? [] : [['extensionDevelopmentPath', this.remoteUri(this.options.extensionDevelopmentPath)] as [string, string]]),
      ['skipWelcome', 'true'],
    ]));
    await this.waitReady();
    this.log(`workbench ready ${((Date.now() - t0) / 1000).toFixed(1)}s after navigation`);
    return page;
  }

  /** Waits for the workbench, the explorer's first row and the configured theme. */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    const page = this.page;
    await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
    // User settings (the theme) arrive from the server after first paint: wait for them.
    await this.waitTheme(this.options.theme ?? 'dark', 15_000).catch(() => undefined);
  }

  private async waitTheme(theme: ThemeKind, timeoutMs: number): Promise<void> {
    await this.page.locator(`.monaco-workbench.${THEME_CLASS[theme]}`).waitFor({ timeout: timeoutMs });
  }

  /**
   * Runs the mocha suite at extensionTestsPath inside the extension host (the workbench reports the
   * runner's exit code through window.codeAutomationExit and its console through codeAutomationLog).
   * Prints the suite's output; resolves with the counts from mocha's summary lines.
   */
  async runExtensionTests(extensionTestsPath: string, timeoutMs = 300_000): Promise<ExtensionTestResult> {
    const page = await this.launchBrowser();
    const t0 = Date.now();
    const result: ExtensionTestResult = { exitCode: 1, timedOut: false, passed: 0, failed: 0, pending: 0, seconds: 0 };
    let finish!: (code: number) => void;
    const done = new Promise<number>((r) => (finish = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      let line = util.format(...(args ?? [])).replace(/%c/g, '');
      let m: RegExpExecArray | null;
      if ((m = /^\s*(\d+) passing/.exec(line))) result.passed = Number(m[1]);
      if ((m = /^\s*(\d+) failing/.exec(line))) result.failed = Number(m[1]);
      if ((m = /^\s*(\d+) pending/.exec(line))) result.pending = Number(m[1]);
      if (!this.verbose) {
        if (NOISE.test(line)) return;
        if (type === 'error' || type === 'warn') line = line.split('\n')[0];
      }
      console.log(type === 'log' || type === 'info' ? line : `[${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.goto(this.workbenchUrl([
      ['extensionDevelopmentPath', this.remoteUri(this.options.extensionDevelopmentPath)],
      ['extensionTestsPath', this.remoteUri(extensionTestsPath)],
      ['skipWelcome', 'true'],
    ]));
    const timer = setTimeout(() => {
      result.timedOut = true;
      finish(124);
    }, timeoutMs);
    result.exitCode = await done;
    clearTimeout(timer);
    result.seconds = (Date.now() - t0) / 1000;
    if (result.exitCode !== 0) {
      await this.screenshot('integration-failure').catch(() => undefined);
      if (result.failed === 0) result.failed = 1;
    }
    if (result.timedOut) {
      this.log(`no exit code from the extension host after ${timeoutMs / 1000}s ` +
        '(is code-server running with --vscode-option enable-smoke-test-driver? did the extension fail to load?)');
    }
    return result;
  }

  /**
   * Changes settings, by default in the workspace copy's .vscode/settings.json (the workbench
   * watches the workspace reliably; in code-server 4.139 a change to the user settings file is not
   * always picked up once files were added to the workspace), or in the user settings.
   */
  async setSettings(values: Record<string, unknown>, scope: 'workspace' | 'user' = 'workspace'): Promise<void> {
    this.mergeJson(scope === 'user' ? this.settingsFile : path.join(this.workspace, '.vscode', 'settings.json'), values);
    await sleep(300);
  }

  /**
   * Switches the color theme through the settings and waits until the workbench shows it; if the
   * settings change is not applied in 10 s, picks the theme with "Preferences: Color Theme".
   */
  async setTheme(theme: ThemeKind): Promise<void> {
    await this.setSettings({ 'workbench.colorTheme': THEMES[theme] });
    try {
      await this.waitTheme(theme, 10_000);
    } catch {
      this.log(`theme setting not applied after 10 s; picking ${THEME_LABEL[theme]} from the command palette`);
      await this.pickTheme(theme);
    }
  }

  /** Switches the color theme with "Preferences: Color Theme" (the workbench's own picker). */
  async pickTheme(theme: ThemeKind): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(THEME_LABEL[theme]);
    const row = this.quickPickRow(THEME_LABEL[theme]);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await this.waitTheme(theme, 20_000);
  }

  /** Presses keys in order, e.g. press('Control+Shift+M') or press(['Home', 'Control+.']). */
  async press(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) await this.page.keyboard.press(k);
  }

  /** The row of the open quick pick whose label is exactly `label` (not merely containing it). */
  private quickPickRow(label: string) {
    const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    return this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
  }

  /** Runs a command from the command palette by its exact title, e.g. 'View: Toggle Problems'. */
  async runCommand(title: string): Promise<void> {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    const row = this.quickPickRow(title);
    // Right after start-up the workbench can take focus back (a welcome page, a notification,
    // a view restoring), which closes the palette under us: try again from a clean state.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill(`>${title}`);
        await row.waitFor({ timeout: 10_000 });
        await row.click();
        return;
      } catch (err) {
        if (attempt >= 3) throw new Error(`command "${title}" not found in the palette after ${attempt} attempts: ${(err as Error).message}`);
        this.log(`palette attempt ${attempt} for "${title}" failed; retrying`);
        await page.keyboard.press('Escape').catch(() => undefined);
        await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
        await sleep(1_000);
      }
    }
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor is active. */
  async openFile(relPath: string): Promise<void> {
    const page = this.page;
    const base = path.basename(relPath);
    await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(relPath);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  }

  /** Opens the Problems panel and returns its rows (waits up to timeoutMs for at least minRows). */
  async problems(minRows = 0, timeoutMs = 30_000): Promise<ProblemRow[]> {
    const page = this.page;
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 15_000 });
    }
    const rows = page.locator('.markers-panel .monaco-list-row');
    const end = Date.now() + timeoutMs;
    while ((await rows.count()) < minRows && Date.now() < end) await sleep(200);
    const out: ProblemRow[] = [];
    for (const row of await rows.all()) {
      const label = (await row.getAttribute('aria-label')) ?? '';
      const sev = /^(Error|Warning|Info)\b/.exec(label)?.[1].toLowerCase() as ProblemRow['severity'];
      const isFile = /problems? in file/i.test(label) || (await row.locator('.file-icon, .monaco-icon-label.file-icon').count()) > 0;
      out.push({ kind: isFile && !sev ? 'file' : 'marker', severity: sev, label, text: (await row.innerText()).replace(/\s+/g, ' ').trim() });
    }
    return out;
  }

  /** Saves test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private killServer(signal: NodeJS.Signals): void {
    const pid = this.server?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  }

  /** Closes the browser, kills code-server's process group, keeps the logs, removes the scratch folder. */
  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = undefined;
    this._page = undefined;
    if (this.server?.pid) {
      const server = this.server;
      const gone = new Promise<void>((r) => (server.exitCode !== null || server.signalCode !== null ? r() : server.once('exit', () => r())));
      this.killServer('SIGTERM');
      await Promise.race([gone, sleep(3000)]);
      this.killServer('SIGKILL'); // the extension host and its children too
      process.removeListener('exit', this.exitHook);
      this.server = undefined;
    }
    try {
      fs.mkdirSync(this.logsDir, { recursive: true });
      for (const f of [this.serverLog, this.consoleLog]) if (fs.existsSync(f)) fs.copyFileSync(f, path.join(this.logsDir, path.basename(f)));
    } catch {
      /* logs are best effort */
    }
    if (!process.env.PCL_E2E_KEEP) fs.rmSync(this.scratch, { recursive: true, force: true, maxRetries: 3 });
    else this.log(`kept ${this.scratch}`);
  }
}

/** Signature every UI scenario module exports (test/e2e/<name>.e2e.ts). */
export type Scenario = (h: Harness) => Promise<void>;
