/**
 * A first load pays for compiling DuckDB's wasm code: every function the CSV reader, the
 * regular expressions, the aggregates and the windows use is compiled on its first call and
 * optimised only once it has run a while (in one engine, reading a 100 k-row export took 228 ms
 * the first time and 43 ms after). So while the start page is idle, the same load (reading,
 * detection, typed pass, model, one query of each kind) runs once on a small generated export,
 * and everything it made is dropped.
 */
import { activityWindowSql } from '../metrics/activity-window';
import { clvSummarySql } from '../metrics/clv-summary';
import { cohortsSql } from '../metrics/cohorts';
import { concentrationSql } from '../metrics/concentration';
import { crrSql } from '../metrics/crr';
import { gapsByPurchaseSql, gapStatsSql } from '../metrics/gaps';
import { kpisSql } from '../metrics/kpis';
import { lifecycleSql } from '../metrics/lifecycle';
import { lnessSql, powerCurveSql } from '../metrics/lness';
import { repeatSql } from '../metrics/repeat';
import { spendByOrderSql } from '../metrics/spend';
import { stickinessSql } from '../metrics/stickiness';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions } from '../metrics/types';
import { ltvSql } from '../metrics/value';
import type { Connector } from './connector';
import { loadFile, removeSource } from './dataset';

export const WARM_UP_ROWS = 20_000;

/** Orders in the Dutch export format (`;`, decimal comma, dd-mm-yyyy), a channel and some refunds. */
export function warmUpCsv(rows = WARM_UP_ROWS): string {
  const channels = ['web', 'app', 'winkel'];
  const lines = ['ordernummer;klantnummer;besteldatum;bedrag;kanaal'];
  for (let i = 1; i <= rows; i++) {
    const day = 1 + ((i * 7) % 28);
    const month = 1 + ((i * 13) % 12);
    const year = 2022 + (i % 3);
    const cents = (i * 7919) % 20000;
    const sign = i % 97 === 0 ? '-' : '';
    const dd = String(day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    lines.push(`${i};K${(i * 31) % 4000};${dd}-${mm}-${year};${sign}${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')};${channels[i % 3]}`);
  }
  return lines.join('\n') + '\n';
}

/** One query of each kind the dashboard runs first (they share most of DuckDB's code). */
const QUERIES: ((o: MetricOptions, info: DatasetInfo) => string)[] = [
  cohortsSql,
  activityWindowSql,
  (o, info) => crrSql(o, info),
  lifecycleSql,
  lnessSql,
  powerCurveSql,
  stickinessSql,
  repeatSql,
  gapStatsSql,
  gapsByPurchaseSql,
  ltvSql,
  concentrationSql,
  spendByOrderSql,
  kpisSql,
  (_o, info) => clvSummarySql({ calibrationEnd: null, unit: 'week', segment: null }, info),
];

/**
 * `stop` is asked between queries: once the user drops a file, the rest is skipped so that the
 * file does not wait for it.
 */
export async function warmUp(c: Connector, timeZone: string, stop: () => boolean = () => false): Promise<void> {
  const file = new File([warmUpCsv()], 'warm-up.csv', { type: 'text/csv' });
  const ds = await loadFile(c, null, file, 'warm', timeZone, () => undefined);
  try {
    for (const sql of QUERIES) {
      if (stop()) break;
      await c.query(sql(DEFAULT_OPTIONS, ds.info));
    }
  } finally {
    await removeSource(c, ds, 'warm');
  }
}
