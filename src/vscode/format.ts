/**
 * Money and token formatting for lenses, hovers, the status bar and messages. Display currency
 * and rate come from the config (`displayCurrency`, `currencyRate`); the core always speaks USD.
 */
import type { Config } from '../core/config/schema';
import type { TokenCount } from '../core/types';

export type CurrencyConfig = Pick<Config, 'displayCurrency' | 'currencyRate'>;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function currencyFormatter(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...options });
  } catch {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', ...options });
  }
}

/** `$0.018`, `$1.25`, `$1,636`; small amounts keep two significant digits. */
export function formatMoney(usd: number, cur: CurrencyConfig = { displayCurrency: 'USD', currencyRate: 1 }): string {
  if (!Number.isFinite(usd)) return '—';
  const value = usd * cur.currencyRate;
  const abs = Math.abs(value);
  if (abs === 0) return currencyFormatter(cur.displayCurrency, { maximumFractionDigits: 0 }).format(0);
  if (abs >= 100) return currencyFormatter(cur.displayCurrency, { maximumFractionDigits: 0 }).format(value);
  if (abs >= 1) return currencyFormatter(cur.displayCurrency, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return currencyFormatter(cur.displayCurrency, { maximumSignificantDigits: 2 }).format(value);
}

/** `4,560` or, in compact form, `4.6k`, `1.2M`. */
export function formatCount(n: number, compact = false): string {
  if (!Number.isFinite(n)) return '?';
  if (!compact || Math.abs(n) < 1000) return grouped.format(Math.round(n));
  if (Math.abs(n) < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
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
