// Exact money formatting: the API gives wei as decimal strings; 1 MYST = 10^18 wei.

const WEI_PER_MYST = 10n ** 18n;

/** "1234500000000000000" -> "1.2345 MYST"; every wei is shown, trailing zeros are not. */
export function myst(wei) {
  if (wei === null || wei === undefined) return '–';
  const w = BigInt(wei);
  const sign = w < 0n ? '-' : '';
  const a = w < 0n ? -w : w;
  const whole = a / WEI_PER_MYST;
  const frac = (a % WEI_PER_MYST).toString().padStart(18, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? '.' + frac : ''} MYST`;
}

/** A short form of an address or hash for tables; the full value stays in the title. */
export function short(hex) {
  if (!hex) return '–';
  return hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex;
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
