// "12.5" yuan → 1250 fen; null for anything that is not a positive amount
// with at most two decimals.
export function yuanToFen(s: string): number | null {
  const v = s.trim().replace(/^¥/, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(v)) return null;
  const [a, b = ''] = v.split('.');
  const fen = Number(a) * 100 + Number((b + '00').slice(0, 2));
  return fen > 0 ? fen : null;
}
