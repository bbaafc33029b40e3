/**
 * The CLV fits run BFGS on analytic gradients (bfgs.ts). Checked here: ψ against known values,
 * each gradient against central differences of its log-likelihood, and each fit against a
 * Nelder–Mead search of the same likelihood, which uses values only (an independent optimizer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import {
  type BgNbdParams,
  type GammaGammaParams,
  bgNbdLogLik,
  bgNbdLogLikGradient,
  digamma,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLik,
  gammaGammaLogLikGradient,
  lnGamma,
} from '../../src/metrics/clv-model';
import { type ClvSummary, clvSummarySql, parseClvSummary } from '../../src/metrics/clv-summary';
import { minimizeSmooth } from '../../src/metrics/bfgs';
import { minimize } from '../helpers/nelder-mead';
import { loadEvents, readCdnowSample, readGrocery } from '../helpers/clv-data';

const EULER_GAMMA = 0.5772156649015329;

let weeks: ClvSummary;
let grocery: ClvSummary;
beforeAll(async () => {
  const c = await createNodeConnector();
  const info = await loadEvents(c, readCdnowSample());
  weeks = parseClvSummary(await c.query(clvSummarySql({ calibrationEnd: '1997-09-30', unit: 'week', segment: null }, info)), 'week');
  const ginfo = await loadEvents(c, readGrocery());
  grocery = parseClvSummary(await c.query(clvSummarySql({ calibrationEnd: null, unit: 'day', segment: null }, ginfo)), 'day');
  await c.close();
});

function halfOf(s: ClvSummary): ClvSummary {
  const even = (a: Float64Array): Float64Array => a.filter((_, i) => i % 2 === 0);
  return { ...s, frequency: even(s.frequency), recency: even(s.recency), T: even(s.T), monetary: even(s.monetary) };
}

/** Central differences on log-parameters, step h. */
function numericGradient(f: (v: number[]) => number, at: number[], h = 1e-5): number[] {
  return at.map((_, i) => {
    const up = at.slice();
    const down = at.slice();
    up[i] = (up[i] ?? 0) + h;
    down[i] = (down[i] ?? 0) - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

const bg = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0] ?? 0), alpha: Math.exp(v[1] ?? 0), a: Math.exp(v[2] ?? 0), b: Math.exp(v[3] ?? 0) });
const gg = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0] ?? 0), q: Math.exp(v[1] ?? 0), v: Math.exp(v[2] ?? 0) });
const logs = (...xs: number[]): number[] => xs.map(Math.log);

function expectClose(actual: number[], expected: number[], relative: number): void {
  const scale = Math.max(1, ...expected.map(Math.abs));
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] ?? 0))).toBeLessThanOrEqual(relative * scale));
}

describe('digamma', () => {
  it('matches ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, the recurrence and the slope of ln Γ', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 12);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 12);
    for (const x of [0.01, 0.3, 1.7, 9.99, 10, 42.5, 1e4]) {
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 10);
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((lnGamma(x + h) - lnGamma(x - h)) / (2 * h), 5);
    }
    expect(digamma(0)).toBeNaN();
  });
});

describe('gradients of the log-likelihoods', () => {
  it('BG/NBD: equals central differences at several points, with and without one-time buyers', () => {
    const points = [logs(0.2426, 4.4135, 0.7929, 2.4258), logs(0.5, 12, 0.4, 3.5), logs(1, 2, 2.5, 2), logs(3, 0.5, 0.05, 40)];
    for (const s of [weeks, grocery]) {
      for (const p of points) {
        const want = numericGradient((v) => bgNbdLogLik(bg(v), s), p);
        expectClose(bgNbdLogLikGradient(bg(p), s), want, 1e-6);
      }
    }
  });

  it('Gamma-Gamma: equals central differences at several points', () => {
    const points = [logs(6.25, 3.74, 15.44), logs(1.5, 2.2, 40), logs(12, 8, 3), logs(0.3, 1.1, 500)];
    for (const s of [weeks, halfOf(weeks)]) {
      for (const p of points) {
        const want = numericGradient((v) => gammaGammaLogLik(gg(v), s), p);
        expectClose(gammaGammaLogLikGradient(gg(p), s), want, 1e-6);
      }
    }
  });
});

describe('fits by BFGS', () => {
  it('BFGS finds the minimum of the Rosenbrock function from the textbook start', () => {
    const res = minimizeSmooth(([x = 0, y = 0]) => ({
      f: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      g: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    }), [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
    expect(res.evaluations).toBeLessThan(200);
  });

  it('reports a start where the objective is not finite as not converged', () => {
    const res = minimizeSmooth(() => ({ f: Number.NaN, g: [0] }), [1]);
    expect(res.converged).toBe(false);
  });

  it('BG/NBD: the same maximum as Nelder–Mead, in a tenth of the evaluations', () => {
    for (const s of [weeks, grocery]) {
      const fit = fitBgNbd(s);
      let sx = 0;
      let sT = 0;
      s.frequency.forEach((x, i) => ((sx += x), (sT += s.T[i] ?? 0)));
      const nm = minimize((v) => -bgNbdLogLik(bg(v), s), [0, Math.log(sT / sx), 0, 0]);
      expect(fit.converged).toBe(true);
      expect(fit.logLik).toBeGreaterThanOrEqual(-nm.fx - 1e-9 * Math.abs(nm.fx));
      expectClose(logs(fit.r, fit.alpha, fit.a, fit.b), nm.x, 1e-4);
      expect(fit.evaluations * 5).toBeLessThan(nm.evaluations);
    }
  });

  it('Gamma-Gamma: the same maximum as Nelder–Mead', () => {
    // The grocery export has no amounts; the second set is every other CDNOW customer.
    for (const s of [weeks, halfOf(weeks)]) {
      const fit = fitGammaGamma(s);
      expect(fit).not.toBeNull();
      if (!fit) return;
      let sum = 0;
      let n = 0;
      s.frequency.forEach((x, i) => {
        const m = s.monetary[i] ?? Number.NaN;
        if (x > 0 && m > 0) ((sum += m), n++);
      });
      const nm = minimize((v) => -gammaGammaLogLik(gg(v), s), [0, Math.log(2), Math.log(sum / n)]);
      expect(fit.converged).toBe(true);
      expect(fit.logLik).toBeGreaterThanOrEqual(-nm.fx - 1e-9 * Math.abs(nm.fx));
      expectClose(logs(fit.p, fit.q, fit.v), nm.x, 1e-4);
    }
  });
});
