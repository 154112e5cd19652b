import { t, useLang } from '../lib/i18n';
import { yuan } from '../lib/time';
import type { Order, OrderItem } from '../lib/types';

// The 1-based line number of items[k] (older answers may leave `line` out).
export function lineNo(i: OrderItem, k: number): number {
  return i.line ?? k + 1;
}

export function isGift(i: OrderItem): boolean {
  return (i.gift_of ?? 0) > 0;
}

// The line `n` of `items`, if there is one.
export function itemAt(items: OrderItem[] | undefined, n: number): OrderItem | undefined {
  return items?.find((i, k) => lineNo(i, k) === n);
}

// A line as one line of text (a <select> option): "#2 Cable ×1 · 赠品 · 随第1行赠送".
export function itemLabel(i: OrderItem, k: number): string {
  const s = `#${lineNo(i, k)} ${i.name || i.sku} ×${i.quantity}`;
  return isGift(i) ? `${s} · ${t('order.gift')} · ${t('order.gift_of', { n: i.gift_of! })}` : s;
}

// The order's discount, shipping fee and free-shipping promise, the non-zero ones.
function orderMoney(o: Order): string[] {
  const out: string[] = [];
  if ((o.discount_fen ?? 0) > 0) out.push(t('order.discount', { v: yuan(o.discount_fen) }));
  if ((o.shipping_fee_fen ?? 0) > 0) out.push(t('order.shipping_fee', { v: yuan(o.shipping_fee_fen) }));
  if ((o.free_shipping_threshold_fen ?? 0) > 0) out.push(t('order.free_shipping', { v: yuan(o.free_shipping_threshold_fen) }));
  if ((o.shipping_waived_fen ?? 0) > 0) out.push(t('order.shipping_waived', { v: yuan(o.shipping_waived_fen) }));
  return out;
}

// An order's lines: gifts marked with the line they came with and their
// disclosed price, discounted lines with their discount and what they cost;
// then the order's discount and shipping.
export function OrderLines({ o }: { o: Order }) {
  useLang();
  const money = orderMoney(o);
  return (
    <>
      <ul className="order-lines small" data-testid="order-lines">
        {o.items.map((i, k) => {
          const discount = i.discount_fen ?? 0;
          return (
            <li key={lineNo(i, k)} className={isGift(i) ? 'gift' : ''} data-testid="order-line">
              <span className="muted">#{lineNo(i, k)}</span> {i.name || i.sku} ×{i.quantity}
              {isGift(i) && (
                <>
                  <span className="badge gift" data-testid="order-line-gift">{t('order.gift')}</span>
                  <span className="muted">
                    {' '}{t('order.gift_of', { n: i.gift_of! })}
                    {i.gift_value_fen != null && ' · ' + t('order.gift_value', { v: yuan(i.gift_value_fen) })}
                  </span>
                </>
              )}
              {discount > 0 && (
                <span className="muted" data-testid="order-line-discount">
                  {' · '}{t('order.line_discount', { v: yuan(discount) })}
                  {' · '}{t('order.line_paid', { v: yuan(i.paid_fen ?? i.price_fen * i.quantity - discount) })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {money.length > 0 && <div className="muted small order-money" data-testid="order-money">{money.join(' · ')}</div>}
    </>
  );
}
