/**
 * The cost panel's host ⇄ page messages, declared once. Both sides validate what arrives with these
 * schemas (`parseHostMessage` in the page, `parsePageMessage` in the extension host) and ignore
 * anything that does not match: unknown types, missing fields, wrong types, oversized strings.
 *
 * The page never computes money: the host sends rows already priced (what-ifs re-priced by the
 * core engine), totals, chart bars and facets; the page renders them and sends back intents.
 */
import { z } from 'zod';
import { SORT_KEYS } from '../core/report/viewmodel';
import type {
  ChartBar,
  PanelRow,
  PanelView,
  RowGroup,
  Totals,
  ViewOptions,
  WhatIfOp,
  WhatIfScenario,
} from '../core/report/viewmodel';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const str = z.string().max(10_000);
const id = z.string().min(1).max(4_096);
const modelId = z.string().min(1).max(200);
const count = z.number().int().nonnegative();
const money = z.number().finite();
const amount = z.number().finite().nonnegative();

const sortKey = z.enum(SORT_KEYS);
const sortDir = z.enum(['asc', 'desc']);
const groupBy = z.enum(['none', 'model', 'provider', 'file']);

export const rowFilterSchema = z.strictObject({
  provider: str.nullable().optional(),
  model: str.nullable().optional(),
  file: str.nullable().optional(),
  hasFindings: z.boolean().nullable().optional(),
});

export const viewOptionsSchema = z.strictObject({
  sort: z.strictObject({ key: sortKey, dir: sortDir }),
  filter: rowFilterSchema,
  groupBy,
  limit: z.number().int().min(1).max(100_000),
});

const tokensSchema = z.strictObject({ central: amount, low: amount, high: amount, exact: z.boolean(), dynamic: z.boolean() });
const costSchema = z.strictObject({ perCallUsd: money, perMonthUsd: money });

export const rowSchema = z.strictObject({
  id,
  file: str,
  line: count,
  column: count,
  provider: str,
  api: str,
  language: str,
  model: str.nullable(),
  priced: z.boolean(),
  inputTokens: tokensSchema,
  maxTokens: z.number().finite().nullable(),
  outputTokens: amount,
  callsPerMonth: amount,
  volumeLabel: str,
  batch: z.boolean(),
  batchAvailable: z.boolean(),
  cache: z.enum(['cached', 'automatic', 'uncached', 'none']),
  cost: costSchema.nullable(),
  findings: z.array(
    z.strictObject({
      ruleId: str,
      severity: z.enum(['error', 'warning', 'info']),
      message: str,
      line: count,
      savingsPerCallUsd: money.nullable(),
      savingsPerMonthUsd: money.nullable(),
    }),
  ),
  savingsPerMonthUsd: money,
  inTest: z.boolean(),
  after: z
    .strictObject({
      model: str.nullable(),
      inputTokens: tokensSchema,
      batch: z.boolean(),
      callsPerMonth: amount,
      cost: costSchema.nullable(),
    })
    .optional(),
});

const totalsSchema = z.strictObject({
  calls: count,
  unpriced: count,
  testCalls: count,
  perMonthUsd: money,
  afterPerMonthUsd: money,
  deltaPerMonthUsd: money,
  savingsPerMonthUsd: money,
  findings: count,
});

const groupSchema = z.strictObject({ key: str, label: str, rows: z.array(rowSchema), totals: totalsSchema });
const barSchema = z.strictObject({ label: str, perMonthUsd: money, afterPerMonthUsd: money });

export const viewSchema = z.strictObject({
  groups: z.array(groupSchema),
  totals: totalsSchema,
  workspace: totalsSchema,
  matchingRows: count,
  shownRows: count,
  allRows: count,
  chart: z.strictObject({ byModel: z.array(barSchema), byFile: z.array(barSchema) }),
  facets: z.strictObject({ providers: z.array(str), models: z.array(str), files: z.array(str) }),
  whatIfActive: z.boolean(),
});

export const scenarioSchema = z.strictObject({
  modelMap: z.record(modelId, modelId),
  calls: z.record(id, z.strictObject({ model: modelId.optional(), batch: z.boolean().optional(), callsPerMonth: amount.optional() })),
  cacheHitRate: z.number().min(0).max(1).nullable(),
  volumeScale: amount.nullable(),
});

export const scanStatusSchema = z.strictObject({
  running: z.boolean(),
  /** Short text: "Scanning… 120 files", "Scan cancelled", … */
  message: str,
});

export const panelStateSchema = z.strictObject({
  view: viewSchema,
  options: viewOptionsSchema,
  scenario: scenarioSchema,
  /** Price-table ids the what-if model pickers offer. */
  modelIds: z.array(modelId),
  currency: z.strictObject({ code: z.string().regex(/^[A-Z]{3}$/), rate: z.number().positive().finite() }),
  pricingDate: str,
  scan: scanStatusSchema,
  /** Row to keep selected (e.g. after "show in panel" from the editor). */
  focusId: id.nullable(),
});

export type PanelState = z.infer<typeof panelStateSchema>;
export type ScanStatus = z.infer<typeof scanStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('state'), state: panelStateSchema }),
  z.strictObject({ type: z.literal('scan'), scan: scanStatusSchema }),
  /** The host saved an export or copied it to the clipboard. */
  z.strictObject({ type: z.literal('notice'), text: str }),
]);

const whatIfOpSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('model'), id, model: modelId.nullable() }),
  z.strictObject({ kind: z.literal('modelAll'), from: modelId, model: modelId.nullable() }),
  z.strictObject({ kind: z.literal('batch'), id, batch: z.boolean().nullable() }),
  z.strictObject({ kind: z.literal('callVolume'), id, callsPerMonth: z.number().finite().nonnegative().max(1e12).nullable() }),
  z.strictObject({ kind: z.literal('cacheHitRate'), value: z.number().min(0).max(1).nullable() }),
  z.strictObject({ kind: z.literal('volumeScale'), value: z.number().finite().nonnegative().max(1e6).nullable() }),
  z.strictObject({ kind: z.literal('reset') }),
]);

export const pageMessageSchema = z.discriminatedUnion('type', [
  /** The page loaded; `options` restored from the page's saved state, if any. */
  z.strictObject({ type: z.literal('ready'), options: viewOptionsSchema.optional() }),
  z.strictObject({ type: z.literal('setOptions'), options: viewOptionsSchema }),
  z.strictObject({ type: z.literal('whatIf'), op: whatIfOpSchema }),
  z.strictObject({ type: z.literal('reveal'), id }),
  z.strictObject({ type: z.literal('export'), format: z.enum(['csv', 'json', 'markdown']) }),
  z.strictObject({ type: z.literal('scan') }),
  z.strictObject({ type: z.literal('cancelScan') }),
]);

export type HostMessage = z.infer<typeof hostMessageSchema>;
export type PageMessage = z.infer<typeof pageMessageSchema>;
export type ExportFormat = Extract<PageMessage, { type: 'export' }>['format'];

/** Validate a message from the page; null for anything malformed or unknown. */
export function parsePageMessage(raw: unknown): PageMessage | null {
  const r = pageMessageSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Validate a message from the host; null for anything malformed or unknown. */
export function parseHostMessage(raw: unknown): HostMessage | null {
  const r = hostMessageSchema.safeParse(raw);
  return r.success ? r.data : null;
}

// ---------------------------------------------------------------------------------------------
// The schemas describe exactly the view-model types (checked by the compiler, both ways).
// ---------------------------------------------------------------------------------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.infer<typeof rowSchema>, PanelRow>,
  Same<z.infer<typeof totalsSchema>, Totals>,
  Same<z.infer<typeof groupSchema>, RowGroup>,
  Same<z.infer<typeof barSchema>, ChartBar>,
  Same<z.infer<typeof viewSchema>, PanelView>,
  Same<z.infer<typeof viewOptionsSchema>, ViewOptions>,
  Same<z.infer<typeof scenarioSchema>, WhatIfScenario>,
  Same<z.infer<typeof whatIfOpSchema>, WhatIfOp>,
] = [true, true, true, true, true, true, true, true];
void sameTypes;
