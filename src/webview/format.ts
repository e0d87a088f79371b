/**
 * Money and token text for the panel page, in the display currency the host sends, through the
 * core's formatters (the same text as the editor's lenses and hovers).
 */
import type { RowTokens } from '../core/report/viewmodel';
import { formatMoney, formatTokens } from '../core/cost/format';

export interface PageCurrency {
  code: string;
  rate: number;
}

/** `$0.0137`, `$1.25`, `$1,640` (or `€…` in the display currency): the core's `formatMoney`. */
export function money(usd: number | null | undefined, c: PageCurrency): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  return formatMoney(usd, { currency: c.code, rate: c.rate });
}

/** A signed difference: `+$12`, `−$430`. */
export function moneyDelta(usd: number | null | undefined, c: PageCurrency): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (Math.abs(usd * c.rate) < 1e-9) return money(0, c);
  return `${usd > 0 ? '+' : '−'}${money(Math.abs(usd), c)}`;
}

/** `4,560`; compact (the core's `formatTokens`): `30k`, `1.2M`. */
export function count(n: number, compact = false): string {
  if (!Number.isFinite(n)) return '?';
  if (compact) return formatTokens(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `4,560` exact, `≈4.1k–5.2k` estimated with a range, `≈4,560` estimated; `+ dyn` when part is dynamic. */
export function tokens(t: RowTokens): string {
  let s: string;
  if (t.exact) s = count(t.central);
  else if (t.low !== t.high) s = `≈${count(t.low, true)}–${count(t.high, true)}`;
  else s = `≈${count(t.central)}`;
  return t.dynamic ? `${s} + dyn` : s;
}

/** Long words (model ids, tokens) spoken in full for screen readers. */
export function tokensLong(t: RowTokens): string {
  const base = t.exact ? `${count(t.central)} tokens` : t.low !== t.high ? `about ${count(t.low)} to ${count(t.high)} tokens` : `about ${count(t.central)} tokens`;
  return t.dynamic ? `${base} plus dynamic input` : base;
}
