import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseStickiness,
  parseStickinessYears,
  stickinessCsv,
  stickinessSql,
  stickinessYearCsv,
  stickinessYearSql,
  type StickinessMonth,
} from '../../src/metrics/stickiness';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { activeDays, dataRange, isoOf } from '../helpers/metrics-b-independent';

describe('stickiness on a hand-worked fixture', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture([
      { c: 'A', t: '2024-01-30', amount: 1 },
      { c: 'A', t: '2024-01-31', amount: 1 },
      { c: 'A', t: '2024-02-01', amount: 1 },
      { c: 'B', t: '2024-01-31', amount: 1 },
      { c: 'B', t: '2024-02-03', amount: -5 }, // refund only: not activity, DAU 0 that day
      { c: 'C', t: '2024-02-02', amount: 1 },
      { c: 'C', t: '2024-02-02 20:00:00', amount: 1 }, // same day again
      { c: 'D', t: '2024-02-06', amount: 1 },
    ]);
  });
  afterAll(() => f.c.close());

  it('monthly DAU/MAU and WAU/MAU with Monday weeks', async () => {
    // Range 2024-01-30 .. 2024-02-06. DAU: 01-30 1, 01-31 2, 02-01 1, 02-02 1, 02-03..05 0, 02-06 1.
    // Jan: 2 days, dau_avg (1+2)/2 = 1.5, MAU {A,B} = 2, dau_mau 0.75.
    //   Week Mon 01-29: its Jan part (30, 31) has A, B → 2 on both days: wau_avg 2, wau_mau 1.
    // Feb: 6 days (1..6), dau_avg (1+1+0+0+0+1)/6 = 0.5, MAU {A,C,D} = 3, dau_mau 1/6.
    //   Week 01-29, Feb part (1..4, 4 days): A, C → 2; week 02-05 (5, 6 in range, 2 days): D → 1.
    //   wau_avg (4·2 + 2·1)/6 = 10/6; wau_mau 10/18.
    // Both months are only partly inside the range → incomplete.
    const m = parseStickiness(await f.rows(stickinessSql(opts(), f.info)));
    expect(m.map((x) => x.month)).toEqual(['2024-01-01', '2024-02-01']);
    expect(m[0]).toEqual({ month: '2024-01-01', dauAvg: 1.5, wauAvg: 2, mau: 2, dauMau: 0.75, wauMau: 1, complete: false });
    expect(m[1]?.dauAvg).toBeCloseTo(0.5, 12);
    expect(m[1]?.mau).toBe(3);
    expect(m[1]?.dauMau).toBeCloseTo(1 / 6, 12);
    expect(m[1]?.wauAvg).toBeCloseTo(10 / 6, 12);
    expect(m[1]?.wauMau).toBeCloseTo(10 / 18, 12);
  });

  it('Sunday weeks', async () => {
    // Weeks Sun 01-28..02-03 and Sun 02-04..02-10. Feb: 1..3 (3 days) A, C → 2; 4..6 (3 days) D → 1.
    // wau_avg (3·2 + 3·1)/6 = 1.5.
    const m = parseStickiness(await f.rows(stickinessSql(opts({ weekStart: 'sunday' }), f.info)));
    expect(m[1]?.wauAvg).toBeCloseTo(1.5, 12);
    expect(m[0]?.wauAvg).toBe(2);
  });

  it('yearly MAU/YAU', async () => {
    // 2024: months Jan (MAU 2) and Feb (MAU 3) → mau_avg 2.5; YAU {A,B,C,D} = 4 → 0.625; incomplete.
    const y = parseStickinessYears(await f.rows(stickinessYearSql(opts(), f.info)));
    expect(y).toEqual([{ year: 2024, mauAvg: 2.5, yau: 4, mauYau: 0.625, complete: false }]);
    expect(stickinessYearCsv(y)).toEqual({
      columns: ['year', 'mau_avg', 'yau', 'mau_yau', 'complete'],
      rows: [[2024, 2.5, 4, 0.625, false]],
    });
  });

  it('csv columns', async () => {
    const csv = stickinessCsv(parseStickiness(await f.rows(stickinessSql(opts(), f.info))));
    expect(csv.columns).toEqual(['month', 'dau_avg', 'wau_avg', 'mau', 'dau_mau', 'wau_mau', 'complete']);
    expect(csv.rows[0]).toEqual(['2024-01-01', 1.5, 2, 2, 0.75, 1, false]);
  });
});

describe('stickiness: a date range that starts inside a month and a week', () => {
  it('counts a customer seen before the range once, from their first day inside it', async () => {
    // A: Jan 5 (before the range), Jan 20, Jan 23; B: Jan 25. Range from Jan 10: data Jan 20 .. 25.
    // DAU: 20th 1, 23rd 1, 25th 1 over 6 days → 0.5. MAU Jan {A, B} = 2.
    // Weeks (Monday): Jan 15–21 (20, 21 in range: A) → 1; Jan 22–28 (22..25: A, B) → 2.
    // wau_avg (2·1 + 4·2)/6 = 10/6. Year 2024: mau_avg 2, YAU 2.
    const f = await fixture([
      { c: 'A', t: '2024-01-05', amount: 1 },
      { c: 'A', t: '2024-01-20', amount: 1 },
      { c: 'A', t: '2024-01-23', amount: 1 },
      { c: 'B', t: '2024-01-25', amount: 1 },
    ]);
    const o = opts({ dateFrom: '2024-01-10' });
    const [m] = parseStickiness(await f.rows(stickinessSql(o, f.info)));
    expect(m?.mau).toBe(2);
    expect(m?.dauAvg).toBeCloseTo(0.5, 12);
    expect(m?.wauAvg).toBeCloseTo(10 / 6, 12);
    expect(parseStickinessYears(await f.rows(stickinessYearSql(o, f.info)))).toEqual([{ year: 2024, mauAvg: 2, yau: 2, mauYau: 1, complete: false }]);
    await f.c.close();
  });
});

describe('stickiness: complete months, a leap February and a month without activity', () => {
  it('counts idle days and months as zero', async () => {
    // Single customer X on 2024-01-01, 2024-02-29 (leap day) and 2024-04-30. Range = 01-01 .. 04-30.
    // Jan complete: dau_avg 1/31, MAU 1. Feb complete (29 days): 1/29. Mar: no activity: dau_avg 0,
    // MAU 0, ratios null (0/0). Apr complete: 1/30. Year 2024: mau_avg (1+1+0+1)/4 = 0.75, YAU 1.
    const f = await fixture([
      { c: 'X', t: '2024-01-01', amount: 1 },
      { c: 'X', t: '2024-02-29', amount: 1 },
      { c: 'X', t: '2024-04-30', amount: 1 },
    ]);
    const m = parseStickiness(await f.rows(stickinessSql(opts(), f.info)));
    expect(m.map((x) => x.complete)).toEqual([true, true, true, true]);
    expect(m[0]?.dauMau).toBeCloseTo(1 / 31, 12);
    expect(m[1]?.dauMau).toBeCloseTo(1 / 29, 12);
    expect(m[2]).toEqual({ month: '2024-03-01', dauAvg: 0, wauAvg: 0, mau: 0, dauMau: null, wauMau: null, complete: true });
    expect(m[3]?.dauAvg).toBeCloseTo(1 / 30, 12);
    const y = parseStickinessYears(await f.rows(stickinessYearSql(opts(), f.info)));
    expect(y).toEqual([{ year: 2024, mauAvg: 0.75, yau: 1, mauYau: 0.75, complete: false }]);
    await f.c.close();
  });
});

/** Independent: straight from the definition, day by day. */
function independentMonths(days: Map<string, number[]>, start: number, end: number, weekOffset: number) {
  const dau = new Map<number, number>();
  const custByMonth = new Map<string, Set<string>>();
  const custByWeekMonth = new Map<string, Set<string>>();
  const weekOf = (d: number) => d - ((d + weekOffset) % 7);
  for (const [c, ds] of days) {
    for (const d of ds) {
      dau.set(d, (dau.get(d) ?? 0) + 1);
      const m = isoOf(d).slice(0, 7);
      const wm = `${m}|${weekOf(d)}`;
      if (!custByMonth.has(m)) custByMonth.set(m, new Set());
      custByMonth.get(m)!.add(c);
      if (!custByWeekMonth.has(wm)) custByWeekMonth.set(wm, new Set());
      custByWeekMonth.get(wm)!.add(c);
    }
  }
  const acc = new Map<string, { days: number; dau: number; wau: number }>();
  for (let d = start; d <= end; d++) {
    const m = isoOf(d).slice(0, 7);
    const a = acc.get(m) ?? { days: 0, dau: 0, wau: 0 };
    a.days++;
    a.dau += dau.get(d) ?? 0;
    a.wau += custByWeekMonth.get(`${m}|${weekOf(d)}`)?.size ?? 0;
    acc.set(m, a);
  }
  return [...acc].map(([m, a]) => {
    const mau = custByMonth.get(m)?.size ?? 0;
    return { month: `${m}-01`, dauAvg: a.dau / a.days, wauAvg: a.wau / a.days, mau };
  });
}

function independentYears(days: Map<string, number[]>, months: { month: string; mau: number }[]) {
  const yau = new Map<number, Set<string>>();
  for (const [c, ds] of days)
    for (const d of ds) {
      const y = Number(isoOf(d).slice(0, 4));
      if (!yau.has(y)) yau.set(y, new Set());
      yau.get(y)!.add(c);
    }
  const byYear = new Map<number, number[]>();
  for (const m of months) {
    const y = Number(m.month.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), m.mau]);
  }
  return [...byYear].map(([y, maus]) => ({ year: y, mauAvg: maus.reduce((a, b) => a + b, 0) / maus.length, yau: yau.get(y)?.size ?? 0 }));
}

function expectMonths(got: StickinessMonth[], want: ReturnType<typeof independentMonths>) {
  expect(got.map((g) => g.month)).toEqual(want.map((w) => w.month));
  for (const [i, w] of want.entries()) {
    const g = got[i]!;
    expect(g.mau).toBe(w.mau);
    expect(g.dauAvg).toBeCloseTo(w.dauAvg, 9);
    expect(g.wauAvg).toBeCloseTo(w.wauAvg, 9);
    expect(g.dauMau!).toBeCloseTo(w.dauAvg / w.mau, 9);
    expect(g.wauMau!).toBeCloseTo(w.wauAvg / w.mau, 9);
    expect(g.dauMau!).toBeLessThanOrEqual(1);
    expect(g.wauMau!).toBeLessThanOrEqual(1);
  }
}

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('stickiness on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('monthly, Monday and Sunday weeks, and yearly', async () => {
    const days = activeDays(d.rows);
    const { start, end } = dataRange(d.rows);
    const t0 = performance.now();
    const got = parseStickiness((await d.c.query(stickinessSql(opts(), d.info))));
    if (name === 'cdnow') console.log(`stickinessSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    const want = independentMonths(days, start, end, 3);
    expectMonths(got, want);
    // CDNOW runs 1997-01-01 .. 1998-06-30: every month complete; grocery ends 2007-12-30: Dec 2007 is not.
    const lastMonthComplete = isoOf(end + 1).slice(8) === '01';
    expect(got.at(-1)?.complete).toBe(lastMonthComplete);
    expect(got.filter((g) => !g.complete).length).toBe(lastMonthComplete ? 0 : 1);

    const sun = parseStickiness((await d.c.query(stickinessSql(opts({ weekStart: 'sunday' }), d.info))));
    expectMonths(sun, independentMonths(days, start, end, 4));

    const t1 = performance.now();
    const years = parseStickinessYears((await d.c.query(stickinessYearSql(opts(), d.info))));
    if (name === 'cdnow') console.log(`stickinessYearSql on cdnow: ${(performance.now() - t1).toFixed(0)} ms`);
    const wantY = independentYears(days, want);
    expect(years.map((y) => y.year)).toEqual(wantY.map((y) => y.year));
    for (const [i, w] of wantY.entries()) {
      expect(years[i]?.yau).toBe(w.yau);
      expect(years[i]?.mauAvg).toBeCloseTo(w.mauAvg, 9);
      expect(years[i]?.mauYau).toBeCloseTo(w.mauAvg / w.yau, 9);
    }
  });
});
