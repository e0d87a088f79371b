/**
 * Money and token text for lenses, hovers and the status bar: the core's deterministic
 * formatters (src/core/cost/format.ts) with the configured display currency and rate.
 */
import type { Config } from '../core/config/schema';
import type { TokenCount } from '../core/types';
import { formatMoney as coreMoney, formatTokens as coreTokens } from '../core/cost/format';

export type CurrencyConfig = Pick<Config, 'displayCurrency' | 'currencyRate'>;

/** `$0.0137`, `$12.40`, `$1,230`, in the display currency. */
export function formatMoney(usd: number, cur?: CurrencyConfig): string {
  return coreMoney(usd, cur ? { currency: cur.displayCurrency, rate: cur.currencyRate } : {});
}

/** `4,560` (exact digits) or compact `4.6k` style. */
export function formatCount(n: number, compact = false): string {
  if (!Number.isFinite(n)) return '?';
  if (compact) return Math.abs(n) >= 1000 && Math.abs(n) < 10_000 ? `${(n / 1000).toFixed(1)}k` : coreTokens(n);
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `4,560 tok` when exact, `≈4.1k–5.2k tok` when estimated with a range, `≈4,560 tok` otherwise. */
export function formatTokens(t: TokenCount): string {
  if (t.exact) return `${formatCount(t.central)} tok`;
  if (t.low !== t.high) return `≈${formatCount(t.low, true)}–${formatCount(t.high, true)} tok`;
  return `≈${formatCount(t.central)} tok`;
}

/** USD per million tokens, as in price tables: `$3`, `$0.30`, `$3.75`. */
export function formatPerMTok(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  return `$${usd.toFixed(usd % 1 === 0 ? 0 : 2)}`;
}
