/**
 * Command-line arguments, parsed with Node's built-in `util.parseArgs` (no dependency).
 * Bad usage is returned as a one-line message; `main` prints it with a `--help` hint and exits 2.
 */
import { parseArgs as nodeParseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
export const CACHE_STRATEGIES = ['metadata', 'content'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

export interface CliOptions {
  /** Files and folders to analyse; `['.']` when none are given. */
  paths: string[];
  format: Format;
  fix: boolean;
  unsafeFixes: boolean;
  config: string | null;
  /** Fail (exit 1) when there are more warnings than this; null for no limit. */
  maxWarnings: number | null;
  quiet: boolean;
  /** `--exit-zero`: findings never fail the run (bad usage or config still exits 2). */
  exitZero: boolean;
  /** `--no-color` given. */
  noColor: boolean;
  output: string | null;
  /** `--cache`: reuse and keep results of files that did not change (off by default: nothing is written unasked). */
  cache: boolean;
  /** `--cache-location`: the cache file, or a folder to hold it; null for the default (in the cwd). Only with `--cache`. */
  cacheLocation: string | null;
  /** `--cache-strategy`: how a file is known to be unchanged. */
  cacheStrategy: CacheStrategy;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

export const HELP_TEXT = `Usage: prompt-cost-lint [paths...] [options]

Finds LLM SDK calls in Python, TypeScript and JavaScript, estimates what each costs,
and flags the waste. Paths are files or folders (default: the current folder).

Options:
  -f, --format <text|json|sarif|csv>
                                  Report format (default: text; csv lists the call sites)
      --fix                       Apply safe fixes to the files
      --unsafe-fixes              With --fix, also apply fixes that change behaviour
                                  (add an output cap, switch model, ...)
  -c, --config <file>             Use this config file instead of finding .prompt-cost.json
      --max-warnings <n>          Exit 1 when there are more than n warnings
  -q, --quiet                     Report errors only (warnings still count for --max-warnings)
      --exit-zero                 Exit 0 even when there are findings (2 still means bad usage/config)
      --no-color                  No ANSI colour in the text report (also: NO_COLOR=1)
  -o, --output <file>             Write the report to a file instead of stdout
      --cache                     Reuse the results of files that did not change since the
                                  last --cache run, and keep this run's (not with --fix)
      --cache-location <path>     The cache file, or a folder to hold it
                                  (default: .prompt-cost-lint-cache; only with --cache)
      --cache-strategy <metadata|content>
                                  How a file is known to be unchanged: size and modification
                                  time (default), or a hash of its content (CI checkouts)
  -h, --help                      Show this help
  -v, --version                   Show the version

Exit codes: 0 no errors, 1 findings at error level or too many warnings, 2 bad usage or config.
Docs: docs/cli.md
`;

/** Parse argv (without the node and script entries). Never throws. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ok: false, error: msg.replace(/\s*To specify a positional argument.*$/, '') };
  }
  const v = parsed.values;

  const format = (v.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    return { ok: false, error: `--format must be one of ${FORMATS.join(', ')} (got "${format}")` };
  }

  let maxWarnings: number | null = null;
  if (v['max-warnings'] !== undefined) {
    const raw = v['max-warnings'].trim();
    if (!/^-?\d+$/.test(raw) || Number(raw) < -1 || !Number.isSafeInteger(Number(raw))) {
      return { ok: false, error: `--max-warnings must be a whole number ≥ 0, or -1 for no limit (got "${v['max-warnings']}")` };
    }
    const n = Number(raw);
    maxWarnings = n === -1 ? null : n;
  }

  if (v['unsafe-fixes'] && !v.fix) return { ok: false, error: '--unsafe-fixes only works together with --fix' };
  const cacheStrategy = (v['cache-strategy'] ?? 'metadata') as string;
  if (!(CACHE_STRATEGIES as readonly string[]).includes(cacheStrategy)) {
    return { ok: false, error: `--cache-strategy must be one of ${CACHE_STRATEGIES.join(', ')} (got "${cacheStrategy}")` };
  }
  if (v['cache-location'] !== undefined && v['cache-location'].trim() === '') return { ok: false, error: '--cache-location needs a file or folder name' };
  for (const key of ['config', 'output'] as const) {
    if (v[key] !== undefined && v[key]!.trim() === '') return { ok: false, error: `--${key} needs a file name` };
  }

  return {
    ok: true,
    options: {
      paths: parsed.positionals.length ? [...parsed.positionals] : ['.'],
      format: format as Format,
      fix: v.fix ?? false,
      unsafeFixes: v['unsafe-fixes'] ?? false,
      config: v.config ?? null,
      maxWarnings,
      quiet: v.quiet ?? false,
      exitZero: v['exit-zero'] ?? false,
      noColor: v['no-color'] ?? false,
      output: v.output ?? null,
      cache: v.cache ?? false,
      cacheLocation: v['cache-location'] ?? null,
      cacheStrategy: cacheStrategy as CacheStrategy,
      help: v.help ?? false,
      version: v.version ?? false,
    },
  };
}

function parse(argv: readonly string[]) {
  return nodeParseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'exit-zero': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      'cache-strategy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
