/**
 * Money and token counts for messages, lenses and reports. Deterministic: no locale, no Intl,
 * the same text on every machine.
 *
 *   formatMoney(0.01368)  → "$0.0137"     formatMoney(1231.2) → "$1,230"
 *   formatMoney(12.4, { currency: 'EUR' }) → "€12.40"     formatMoney(0.00004) → "<$0.0001"
 *   formatTokens(4560) → "4,560"   formatTokens(30000) → "30k"   formatTokens(1_200_000) → "1.2M"
 */

const SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  INR: '₹',
  KRW: '₩',
  CNY: 'CN¥',
  BRL: 'R$',
  CAD: 'CA$',
  AUD: 'A$',
};

function prefixFor(currency: string): string {
  const code = currency.toUpperCase();
  return SYMBOLS[code] ?? `${code} `;
}

/** Thousands separators on the integer part of a plain decimal string. */
function group(digits: string): string {
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

/** A number rounded to `sig` significant digits, as a plain (non-exponential) decimal string. */
function toSignificant(x: number, sig: number): string {
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const e = sig - 1 - magnitude;
  if (e >= 0) {
    const f = 10 ** Math.min(e, 20);
    return (Math.round(x * f) / f).toFixed(Math.min(e, 20));
  }
  const f = 10 ** -e;
  return (Math.round(x / f) * f).toFixed(0);
}

function trimZeros(s: string, minDecimals: number): string {
  if (!s.includes('.')) return s;
  let [int, frac] = s.split('.');
  frac = frac.replace(/0+$/, '');
  while (frac.length < minDecimals) frac += '0';
  return frac.length ? `${int}.${frac}` : int;
}

/**
 * Money in the display currency (`rate` units per USD): 3 significant digits below 1 (at least
 * two decimals), two decimals below 100, 3 significant digits with thousands separators above.
 * Amounts below 0.0001 show as `<$0.0001`.
 */
export function formatMoney(usd: number, opts: { currency?: string; rate?: number } = {}): string {
  const rate = opts.rate !== undefined && Number.isFinite(opts.rate) && opts.rate > 0 ? opts.rate : 1;
  const sym = prefixFor(opts.currency ?? 'USD');
  if (!Number.isFinite(usd)) return `${sym}?`;
  const amount = usd * rate;
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(amount);
  if (a === 0) return `${sym}0`;
  if (a < 0.0001) return `${sign}<${sym}0.0001`;
  let text: string;
  if (a < 1) {
    text = trimZeros(toSignificant(a, 3), 2);
  } else if (a < 100) {
    text = (Math.round(a * 100) / 100).toFixed(2);
    // 99.996 rounds to 100.00: show it as the next band does.
    if (text === '100.00') text = '100';
  } else {
    text = group(toSignificant(a, 3).replace(/\.\d*$/, ''));
  }
  return `${sign}${sym}${text}`;
}

/** A whole number with thousands separators: `12,000` (no Intl: its first use costs milliseconds). */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return '?';
  return (n < 0 ? '-' : '') + group(String(Math.round(Math.abs(n))));
}

/** Token counts: `300`, `4,560`, `30k`, `272k`, `1.2M`. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const sign = n < 0 ? '-' : '';
  const a = Math.round(Math.abs(n));
  if (a < 10_000) return sign + group(String(a));
  if (a < 1_000_000) {
    const k = Number(toSignificant(a / 1000, 3));
    if (k < 1000) return `${sign}${trimZeros(String(k), 0)}k`;
  }
  const m = Number(toSignificant(a / 1_000_000, 3));
  return `${sign}${group(trimZeros(String(m), 0))}M`;
}
