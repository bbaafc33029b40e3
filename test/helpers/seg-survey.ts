/** Survey fixtures: the `survey` table built directly in SQL, and a generated survey with its plain-TS twin. */
import type { Connector } from '../../src/engine/connector';
import { lit } from '../../src/metrics/sql';
import { dayNo, isoOf, mulberry32 } from './seg-data';

export interface Resp {
  c: string | null;
  day: string;
  score: number | null;
  scale: 'nps' | 'csat' | 'ces';
  reason?: string | null;
  /** the survey's own segment column s2 */
  s2?: string | null;
}

const v = (x: string | null | undefined) => (x === null || x === undefined ? 'NULL' : lit(x));

export async function loadSurvey(c: Connector, rs: Resp[]): Promise<void> {
  const values = rs
    .map((r) => `(${v(r.c)}, ${lit(r.day)}, ${r.score === null ? 'NULL' : r.score}, ${lit(r.scale)}, ${v(r.reason)}, ${v(r.s2)})`)
    .join(',\n');
  await c.exec(`CREATE OR REPLACE TABLE survey AS
SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(d AS DATE) AS day, CAST(score AS DOUBLE) AS score,
  CAST(scale AS VARCHAR) AS scale, CAST(reason AS VARCHAR) AS reason, CAST(s2 AS VARCHAR) AS s2
FROM (VALUES ${values}) t(customer_id, d, score, scale, reason, s2)`);
}

/** Generated survey over 2024 for customers C0…C199 (and anonymous answers), all scales, some exit reasons. */
export function generateSurvey(seed: number): Resp[] {
  const rnd = mulberry32(seed);
  const reasons = ['Too expensive', 'too expensive ', 'Slow delivery', 'Moved abroad', ' slow  DELIVERY', '', null];
  const out: Resp[] = [];
  for (let i = 0; i < 3000; i++) {
    const scale = (['nps', 'nps', 'csat', 'ces'] as const)[Math.floor(rnd() * 4)]!;
    const max = scale === 'nps' ? 10 : scale === 'csat' ? 5 : 7;
    const min = scale === 'nps' ? 0 : 1;
    const r = rnd();
    // A few off-scale scores and missing scores, which are not responses.
    const score = r < 0.02 ? max + 1 : r < 0.04 ? null : min + Math.floor(rnd() * (max - min + 1));
    out.push({
      c: rnd() < 0.15 ? null : `C${Math.floor(rnd() * 230)}`,
      day: isoOf(dayNo('2024-01-01') + Math.floor(rnd() * 366)),
      score,
      scale,
      reason: rnd() < 0.3 ? reasons[Math.floor(rnd() * reasons.length)]! : null,
      s2: rnd() < 0.5 ? 'nl' : rnd() < 0.5 ? 'en' : null,
    });
  }
  return out;
}
