/**
 * Money and token text for the panel page, in the display currency the host sends. Same rules as
 * the editor's lenses and hovers: small amounts keep two significant digits, large ones no cents.
 */
import type { RowTokens } from '../core/report/viewmodel';

export interface PageCurrency {
  code: string;
  rate: number;
}

const cache = new Map<string, Intl.NumberFormat>();

function currencyFormat(code: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${code}|${key}`;
  let f = cache.get(k);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, ...options });
    } catch {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', ...options });
    }
    cache.set(k, f);
  }
  return f;
}

/** `$0.018`, `$1.25`, `$1,636` (or `€…` in the display currency). */
export function money(usd: number | null | undefined, c: PageCurrency): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  const v = usd * c.rate;
  const abs = Math.abs(v);
  if (abs === 0) return currencyFormat(c.code, 'int', { maximumFractionDigits: 0 }).format(0);
  if (abs >= 100) return currencyFormat(c.code, 'int', { maximumFractionDigits: 0 }).format(v);
  if (abs >= 1) return currencyFormat(c.code, 'cents', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  return currencyFormat(c.code, 'sig', { maximumSignificantDigits: 2 }).format(v);
}

/** A signed difference: `+$12`, `−$430`. */
export function moneyDelta(usd: number | null | undefined, c: PageCurrency): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (Math.abs(usd * c.rate) < 1e-9) return money(0, c);
  return `${usd > 0 ? '+' : '−'}${money(Math.abs(usd), c)}`;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(n: number, compact = false): string {
  if (!Number.isFinite(n)) return '?';
  if (!compact || Math.abs(n) < 1000) return grouped.format(Math.round(n));
  if (Math.abs(n) < 1_000_000) return `${(n / 1000).toFixed(Math.abs(n) < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
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
