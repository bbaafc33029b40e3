/**
 * Column roles and the file's shape, from header names first and from the values
 * (whole-column counts) when headers are missing or say nothing. Pure.
 */
import { bestDateCount, DATE_ROLES } from './formats';
import { normalizeName, roleFromName, scaleFromName } from './names';
import type { ColumnStats, Role, Scale, Shape } from './types';

export interface RoleInput {
  key: string;
  name: string;
  stats: ColumnStats;
}

export interface RoleGuess {
  roles: Record<string, Role>;
  shape: Shape;
  scale: Scale | null;
  /** Customer and date (or what the shape needs) came from recognised header names. */
  byName: boolean;
}

const UNIQUE_ROLES: Role[] = ['customer', 'date', 'start_date', 'end_date', 'amount', 'quantity', 'unit_price', 'cost', 'margin', 'order_id', 'cancel_marker', 'score', 'reason'];
const NUMBER_ROLES: Role[] = ['amount', 'quantity', 'unit_price', 'cost', 'margin', 'score'];
const MAX_SEGMENTS = 10;

const share = (n: number, s: ColumnStats): number => (s.nonEmpty ? n / s.nonEmpty : 0);
const dateShare = (s: ColumnStats): number => share(bestDateCount(s), s);
const numShare = (s: ColumnStats): number => share(s.numeric, s);
const decimalShare = (s: ColumnStats): number => share(s.commaDecimal + s.pointDecimal, s);

/** A name's role, kept only when the values agree with it. */
function checkedNameRole(c: RoleInput): { role: Role; exact: boolean } | null {
  const m = roleFromName(c.name);
  if (!m) return null;
  const s = c.stats;
  if (DATE_ROLES.includes(m.role)) {
    const ok = dateShare(s) >= 0.5 || (m.role === 'end_date' && s.nonEmpty === 0);
    return ok ? m : null;
  }
  if (NUMBER_ROLES.includes(m.role)) return numShare(s) >= 0.5 ? m : null;
  if (m.role === 'cancel_marker') {
    if (s.cancelWords > 0) return m;
    return isSegmentLike(s, true) ? { role: 'segment', exact: m.exact } : null;
  }
  if (m.role === 'segment') return isSegmentLike(s, true) ? m : null;
  return m;
}

/** Low-cardinality text: few distinct values, each shared by several rows. */
function isSegmentLike(s: ColumnStats, named: boolean): boolean {
  if (s.nonEmpty === 0 || s.distinct < 1) return false;
  if (!named && (numShare(s) >= 0.5 || dateShare(s) >= 0.5)) return false;
  // A recognised name (kanaal, country) needs only repeated values; an unknown one must be clearly categorical.
  if (named) return s.distinct <= 200 && s.distinct < s.nonEmpty;
  return s.distinct <= 50 && s.distinct <= 0.5 * s.nonEmpty;
}

export function guessRoles(columns: RoleInput[], hasHeader: boolean): RoleGuess {
  const roles: Record<string, Role> = {};
  for (const c of columns) roles[c.key] = 'ignore';
  const matches = hasHeader ? columns.map((c) => ({ c, m: checkedNameRole(c) })) : [];
  const byName = new Set<Role>();
  // Each role goes to one column: exact names before partial ones, left before right.
  for (const exact of [true, false]) {
    for (const { c, m } of matches) {
      if (!m || m.exact !== exact || roles[c.key] !== 'ignore') continue;
      if (m.role === 'segment') {
        roles[c.key] = 'segment';
        continue;
      }
      if (Object.values(roles).includes(m.role)) continue;
      roles[c.key] = m.role;
      byName.add(m.role);
    }
  }
  const has = (r: Role): boolean => Object.values(roles).includes(r);
  const free = (): RoleInput[] => columns.filter((c) => roles[c.key] === 'ignore');

  // `price` next to a quantity is a unit price.
  const amountCol = columns.find((c) => roles[c.key] === 'amount');
  if (amountCol && has('quantity') && !has('unit_price') && ['price', 'prijs'].includes(normalizeName(amountCol.name))) {
    roles[amountCol.key] = 'unit_price';
  }
  if (!has('date') && !has('start_date')) {
    const best = free()
      .filter((c) => dateShare(c.stats) >= 0.8)
      .sort((a, b) => bestDateCount(b.stats) - bestDateCount(a.stats))[0];
    if (best) roles[best.key] = 'date';
  }
  if (!has('customer') && !has('score')) {
    const idName = hasHeader ? free().find((c) => normalizeName(c.name) === 'id') : undefined;
    const pick =
      idName ??
      free().find((c) => c.stats.nonEmpty > 0 && c.stats.distinct > 1 && dateShare(c.stats) < 0.5 && decimalShare(c.stats) < 0.1);
    if (pick) roles[pick.key] = 'customer';
  }
  if (!hasHeader && !has('amount')) {
    const money = free()
      .filter((c) => numShare(c.stats) >= 0.9 && decimalShare(c.stats) >= 0.5)
      .pop();
    if (money) roles[money.key] = 'amount';
  }
  if (!has('cancel_marker')) {
    const marker = free().find((c) => c.stats.cancelWords > 0 && isSegmentLike(c.stats, false));
    if (marker) roles[marker.key] = 'cancel_marker';
  }
  let segments = columns.filter((c) => roles[c.key] === 'segment').length;
  for (const c of free()) {
    if (segments >= MAX_SEGMENTS) break;
    if (isSegmentLike(c.stats, false)) {
      roles[c.key] = 'segment';
      segments++;
    }
  }
  const shape = shapeOf(roles);
  const scoreCol = columns.find((c) => roles[c.key] === 'score');
  const scale = shape === 'survey' && scoreCol ? scaleOf(scoreCol) : null;
  const needed: Role[] = shape === 'survey' ? ['score'] : shape === 'subscriptions' ? ['customer', 'start_date'] : shape === 'activity' ? ['customer', 'date'] : ['customer'];
  return { roles, shape, scale, byName: needed.every((r) => byName.has(r)) };
}

export function shapeOf(roles: Record<string, Role>): Shape {
  const rs = Object.values(roles);
  if (rs.includes('score')) return 'survey';
  if (rs.includes('start_date')) return 'subscriptions';
  if (rs.includes('date')) return 'activity';
  return 'customers';
}

/** NPS 0–10, CSAT 1–5, CES 1–7, unless the header names the scale. */
export function scaleOf(c: RoleInput): Scale {
  const named = scaleFromName(c.name);
  if (named) return named;
  const { intMin, intMax } = c.stats;
  if (intMin !== null && intMax !== null && intMin >= 1) {
    if (intMax <= 5) return 'csat';
    if (intMax <= 7) return 'ces';
  }
  return 'nps';
}

export { UNIQUE_ROLES };
