/** The load report: what was read, what was not and why (with examples), refunds, customers, date range. */
import { ident } from '../../metrics/sql';
import type { Row } from '../../metrics/rows';
import type { Connector } from '../connector';
import { finalTableName, NO_CUSTOMER, typedTableName } from './typed';
import type { LoadReport, NotReadGroup, Source } from './types';

const EXAMPLES = 5;

async function rows(c: Connector, sql: string): Promise<Row[]> {
  return (await c.query(sql));
}

const numOf = (r: Row | undefined, k: string): number => {
  const v = r?.[k];
  return typeof v === 'number' ? v : 0;
};
const strOf = (r: Row | undefined, k: string): string | null => {
  const v = r?.[k];
  return typeof v === 'string' ? v : null;
};

/** Text of raw rows by rowid, as the line would read in the file. */
function rawTextSql(s: Source, rids: number[]): string {
  const sep = s.format.delimiter === 'whitespace' ? ' ' : s.format.delimiter;
  const cols = s.columns.map((c) => `coalesce(${ident(c.key)}, '')`).join(', ');
  const text = `concat_ws('${sep === '\t' ? "' || chr(9) || '" : sep}', ${cols})`;
  const full = s.format.delimiter === 'whitespace' ? `coalesce(_unsplit, ${text})` : text;
  return `SELECT rowid AS rid, ${full} AS text FROM ${ident(s.rawTable)} WHERE rowid IN (${rids.join(', ')})`;
}

/** What the typed pass and the CSV reader set aside, with example lines (read while the raw table is there). */
export interface SetAside {
  notRead: NotReadGroup[];
  withoutCustomer: number;
  typedRows: number;
}

export async function setAsideReport(c: Connector, s: Source): Promise<SetAside> {
  const typed = ident(typedTableName(s));
  const counts = await rows(c, `SELECT _why AS why, count(*) AS n FROM ${typed} WHERE _why IS NOT NULL GROUP BY _why ORDER BY n DESC, why`);
  const examples = await rows(
    c,
    `SELECT _why AS why, row_no, _rid AS rid FROM (
  SELECT _why, row_no, _rid, row_number() OVER (PARTITION BY _why ORDER BY row_no) AS k FROM ${typed} WHERE _why IS NOT NULL AND _why <> '${NO_CUSTOMER}')
WHERE k <= ${EXAMPLES} ORDER BY why, row_no`,
  );
  const rids = examples.map((r) => numOf(r, 'rid'));
  const texts = new Map<number, string>();
  if (rids.length) for (const r of await rows(c, rawTextSql(s, rids))) texts.set(numOf(r, 'rid'), strOf(r, 'text') ?? '');
  const groups = new Map<string, NotReadGroup>();
  let withoutCustomer = 0;
  for (const r of counts) {
    const why = strOf(r, 'why') ?? '';
    if (why === NO_CUSTOMER) withoutCustomer = numOf(r, 'n');
    else groups.set(why, { reason: why, count: numOf(r, 'n'), examples: [] });
  }
  for (const r of examples) {
    groups.get(strOf(r, 'why') ?? '')?.examples.push({ row: numOf(r, 'row_no'), text: texts.get(numOf(r, 'rid')) ?? '' });
  }
  const rejects = await rows(c, `SELECT reason, count(*) AS n FROM ${ident(`rejects_${s.id}`)} GROUP BY reason`);
  for (const r of rejects) {
    const reason = strOf(r, 'reason') ?? '';
    const g = groups.get(reason) ?? { reason, count: 0, examples: [] };
    g.count += numOf(r, 'n');
    groups.set(reason, g);
  }
  for (const r of await rows(c, `SELECT reason, row_no, text FROM ${ident(`rejects_${s.id}`)} ORDER BY row_no`)) {
    const g = groups.get(strOf(r, 'reason') ?? '');
    if (g && g.examples.length < EXAMPLES) g.examples.push({ row: numOf(r, 'row_no'), text: strOf(r, 'text') ?? '' });
  }
  const typedRows = numOf((await rows(c, `SELECT count(*) AS n FROM ${typed}`))[0], 'n');
  return { notRead: [...groups.values()].sort((x, y) => y.count - x.count), withoutCustomer, typedRows };
}

/** The report, from what was set aside and the final table. */
export async function loadReport(c: Connector, s: Source, aside: SetAside): Promise<LoadReport> {
  const summary = (await rows(c, summarySql(s, ident(finalTableName(s)))))[0];
  const hasAmount = s.columns.some((col) => col.role === 'amount' || col.role === 'quantity');
  return {
    rowsRead: aside.typedRows + s.rejectedLines,
    rowsLoaded: numOf(summary, 'loaded'),
    rowsNotRead: aside.notRead.reduce((acc, g) => acc + g.count, 0),
    notRead: aside.notRead,
    rowsWithoutCustomer: aside.withoutCustomer,
    refundRows: numOf(summary, 'refunds'),
    refundTotal: hasAmount && s.shape === 'activity' ? numOf(summary, 'refund_total') : null,
    customers: numOf(summary, 'customers'),
    dateStart: strOf(summary, 'lo'),
    dateEnd: strOf(summary, 'hi'),
  };
}

function summarySql(s: Source, final: string): string {
  const base = `count(*) AS loaded, count(DISTINCT customer_id) AS customers`;
  switch (s.shape) {
    case 'activity':
      return `SELECT ${base}, count(*) FILTER (WHERE is_refund) AS refunds, coalesce(sum(amount) FILTER (WHERE is_refund), 0) AS refund_total,
  strftime(min(day), '%Y-%m-%d') AS lo, strftime(max(day), '%Y-%m-%d') AS hi FROM ${final}`;
    case 'subscriptions':
      return `SELECT ${base}, 0 AS refunds, strftime(min(start_day), '%Y-%m-%d') AS lo, strftime(greatest(max(start_day), max(end_day)), '%Y-%m-%d') AS hi FROM ${final}`;
    case 'survey':
      return `SELECT ${base}, 0 AS refunds, strftime(min(day), '%Y-%m-%d') AS lo, strftime(max(day), '%Y-%m-%d') AS hi FROM ${final}`;
    case 'customers':
      return `SELECT ${base}, 0 AS refunds, NULL::VARCHAR AS lo, NULL::VARCHAR AS hi FROM ${final}`;
  }
}
