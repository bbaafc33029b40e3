/** Times every metrics-b builder on CDNOW_master (median of `runs` runs after one warm-up). */
import { concentrationSql, lorenzSql } from '../../src/metrics/concentration';
import { gapsByPurchaseSql, gapsSql, gapStatsSql } from '../../src/metrics/gaps';
import { kpisSql } from '../../src/metrics/kpis';
import { lnessSql, powerCurveSql } from '../../src/metrics/lness';
import { repeatSql } from '../../src/metrics/repeat';
import { spendByOrderSql, spendByYearSql } from '../../src/metrics/spend';
import { stickinessSql, stickinessYearSql } from '../../src/metrics/stickiness';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions } from '../../src/metrics/types';
import { clvSql, ltvSql, predictedClvSql } from '../../src/metrics/value';
import { loadDataset } from './metrics-b-data';

const BUILDERS: Record<string, (o: MetricOptions, i: DatasetInfo) => string> = {
  lnessSql,
  powerCurveSql,
  stickinessSql,
  stickinessYearSql,
  gapsSql,
  gapStatsSql,
  gapsByPurchaseSql,
  repeatSql,
  clvSql,
  ltvSql,
  predictedClvSql,
  concentrationSql,
  lorenzSql: (o, i) => lorenzSql(o, i),
  spendByOrderSql,
  spendByYearSql,
  kpisSql,
};

export async function benchCdnow(runs = 5): Promise<Record<string, number>> {
  const d = await loadDataset('cdnow');
  const out: Record<string, number> = {};
  for (const [name, build] of Object.entries(BUILDERS)) {
    const sql = build(DEFAULT_OPTIONS, d.info);
    await d.c.query(sql);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await d.c.query(sql);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = Math.round(times[Math.floor(runs / 2)]!);
  }
  await d.c.close();
  return out;
}
