/**
 * The JSON report (DESIGN.md "The JSON report"): one object, 2-space indent, keys in the order of
 * the contract (`types.ts`) whatever order the objects were built in, so the output diffs cleanly
 * and snapshot tests are stable. Fields beyond the contract are kept, after the known ones.
 */
import type { Report } from './types';

/** Key order of each object kind; `*` entries describe nested objects / array items. */
interface Order {
  keys: readonly string[];
  nested?: Record<string, Order>;
}

const POSITION: Order = { keys: ['line', 'column'] };
const RANGE: Order = { keys: ['start', 'end'], nested: { start: POSITION, end: POSITION } };

const CALL_SITE: Order = {
  keys: [
    'file', 'range', 'provider', 'api', 'language', 'model', 'maxTokens', 'cacheControl', 'inputTokens', 'costUsd',
    'sdk', 'batch', 'outputTokens', 'volume', 'inTest',
  ],
  nested: {
    range: RANGE,
    inputTokens: { keys: ['static', 'range', 'dynamic', 'exact'] },
    costUsd: { keys: ['input', 'output', 'perCall', 'perMonth'] },
    volume: { keys: ['perMonth', 'source', 'label'] },
  },
};

const EDIT: Order = { keys: ['range', 'newText'], nested: { range: RANGE } };
const FIX: Order = { keys: ['title', 'safe', 'edits'], nested: { edits: EDIT } };

const FINDING: Order = {
  keys: ['ruleId', 'severity', 'file', 'range', 'message', 'savingsUsd', 'fixes'],
  nested: { range: RANGE, savingsUsd: { keys: ['perCall', 'perMonth'] }, fixes: FIX },
};

const NOTE: Order = { keys: ['level', 'file', 'message', 'range'], nested: { range: RANGE } };

const REPORT: Order = {
  keys: ['version', 'pricingDate', 'callSites', 'findings', 'notes', 'summary'],
  nested: {
    callSites: CALL_SITE,
    findings: FINDING,
    notes: NOTE,
    summary: {
      keys: ['files', 'callSites', 'perMonthUsd', 'savingsPerMonthUsd', 'bySeverity'],
      nested: { bySeverity: { keys: ['error', 'warning', 'info'] } },
    },
  },
};

/** Position of each contract key of an `Order`. */
const positions = new WeakMap<Order, Map<string, number>>();
function positionsOf(order: Order): Map<string, number> {
  let m = positions.get(order);
  if (!m) positions.set(order, (m = new Map(order.keys.map((k, i) => [k, i]))));
  return m;
}

/** The object's keys are the contract's (in order) followed by any others, and none holds `undefined`. */
function inOrder(src: Record<string, unknown>, order: Order): boolean {
  const at = positionsOf(order);
  let last = -1;
  let other = false;
  for (const k of Object.keys(src)) {
    if (src[k] === undefined) return false;
    const i = at.get(k);
    if (i === undefined) other = true;
    else if (other || i < last) return false;
    else last = i;
  }
  return true;
}

/** `value` with its keys in contract order; what is already in order is returned as it is (reports are built in order: no copy). */
function reorder(value: unknown, order: Order | undefined): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const r = reorder(value[i], order);
      if (r !== value[i]) (out ??= value.slice())[i] = r;
    }
    return out ?? value;
  }
  if (value === null || typeof value !== 'object' || !order) return value;
  const src = value as Record<string, unknown>;
  if (inOrder(src, order)) {
    let out: Record<string, unknown> | null = null;
    if (order.nested) {
      for (const k of Object.keys(order.nested)) {
        const v = src[k];
        if (v === undefined) continue;
        const r = reorder(v, order.nested[k]);
        if (r !== v) (out ??= { ...src })[k] = r;
      }
    }
    return out ?? src;
  }
  const out: Record<string, unknown> = {};
  for (const k of order.keys) if (k in src && src[k] !== undefined) out[k] = reorder(src[k], order.nested?.[k]);
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

/** The report with every object's keys in contract order. The input is not changed; the parts already in order are shared, not copied. */
export function orderReport(report: Report): Report {
  return reorder(report, REPORT) as Report;
}

/** The JSON report text, ending with a newline. */
export function formatJson(report: Report): string {
  return JSON.stringify(orderReport(report), null, 2) + '\n';
}
