import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, orderReport } from '../../src/core/report/json';
import { formatText, formatUsd, formatInt } from '../../src/core/report/text';
import { formatSarif, pathToUriRef, toSarif } from '../../src/core/report/sarif';
import { CSV_COLUMNS, formatCsv } from '../../src/core/report/csv';
import type { Report, ReportCallSite, ReportFinding } from '../../src/core/report/types';
import type { RuleMeta } from '../../src/core/rules/types';

function range(sl: number, sc: number, el: number, ec: number) {
  return { start: { line: sl, column: sc }, end: { line: el, column: ec } };
}

function site(over: Partial<ReportCallSite> = {}): ReportCallSite {
  return {
    file: 'py/app.py',
    range: range(9, 16, 14, 6),
    provider: 'anthropic',
    api: 'messages.create',
    language: 'python',
    model: 'claude-sonnet-4-5',
    maxTokens: 300,
    cacheControl: false,
    inputTokens: { static: 4560, range: [4560, 6160], dynamic: true, exact: false },
    costUsd: { input: 0.01368, output: 0.0045, perCall: 0.01818, perMonth: 1636.2 },
    sdk: 'anthropic',
    batch: false,
    outputTokens: 300,
    volume: { perMonth: 90000, source: 'annotation', label: '3k/day (comment on line 8)' },
    inTest: false,
    ...over,
  };
}

function finding(over: Partial<ReportFinding> = {}): ReportFinding {
  return {
    ruleId: 'missing-cache-control',
    severity: 'warning',
    file: 'py/app.py',
    range: range(12, 9, 12, 30),
    message: 'System prompt of ≈4,560 tokens is re-sent uncached on every call.',
    savingsUsd: { perCall: 0.0123, perMonth: 1107 },
    fixes: [
      {
        title: 'Add cache_control to the system prompt',
        safe: false,
        edits: [{ range: range(12, 16, 12, 30), newText: '[{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}]' }],
      },
    ],
    ...over,
  };
}

function sampleReport(): Report {
  return {
    version: 1,
    pricingDate: '2026-11-01',
    callSites: [
      site(),
      site({
        file: 'ts/chat.ts',
        range: range(3, 1, 3, 60),
        provider: 'openai',
        api: 'chat.completions.create',
        language: 'typescript',
        model: 'gpt-4o',
        maxTokens: null,
        inputTokens: { static: 120, range: [120, 120], dynamic: false, exact: true },
        costUsd: { input: 0.0003, output: 0.005, perCall: 0.0053, perMonth: 53 },
        sdk: 'openai',
        outputTokens: 500,
        volume: { perMonth: 10000, source: 'default', label: 'default 10,000/month' },
      }),
      site({ file: 'ts/chat.ts', range: range(10, 1, 10, 40), model: 'my-custom-model', costUsd: null, inputTokens: { static: 10, range: [8, 14], dynamic: false, exact: false } }),
      site({ file: 'tests/test_app.py', range: range(2, 1, 2, 50), inTest: true, costUsd: { input: 1, output: 1, perCall: 2, perMonth: 99999 } }),
    ],
    findings: [
      finding(),
      finding({ ruleId: 'missing-max-tokens', severity: 'error', range: range(9, 16, 9, 40), message: 'Anthropic requires max_tokens.', savingsUsd: null, fixes: [{ title: 'Add max_tokens=1024', safe: true, edits: [{ range: range(14, 5, 14, 5), newText: ', max_tokens=1024' }] }] }),
      finding({ file: 'ts/chat.ts', ruleId: 'unknown-model', severity: 'info', range: range(10, 20, 10, 37), message: 'Unknown model "my-custom-model".', savingsUsd: null, fixes: [] }),
    ],
    notes: [
      { level: 'warning', file: 'big.py', message: 'skipped: larger than 1024 KB' },
      { level: 'info', file: null, message: 'using .prompt-cost.json' },
    ],
    summary: {
      files: 3,
      callSites: 3,
      perMonthUsd: 1689.2,
      savingsPerMonthUsd: 1107,
      bySeverity: { error: 1, warning: 1, info: 1 },
    },
  };
}

const RULES: RuleMeta[] = [
  { id: 'missing-max-tokens', defaultSeverity: 'warning', description: 'No output cap on a call that accepts one.', fixable: 'safe' },
  { id: 'missing-cache-control', defaultSeverity: 'warning', description: 'A cacheable static prefix without cache_control.', fixable: 'suggestion' },
  { id: 'batchable-loop', defaultSeverity: 'info', description: 'A call in a loop where a batch API exists.', fixable: 'none' },
];

const SARIF_OPTIONS = { rules: RULES, toolVersion: '0.1.0', informationUri: 'https://example.org/prompt-cost-lint', docsBaseUri: 'https://example.org/repo/blob/main' };

describe('JSON formatter', () => {
  test('round-trips to the same data with 2-space indent and a trailing newline', () => {
    const r = sampleReport();
    const text = formatJson(r);
    assert.deepEqual(JSON.parse(text), r);
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"version": 1,\n {2}"pricingDate": "2026-11-01",/);
  });

  test('keys come out in contract order whatever order the objects were built in', () => {
    const r = sampleReport();
    const scrambled = JSON.parse(JSON.stringify(r), function (this: unknown, _k, v) {
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).reverse());
      return v;
    }) as Report;
    assert.notDeepEqual(Object.keys(scrambled), Object.keys(r));
    assert.equal(formatJson(scrambled), formatJson(r));
    const o = orderReport(scrambled);
    assert.deepEqual(Object.keys(o), ['version', 'pricingDate', 'callSites', 'findings', 'notes', 'summary']);
    assert.deepEqual(Object.keys(o.callSites[0]!).slice(0, 10), ['file', 'range', 'provider', 'api', 'language', 'model', 'maxTokens', 'cacheControl', 'inputTokens', 'costUsd']);
    assert.deepEqual(Object.keys(o.findings[0]!), ['ruleId', 'severity', 'file', 'range', 'message', 'savingsUsd', 'fixes']);
    assert.deepEqual(Object.keys(o.findings[0]!.range.start), ['line', 'column']);
  });

  test('objects already in contract order are kept, not copied; one holding undefined is copied without it', () => {
    const r = sampleReport();
    const o = orderReport(r);
    assert.equal(o.callSites[0], r.callSites[0]);
    assert.equal(o.findings[0]!.range, r.findings[0]!.range);
    (r.findings[0] as unknown as Record<string, unknown>).savingsUsd = undefined;
    const o2 = orderReport(r);
    assert.notEqual(o2.findings[0], r.findings[0]);
    assert.ok(!('savingsUsd' in o2.findings[0]!));
    assert.ok('savingsUsd' in r.findings[0]!, 'the input is not changed');
    assert.equal(formatJson(r), formatJson(JSON.parse(JSON.stringify(r)) as Report));
  });

  test('fields beyond the contract are kept after the known ones', () => {
    const r = sampleReport();
    (r.callSites[0] as unknown as Record<string, unknown>).extra = 'x';
    const o = orderReport(r);
    assert.equal(Object.keys(o.callSites[0]!).at(-1), 'extra');
  });
});

describe('text formatter', () => {
  const plain = formatText(sampleReport(), { color: false });
  const lines = plain.split('\n');

  test('groups by file in sorted order with call sites and their findings beneath', () => {
    const files = lines.filter((l) => /^\S/.test(l) && /\.(py|ts)$/.test(l));
    assert.deepEqual(files, ['big.py', 'py/app.py', 'tests/test_app.py', 'ts/chat.ts']);
    const start = lines.indexOf('py/app.py');
    const call = lines[start + 1]!;
    assert.match(call, /^ {2}9:16 +claude-sonnet-4-5 +≈4,560 tok \(4,560–6,160\) \+ dynamic +≤300 out +\$0\.0182\/call +\$1,636\/month$/);
    // Findings of the call, sorted by position, indented beneath it.
    assert.match(lines[start + 2]!, /^ {6}9:16 +error +Anthropic requires max_tokens\. {2}missing-max-tokens$/);
    assert.match(lines[start + 3]!, /^ {6}12:9 +warning +System prompt of ≈4,560 tokens is re-sent uncached on every call\. {2}missing-cache-control$/);
  });

  test('exact OpenAI counts carry no ≈, unpriced calls say so, test calls are marked', () => {
    assert.ok(lines.some((l) => /3:1 +gpt-4o +120 tok +~500 out \(no cap\) +\$0\.0053\/call +\$53\.00\/month/.test(l)));
    assert.ok(lines.some((l) => /10:1 +my-custom-model +≈10 tok \(8–14\) +≤300 out +unpriced/.test(l)));
    assert.ok(lines.some((l) => /\[test: not in totals\]/.test(l)));
  });

  test('totals by model and provider leave test calls out; summary, counts and pricing date follow', () => {
    const byModel = lines.indexOf('Totals by model');
    const byProvider = lines.indexOf('Totals by provider');
    assert.ok(byModel > 0 && byProvider > byModel);
    const modelRows = lines.slice(byModel + 1, byProvider);
    assert.equal(modelRows.length, 3);
    assert.match(modelRows[0]!, /claude-sonnet-4-5 \(anthropic\) +1 call +\$1,636\/month/);
    assert.match(modelRows[1]!, /gpt-4o \(openai\) +1 call +\$53\.00\/month/);
    assert.match(modelRows[2]!, /my-custom-model \(anthropic\) +1 call +unpriced/);
    assert.doesNotMatch(lines.slice(byModel).join('\n'), /99,999/);
    assert.ok(lines.includes('3 call sites in 3 files (1 call in tests not counted): ≈$1,689/month, potential savings ≈$1,107/month'));
    assert.ok(lines.includes('✖ 3 problems (1 error, 1 warning, 1 info)'));
    assert.match(plain, /Prices as of 2026-11-01\. Token counts for non-OpenAI models are estimates/);
  });

  test('notes appear under their file or at the end', () => {
    const i = lines.indexOf('big.py');
    assert.equal(lines[i + 1], '  warning  skipped: larger than 1024 KB');
    assert.ok(lines.includes('info  using .prompt-cost.json'));
  });

  test('no ANSI codes without colour; colour only adds codes around the same text', () => {
    assert.doesNotMatch(plain, /\u001b\[/);
    const coloured = formatText(sampleReport(), { color: true });
    assert.match(coloured, /\u001b\[31merror\u001b\[39m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  });

  test('counts read as English: 2 errors, 2 info', () => {
    const r = sampleReport();
    r.findings = [...r.findings, ...r.findings];
    assert.match(formatText(r), /✖ 6 problems \(2 errors, 2 warnings, 2 info\)/);
  });

  test('a clean report says so', () => {
    const r = sampleReport();
    r.findings = [];
    assert.match(formatText(r), /No problems found\./);
  });

  test('money and counts format for their size', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(0.00045), '$0.00045');
    assert.equal(formatUsd(0.01818), '$0.0182');
    assert.equal(formatUsd(12.3456), '$12.35');
    assert.equal(formatUsd(1636.2), '$1,636');
    assert.equal(formatUsd(-5), '-$5.00');
    assert.equal(formatInt(1234567), '1,234,567');
  });
});

describe('SARIF formatter', () => {
  const log = toSarif(sampleReport(), SARIF_OPTIONS);
  const run = log.runs[0]!;

  test('has the 2.1.0 envelope and a tool driver with rules', () => {
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema!, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const d = run.tool.driver;
    assert.equal(d.name, 'prompt-cost-lint');
    assert.equal(d.version, '0.1.0');
    assert.equal(d.informationUri, 'https://example.org/prompt-cost-lint');
    const ids = d.rules!.map((r) => r.id);
    assert.deepEqual(ids, ['batchable-loop', 'missing-cache-control', 'missing-max-tokens', 'unknown-model']);
    const mmt = d.rules!.find((r) => r.id === 'missing-max-tokens')!;
    assert.equal(mmt.helpUri, 'https://example.org/repo/blob/main/docs/rules/missing-max-tokens.md');
    assert.equal(mmt.shortDescription!.text, 'No output cap on a call that accepts one.');
    assert.equal(mmt.defaultConfiguration!.level, 'warning');
    assert.equal(d.rules!.find((r) => r.id === 'batchable-loop')!.defaultConfiguration!.level, 'note');
  });

  test('every result names a known rule, a level, a message and a 1-based region relative to %SRCROOT%', () => {
    assert.equal(run.results!.length, 3);
    for (const r of run.results!) {
      assert.ok(r.ruleId && run.tool.driver.rules![r.ruleIndex!]!.id === r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level!));
      assert.ok(r.message.text);
      const loc = r.locations![0]!.physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation!.uri!.startsWith('/') && !loc.artifactLocation!.uri!.startsWith('./'));
      const reg = loc.region!;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(reg[k]) && reg[k]! >= 1, k);
    }
    const info = run.results!.find((r) => r.ruleId === 'unknown-model')!;
    assert.equal(info.level, 'note');
    assert.deepEqual(info.locations![0]!.physicalLocation!.region, { startLine: 10, startColumn: 20, endLine: 10, endColumn: 37 });
  });

  test('fixable findings carry artifactChanges with replacements', () => {
    const r = run.results!.find((x) => x.ruleId === 'missing-max-tokens')!;
    const change = r.fixes![0]!.artifactChanges[0]!;
    assert.equal(change.artifactLocation.uri, 'py/app.py');
    assert.deepEqual(change.replacements[0], {
      deletedRegion: { startLine: 14, startColumn: 5, endLine: 14, endColumn: 5 },
      insertedContent: { text: ', max_tokens=1024' },
    });
    assert.equal(run.results!.find((x) => x.ruleId === 'unknown-model')!.fixes, undefined);
  });

  test('notes become tool execution notifications; the text is valid JSON', () => {
    const n = run.invocations![0]!.toolExecutionNotifications!;
    assert.equal(n.length, 2);
    assert.equal(n[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'big.py');
    assert.equal(n[1]!.level, 'note');
    assert.deepEqual(JSON.parse(formatSarif(sampleReport(), SARIF_OPTIONS)), log);
  });

  test('paths become percent-encoded URI references', () => {
    assert.equal(pathToUriRef('src/my app/100%.py'), 'src/my%20app/100%25.py');
    assert.equal(pathToUriRef('src/ünï.ts'), 'src/%C3%BCn%C3%AF.ts');
  });
});

describe('CSV formatter', () => {
  /** A small RFC 4180 reader for the test. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') row.push(cell), (cell = '');
      else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
      else cell += c;
    }
    return rows;
  }

  test('one row per call site, grouped by file in source order, with its findings and savings', () => {
    const text = formatCsv(sampleReport());
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 1 + 4);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const first = rows[1]!;
    assert.equal(first[col('file')], 'py/app.py');
    assert.equal(first[col('line')], '9');
    assert.equal(first[col('model')], 'claude-sonnet-4-5');
    assert.equal(first[col('input_tokens_high')], '6160');
    assert.equal(first[col('per_month_USD')], '1636.2');
    assert.equal(first[col('findings')], 'missing-max-tokens missing-cache-control');
    assert.equal(first[col('savings_per_month_USD')], '1107');
    assert.deepEqual(rows.slice(1).map((r) => r[col('file')]), ['py/app.py', 'tests/test_app.py', 'ts/chat.ts', 'ts/chat.ts']);
    const unpriced = rows[4]!;
    assert.equal(unpriced[col('per_call_USD')], '');
    assert.equal(unpriced[col('findings')], 'unknown-model');
    assert.equal(unpriced[col('savings_per_month_USD')], '');
  });

  test('quotes commas and quotes; neutralises formula-like cells', () => {
    const r = sampleReport();
    r.callSites = [{ ...r.callSites[0]!, file: 'a,"b".py', model: '=HYPERLINK("x")' }];
    r.findings = [];
    const row = formatCsv(r).split('\r\n')[1]!;
    assert.ok(row.startsWith('"a,""b"".py",'));
    assert.ok(row.includes(`"'=HYPERLINK(""x"")"`));
  });
});
