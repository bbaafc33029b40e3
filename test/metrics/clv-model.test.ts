import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import {
  type BgNbdParams,
  type GammaGammaParams,
  bgNbdLogLik,
  expectedAverageValue,
  expectedPurchases,
  expectedPurchasesNew,
  fitAll,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLik,
  hyp2f1,
  lnGamma,
  monthLength,
  predict,
  predictedClvCsv,
  probabilityAlive,
} from '../../src/metrics/clv-model';
import { type ClvSummary, type ClvUnit, clvSummarySql, parseClvSummary } from '../../src/metrics/clv-summary';
import { idAt, idArray, idList } from '../../src/metrics/id-list';
import { minimize } from '../helpers/nelder-mead';
import { loadEvents, readCdnowSample, readGrocery } from '../helpers/clv-data';
import { betaMean, gammaMean, lnGammaStirling, simpson } from '../helpers/clv-quadrature';

/** |actual − expected| within half a unit of the `digits`-th significant digit of expected. */
function expectSignificant(actual: number, expected: number, digits = 3): void {
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(unit / 2);
}

const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

let weeks: ClvSummary;
let days: ClvSummary;
let grocery: ClvSummary;
beforeAll(async () => {
  const c = await createNodeConnector();
  const info = await loadEvents(c, readCdnowSample());
  const load = async (unit: ClvUnit, end: string | null) =>
    parseClvSummary((await c.query(clvSummarySql({ calibrationEnd: end, unit, segment: null }, info))), unit);
  weeks = await load('week', '1997-09-30');
  days = await load('day', '1997-09-30');
  const ginfo = await loadEvents(c, readGrocery());
  grocery = parseClvSummary(
    (await c.query(clvSummarySql({ calibrationEnd: null, unit: 'week', segment: null }, ginfo))),
    'week',
  );
  await c.close();
});

function subset(s: ClvSummary, keep: (i: number) => boolean): ClvSummary {
  const idx = Array.from(s.frequency, (_, i) => i).filter(keep);
  const pick = (a: Float64Array): Float64Array => Float64Array.from(idx.map((i) => a[i] ?? Number.NaN));
  return {
    unit: s.unit,
    calibrationEnd: s.calibrationEnd,
    customerIds: idList(idx.map((i) => idAt(s.customerIds, i))),
    frequency: pick(s.frequency),
    recency: pick(s.recency),
    T: pick(s.T),
    monetary: pick(s.monetary),
  };
}

describe('special functions', () => {
  it('lnGamma agrees with factorials, Γ(½) = √π and an independent Stirling series', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    for (const x of [1e-6, 0.01, 0.2426, 0.7929, 1.5, 3.3, 7.77, 42.5, 1234.5, 1e6]) {
      expect(Math.abs(lnGamma(x) - lnGammaStirling(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lnGammaStirling(x))));
    }
    expect(lnGamma(0)).toBeNaN();
  });

  it('hyp2f1 matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      // ₂F₁(1,1;2;z) = −ln(1−z)/z;  ₂F₁(a,b;b;z) = (1−z)^−a;  ₂F₁(½,½;3/2;z²) = arcsin(z)/z
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log1p(-z) / z, 11);
      expect(hyp2f1(0.37, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.37, 11);
      expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(z === 0 ? 1 : Math.asin(z) / z, 11);
    }
    // A terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
    expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(1 - (2 * 3 * 0.5) / 4 + (3 * 4 * 0.25) / (4 * 5), 14);
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock function', () => {
    const res = minimize(([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
  });
});

/**
 * BG/NBD individual likelihood computed independently of clv-model.ts: given λ and p,
 *   L(λ,p) = (1−p)^x λ^x e^(−λT) + 1{x>0} p (1−p)^(x−1) λ^x e^(−λ t_x),
 * averaged over λ ~ Gamma(r, α) and p ~ Beta(a, b) by quadrature. Returns the two
 * terms (alive / dropped out after the last purchase).
 */
function likelihoodTerms(q: BgNbdParams, x: number, tx: number, T: number): { alive: number; gone: number } {
  const upper = (t: number): number => (x + q.r + 80) / (q.alpha + t);
  const alive = betaMean((p) => (1 - p) ** x, q.a, q.b) * gammaMean((l) => l ** x * Math.exp(-l * T), q.r, q.alpha, upper(T));
  const gone =
    x > 0
      ? betaMean((p) => p * (1 - p) ** (x - 1), q.a, q.b) * gammaMean((l) => l ** x * Math.exp(-l * tx), q.r, q.alpha, upper(tx))
      : 0;
  return { alive, gone };
}

const POINTS: BgNbdParams[] = [PUBLISHED, { r: 0.5, alpha: 12, a: 0.4, b: 3.5 }, { r: 1, alpha: 2, a: 2.5, b: 2 }];

describe('BG/NBD', () => {
  it('log-likelihood equals an independent quadrature of the model at several parameter points', () => {
    const few = subset(weeks, (i) => i % 60 === 0 || (weeks.frequency[i] ?? 0) >= 15);
    expect(few.frequency.length).toBeGreaterThan(40);
    for (const q of POINTS) {
      let independent = 0;
      for (let i = 0; i < few.frequency.length; i++) {
        const t = likelihoodTerms(q, few.frequency[i] ?? 0, few.recency[i] ?? 0, few.T[i] ?? 0);
        const one = Math.log(t.alive + t.gone);
        expect(bgNbdLogLik(q, subset(few, (j) => j === i))).toBeCloseTo(one, 8);
        independent += one;
      }
      expect(bgNbdLogLik(q, few)).toBeCloseTo(independent, 6);
    }
  });

  it('reproduces the published fit on the CDNOW sample (weeks, 39-week calibration)', () => {
    const fit = fitBgNbd(weeks);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(2357);
    expectSignificant(fit.r, 0.2426);
    expectSignificant(fit.alpha, 4.4135);
    expectSignificant(fit.a, 0.7929);
    expectSignificant(fit.b, 2.4258);
    expect(fit.logLik).toBeCloseTo(-9582.43, 2);
    // The maximum: the log-likelihood at the (rounded) published point is no higher.
    expect(bgNbdLogLik(PUBLISHED, weeks)).toBeLessThanOrEqual(fit.logLik);
    expect(bgNbdLogLik(PUBLISHED, weeks)).toBeCloseTo(-9582.43, 1);
    // E[X(52)] for a new customer: 1.444 in the literature.
    expect(Math.abs(expectedPurchasesNew(fit, 52) - 1.444)).toBeLessThanOrEqual(0.0005);
  });

  it('is scale-free: fitting on days gives α × 7 and the same r, a, b', () => {
    const w = fitBgNbd(weeks);
    const d = fitBgNbd(days);
    expect(d.r / w.r).toBeCloseTo(1, 4);
    expect(d.a / w.a).toBeCloseTo(1, 4);
    expect(d.b / w.b).toBeCloseTo(1, 4);
    expect(d.alpha / w.alpha).toBeCloseTo(7, 3);
    // Densities of times in days are 1/7 of those in weeks per purchase: ln L_days = ln L_weeks − Σx·ln 7.
    const sx = weeks.frequency.reduce((s, x) => s + x, 0);
    expect(d.logLik).toBeCloseTo(w.logLik - sx * Math.log(7), 3);
    expect(expectedPurchasesNew(d, 364)).toBeCloseTo(expectedPurchasesNew(w, 52), 4);
  });

  it('P(alive): x = 0 gives 1; one customer worked by hand', () => {
    expect(probabilityAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
    /*
     * Sample customer 1: purchases 1997-01-01, 01-18, 08-02 → x = 2, t_x = 213/7, T = 272/7 weeks.
     *   P = 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
     *   a/(b+1) = 0.7929 / 3.4258 = 0.231450
     *   (α+T)/(α+t_x) = 43.27064 / 34.84207 = 1.241908;  ln = 0.216649;  × 2.2426 = 0.485857;  exp = 1.625567
     *   P = 1 / (1 + 0.231450 · 1.625567) = 1 / 1.376237 = 0.726619
     */
    expect(probabilityAlive(PUBLISHED, 2, 213 / 7, 272 / 7)).toBeCloseTo(0.726619, 5);
    // Equal to the share of the "alive" term in the independently integrated likelihood.
    for (const q of POINTS) {
      for (const [x, tx, T] of [[2, 30.43, 38.86], [1, 1.71, 38.86], [12, 20, 39], [25, 38, 38.5]] as const) {
        const t = likelihoodTerms(q, x, tx, T);
        expect(probabilityAlive(q, x, tx, T)).toBeCloseTo(t.alive / (t.alive + t.gone), 7);
      }
    }
  });

  it('E[Y(t) | x, t_x, T] equals an independent integral, including a = 1 and frequent buyers', () => {
    /*
     * Given alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x); a customer alive with (λ, p)
     * buys (1 − e^(−λpt))/p times on average in (T, T+t]. Averaging over λ in closed form:
     *   E[Y(t)] = P(alive) · E_p[(1 − ((α+T)/(α+T+pt))^(r+x)) / p].
     */
    const params = [...POINTS, { r: 0.3, alpha: 5, a: 1, b: 2.5 }, { r: 0.3, alpha: 5, a: 1 + 1e-9, b: 2.5 }];
    const cases = [
      [0, 0, 0, 52],
      [2, 30.43, 38.86, 52],
      [1, 1.71, 38.86, 52],
      [0, 0, 38.86, 52],
      [25, 35, 38, 52],
      [150, 70, 75, 500],
      [3, 1, 2, 5000],
    ] as const;
    for (const q of params) {
      for (const [x, tx, T, t] of cases) {
        const lt = likelihoodTerms(q, x, tx, T);
        const alive = lt.alive / (lt.alive + lt.gone);
        const limit0 = ((q.r + x) * t) / (q.alpha + T);
        const h = (p: number): number => (p === 0 ? limit0 : (1 - ((q.alpha + T) / (q.alpha + T + p * t)) ** (q.r + x)) / p);
        const independent = alive * betaMean(h, q.a, q.b + x);
        const got = expectedPurchases(q, t, x, tx, T);
        expect(Math.abs(got - independent), `${JSON.stringify(q)} ${[x, tx, T, t].join()}: ${got} vs ${independent}`).toBeLessThan(1e-6 * Math.max(1, independent));
      }
    }
    expect(expectedPurchases(PUBLISHED, 0, 2, 30, 38)).toBe(0);
  });

  it('needs repeat purchases', () => {
    const none = subset(weeks, (i) => weeks.frequency[i] === 0);
    expect(() => fitBgNbd(none)).toThrow(/repeat purchases/);
  });
});

describe('Gamma-Gamma', () => {
  it('log-likelihood equals an independent quadrature over the customer\'s rate ν', () => {
    const buyers = subset(weeks, (i) => (weeks.frequency[i] ?? 0) > 0 && i % 25 === 0);
    for (const g of [{ p: 6.25, q: 3.74, v: 15.44 }, { p: 1.5, q: 2.2, v: 40 }, { p: 12, q: 8, v: 3 }]) {
      let independent = 0;
      for (let i = 0; i < buyers.frequency.length; i++) {
        const x = buyers.frequency[i] ?? 0;
        const m = buyers.monetary[i] ?? 0;
        // m = mean of x values ~ Gamma(p, ν), so x·m ~ Gamma(px, ν); ν ~ Gamma(q, v).
        const k = g.p * x + g.q - 1;
        const c = x * m + g.v;
        const mode = k / c;
        const logKernel = (nu: number): number => (nu === 0 ? Number.NEGATIVE_INFINITY : k * Math.log(nu) - c * nu);
        const peak = logKernel(mode);
        const hi = mode + (60 * Math.sqrt(k + 1)) / c + 60 / c;
        const integral = simpson((nu) => Math.exp(logKernel(nu) - peak), 0, hi);
        independent +=
          Math.log(x) + (g.p * x - 1) * Math.log(x * m) - lnGammaStirling(g.p * x) + g.q * Math.log(g.v) - lnGammaStirling(g.q) + peak + Math.log(integral);
      }
      expect(Math.abs(gammaGammaLogLik(g, buyers) - independent)).toBeLessThan(1e-7 * Math.abs(independent));
    }
  });

  it('reproduces the published fit on the CDNOW sample (946 repeat buyers)', () => {
    const fit = fitGammaGamma(weeks);
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.n).toBe(946);
    expect(fit.converged).toBe(true);
    expectSignificant(fit.p, 6.25);
    expectSignificant(fit.q, 3.74);
    expectSignificant(fit.v, 15.44);
    expect(gammaGammaLogLik({ p: 6.25, q: 3.74, v: 15.44 }, weeks)).toBeLessThanOrEqual(fit.logLik);
  });

  it('conditional expected average value, worked by hand', () => {
    const g: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };
    // x = 2, m = 20: p(v + xm)/(px + q − 1) = 6.25 · 55.44 / 15.24 = 22.736220
    expect(expectedAverageValue(g, 2, 20)).toBeCloseTo(22.73622, 5);
    // No usable mean: the population mean pv/(q − 1) = 96.5 / 2.74 = 35.218978
    expect(expectedAverageValue(g, 0, Number.NaN)).toBeCloseTo(35.218978, 5);
    expect(expectedAverageValue(g, 3, -5)).toBeCloseTo(35.218978, 5);
    expect(expectedAverageValue({ p: 1, q: 1, v: 1 }, 2, 20)).toBeNaN();
  });

  it('is not fitted without amounts', () => {
    expect(fitGammaGamma(grocery)).toBeNull();
  });
});

describe('fitAll, predictions and the export', () => {
  it('fits both models, predicts per customer, and survives structured cloning', () => {
    const res = fitAll(weeks);
    expect(res.options).toEqual({ horizon: 52, monthlyDiscount: 0 });
    expect(res.newCustomerPurchases).toBeCloseTo(1.444, 3);
    expect(structuredClone(res)).toEqual(res);
    const i = idArray(weeks.customerIds).indexOf('1');
    const pc = res.perCustomer;
    expect(pc.pAlive[i]).toBeCloseTo(probabilityAlive(res.bgnbd, 2, 213 / 7, 272 / 7), 12);
    expect(pc.expectedPurchases[i]).toBeCloseTo(expectedPurchases(res.bgnbd, 52, 2, 213 / 7, 272 / 7), 12);
    if (!res.gg) throw new Error('Gamma-Gamma not fitted');
    const m = weeks.monetary[i] ?? Number.NaN;
    expect(pc.expectedValue[i]).toBeCloseTo(expectedAverageValue(res.gg, 2, m) * (pc.expectedPurchases[i] ?? 0), 10);
    // The model's expected repeat purchases over the next year, summed, are plausible against the
    // 39 weeks of the calibration period (1,459 repeat purchase days by 2,357 customers).
    const total = pc.expectedPurchases.reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(2500);
  });

  it('monthly discounting: one month is E[Y(month)]/(1+d); longer horizons are worth less discounted', () => {
    const bg = fitBgNbd(weeks);
    const gg = fitGammaGamma(weeks);
    const month = monthLength('week');
    expect(month).toBeCloseTo(365.25 / 12 / 7, 12);
    const one = predict(weeks, bg, gg, { horizon: month, monthlyDiscount: 0.01 });
    const flat = predict(weeks, bg, gg, { horizon: month, monthlyDiscount: 0 });
    for (const i of [0, 5, 17]) expect(one.expectedValue[i]).toBeCloseTo((flat.expectedValue[i] ?? 0) / 1.01, 10);
    const year = predict(weeks, bg, gg, { horizon: 52, monthlyDiscount: 0.01 });
    const yearFlat = predict(weeks, bg, gg, { horizon: 52, monthlyDiscount: 0 });
    for (const i of [0, 5, 17]) {
      const ratio = (year.expectedValue[i] ?? 0) / (yearFlat.expectedValue[i] ?? 1);
      expect(ratio).toBeLessThan(1 / 1.01);
      expect(ratio).toBeGreaterThan(1 / 1.01 ** 12);
    }
  });

  it('predictedClvCsv has the contract columns, then extras; null where a value is missing', () => {
    const res = fitAll(weeks);
    const csv = predictedClvCsv(weeks, res);
    expect(csv.columns.slice(0, 7)).toEqual(['customer_id', 'frequency', 'recency', 'T', 'p_alive', 'expected_purchases', 'expected_value']);
    expect(csv.columns.slice(7)).toEqual(['monetary_value', 'expected_average_value']);
    expect(csv.rows.length).toBe(2357);
    const i = idArray(weeks.customerIds).indexOf('1');
    expect(csv.rows[i]?.slice(0, 4)).toEqual(['1', 2, 213 / 7, 272 / 7]);
    expect(csv.rows[i]?.[4]).toBe(res.perCustomer.pAlive[i]);
    const noRepeat = weeks.frequency.findIndex((f) => f === 0);
    expect(csv.rows[noRepeat]?.[7]).toBeNull();
    expect(typeof csv.rows[noRepeat]?.[6]).toBe('number');

    const g = fitAll(grocery);
    expect(g.gg).toBeNull();
    const gcsv = predictedClvCsv(grocery, g);
    expect(gcsv.rows.every((r) => r[6] === null && typeof r[5] === 'number')).toBe(true);
  });
});
