/**
 * SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 *
 * One run; `tool.driver.rules` lists every rule (from the registry, plus any id seen in findings);
 * each finding is a result whose location is relative to `%SRCROOT%` with a 1-based region in
 * UTF-16 columns (declared as the run's `columnKind: 'utf16CodeUnits'`). Fixable findings carry `fixes` with
 * `artifactChanges`/`replacements`. Notes go to the invocation's tool execution notifications.
 */
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../rules/types';
import type { Severity } from '../types';
import type { Report, ReportFinding, ReportNote, ReportRange } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Rule metadata (the rules registry). Rules seen in findings but missing here get a minimal entry. */
  rules: readonly RuleMeta[];
  /** The tool's version (package.json). */
  toolVersion: string;
  /** Home page of the tool. */
  informationUri: string;
  /** Base URL under which `docs/rules/<id>.md` lives (no trailing slash). */
  docsBaseUri: string;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Percent-encode each path segment of a relative, '/'-separated path for use as a URI reference. */
export function pathToUriRef(path: string): string {
  return path
    .split('/')
    .map((seg) => seg.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/gu, (c) => encodeURIComponent(c)))
    .join('/');
}

function region(r: ReportRange): Sarif.Region {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: pathToUriRef(file), uriBaseId: '%SRCROOT%' };
}

function descriptor(meta: RuleMeta, docsBaseUri: string): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: meta.description },
    helpUri: `${docsBaseUri}/docs/rules/${meta.id}.md`,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] ?? 'warning' },
    properties: { fixable: meta.fixable, tags: ['cost', 'llm'] },
  };
}

function fixesOf(f: ReportFinding): Sarif.Fix[] | undefined {
  const fixes = f.fixes
    .filter((x) => x.edits.length > 0)
    .map<Sarif.Fix>((x) => ({
      description: { text: x.safe ? x.title : `${x.title} (suggestion: changes behaviour, review before applying)` },
      artifactChanges: [
        {
          artifactLocation: artifact(f.file),
          replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
        },
      ],
    }));
  return fixes.length ? fixes : undefined;
}

function notification(n: ReportNote): Sarif.Notification {
  const out: Sarif.Notification = { level: n.level === 'info' ? 'note' : n.level, message: { text: n.message } };
  if (n.file !== null) {
    out.locations = [{ physicalLocation: { artifactLocation: artifact(n.file), ...(n.range ? { region: region(n.range) } : {}) } }];
  }
  return out;
}

/** The SARIF log object. */
export function toSarif(report: Report, options: SarifOptions): Sarif.Log {
  const metas = new Map<string, RuleMeta>();
  for (const m of options.rules) if (!metas.has(m.id)) metas.set(m.id, m);
  for (const f of report.findings) {
    if (!metas.has(f.ruleId)) {
      metas.set(f.ruleId, { id: f.ruleId, defaultSeverity: f.severity, description: f.ruleId, fixable: 'none' });
    }
  }
  const ids = [...metas.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));

  const results: Sarif.Result[] = report.findings.map((f) => {
    const r: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity] ?? 'warning',
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range) } }],
    };
    const fixes = fixesOf(f);
    if (fixes) r.fixes = fixes;
    if (f.savingsUsd) r.properties = { savingsUsd: f.savingsUsd };
    return r;
  });

  const artifacts = [...new Set([...report.callSites.map((c) => c.file), ...report.findings.map((f) => f.file)])]
    .sort()
    .map<Sarif.Artifact>((file) => ({ location: artifact(file) }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prompt-cost-lint',
            version: options.toolVersion,
            informationUri: options.informationUri,
            rules: ids.map((id) => descriptor(metas.get(id)!, options.docsBaseUri)),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(report.notes.length ? { toolExecutionNotifications: report.notes.map(notification) } : {}),
          },
        ],
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          pricingDate: report.pricingDate,
          callSites: report.summary.callSites,
          perMonthUsd: report.summary.perMonthUsd,
          savingsPerMonthUsd: report.summary.savingsPerMonthUsd,
        },
      },
    ],
  };
}

/** The SARIF text (2-space indent), ending with a newline. */
export function formatSarif(report: Report, options: SarifOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}
