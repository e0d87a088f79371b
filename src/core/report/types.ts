/**
 * The JSON report contract (DESIGN.md "The JSON report"). Lines and columns are 1-based, columns
 * in UTF-16 code units. The CLI prints it; the extension and the panel read the same objects.
 */
import type { Severity } from '../types';

export interface ReportPosition {
  line: number;
  column: number;
}

export interface ReportRange {
  start: ReportPosition;
  end: ReportPosition;
}

export interface ReportCallSite {
  file: string;
  range: ReportRange;
  provider: string;
  api: string;
  language: string;
  model: string | null;
  maxTokens: number | null;
  cacheControl: boolean;
  inputTokens: { static: number; range: [number, number]; dynamic: boolean; exact: boolean };
  costUsd: { input: number; output: number; perCall: number; perMonth: number } | null;
  /** Extra fields beyond the DESIGN.md minimum (additive, never renamed). */
  sdk: string;
  batch: boolean;
  outputTokens: number;
  volume: { perMonth: number; source: string; label: string };
  inTest: boolean;
}

export interface ReportEdit {
  range: ReportRange;
  newText: string;
}

export interface ReportFix {
  title: string;
  safe: boolean;
  edits: ReportEdit[];
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  range: ReportRange;
  message: string;
  savingsUsd: { perCall: number; perMonth: number } | null;
  fixes: ReportFix[];
}

export interface ReportNote {
  level: 'info' | 'warning' | 'error';
  file: string | null;
  message: string;
  range?: ReportRange;
}

export interface Report {
  version: 1;
  pricingDate: string;
  callSites: ReportCallSite[];
  findings: ReportFinding[];
  notes: ReportNote[];
  summary: {
    files: number;
    callSites: number;
    perMonthUsd: number;
    savingsPerMonthUsd: number;
    bySeverity: Record<Severity, number>;
  };
}
