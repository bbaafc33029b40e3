/**
 * Predicted customer lifetime value from the per-customer summary (clv-summary.ts):
 *  - BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
 *    while alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase
 *    they drop out with probability p ~ Beta(a, b).
 *  - Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013 note):
 *    a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, v) across
 *    customers; fitted on customers with repeat purchases, on the mean value of those.
 * Everything here is pure math on typed arrays: no DOM, no engine, so it runs in a
 * web worker and its inputs and outputs survive structured cloning.
 * docs/metrics.md (Predicted customer lifetime value) explains the models and the formulae.
 */
import { minimizeSmooth, type ValueAndGradient } from './bfgs';
import type { ClvSummary, ClvUnit } from './clv-summary';
import { idAt } from './id-list';
import type { CsvTable } from './types';

// ---------------------------------------------------------------- special functions

const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 607/128; about 1e-15 relative), NaN otherwise. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let y = x;
  const t = x + 5.2421875;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return (x + 0.5) * Math.log(t) - t + Math.log((2.5066282746310005 * ser) / x);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: shifted to x ≥ 10 by ψ(x) = ψ(x+1) − 1/x, then the asymptotic series (about 1e-15). */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let acc = 0;
  let y = x;
  for (; y < 10; y++) acc -= 1 / y;
  const f = 1 / (y * y);
  return acc + Math.log(y) - 0.5 / y - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/**
 * G(A, B1, C; z) = Σ_{k≥1} (A)_k (B1)_{k−1} z^k / ((C)_k k!), for 0 ≤ z < 1.
 * It is (₂F₁(A, B1−1; C; z) − 1) / (B1−1) without the division, so the caller
 * can take the limit B1 → 1 exactly. Summed until the remaining tail, bounded by
 * a geometric series, is below 1e-16 of the sum; NaN when that takes over 10⁶ terms.
 */
export function hypergeometricTail(A: number, B1: number, C: number, z: number): number {
  if (z === 0) return 0;
  let term = (A * z) / C;
  let sum = term;
  for (let k = 1; k < 1_000_000; k++) {
    if (term === 0) return sum;
    const ratio = ((A + k) * (B1 + k - 1) * z) / ((C + k) * (k + 1));
    term *= ratio;
    sum += term;
    // Ratios tend to z, eventually monotonically (in practice once k is past |A| + |B1|); from there on later ratios are at most
    // max(|ratio|, z), so the tail is below |term|·bound/(1 − bound).
    const bound = Math.max(Math.abs(ratio), z);
    if (bound < 1 && k > Math.abs(A) + Math.abs(B1) && (Math.abs(term) * bound) / (1 - bound) <= 1e-16 * Math.abs(sum)) {
      return sum;
    }
  }
  return Number.NaN;
}

/** Gaussian hypergeometric ₂F₁(A, B; C; z) for 0 ≤ z < 1 by its power series. */
export function hyp2f1(A: number, B: number, C: number, z: number): number {
  return 1 + B * hypergeometricTail(A, B + 1, C, z);
}

// ---------------------------------------------------------------- BG/NBD

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLik: number;
  /** Customers fitted on. */
  n: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Customers with identical (x, t_x, T) share one likelihood term, and x, t_x and T
 * each take few distinct values (whole days), so the log-gamma and log terms are
 * computed once per distinct value and looked up: the fit's inner loop then costs
 * one exp and one log1p per group.
 */
interface RfmGroups {
  weight: Float64Array;
  /** Per distinct x: the customers with that x (the terms that depend on x alone are summed with it). */
  xWeight: Float64Array;
  /** Per group: index into xs, txs, Ts. */
  xi: Int32Array;
  txi: Int32Array;
  Ti: Int32Array;
  xs: Float64Array;
  txs: Float64Array;
  Ts: Float64Array;
  customers: number;
}

type Rfm = Pick<ClvSummary, 'frequency' | 'recency' | 'T'>;

/** Distinct values of a column and, per row, the index of its value. */
function distinct(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const pos = new Map<number, number>();
  const out: number[] = [];
  const index = new Int32Array(values.length);
  values.forEach((v, i) => {
    let j = pos.get(v);
    if (j === undefined) {
      j = out.length;
      pos.set(v, j);
      out.push(v);
    }
    index[i] = j;
  });
  return { values: Float64Array.from(out), index };
}

function groupRfm(s: Rfm): RfmGroups {
  const x = distinct(s.frequency);
  const tx = distinct(s.recency);
  const T = distinct(s.T);
  const at = new Map<number, number>();
  const keys: number[] = [];
  const ws: number[] = [];
  const nx = x.values.length;
  const ntx = tx.values.length;
  for (let i = 0; i < s.frequency.length; i++) {
    const key = ((T.index[i] ?? 0) * ntx + (tx.index[i] ?? 0)) * nx + (x.index[i] ?? 0);
    const g = at.get(key);
    if (g === undefined) {
      at.set(key, keys.length);
      keys.push(key);
      ws.push(1);
    } else ws[g] = (ws[g] ?? 0) + 1;
  }
  const xWeight = new Float64Array(nx);
  for (let i = 0; i < s.frequency.length; i++) {
    const j = x.index[i] ?? 0;
    xWeight[j] = (xWeight[j] ?? 0) + 1;
  }
  return {
    weight: Float64Array.from(ws),
    xWeight,
    xi: Int32Array.from(keys, (k) => k % nx),
    txi: Int32Array.from(keys, (k) => Math.floor(k / nx) % ntx),
    Ti: Int32Array.from(keys, (k) => Math.floor(k / (nx * ntx))),
    xs: x.values,
    txs: tx.values,
    Ts: T.values,
    customers: s.frequency.length,
  };
}

function logOfShifted(shift: number, values: Float64Array): Float64Array {
  return values.map((v) => Math.log(shift + v));
}

/**
 * BG/NBD log-likelihood (FHL 2005 eq. 6), in logs:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * the last sum taken with log-add-exp so that neither power underflows; and its gradient with
 * respect to (ln r, ln α, ln a, ln b), for the fit. With w the share of the second term in the sum:
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+t_x)
 *   ∂/∂α = r/α − (r+x) · ((1−w)/(α+T) + w/(α+t_x))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a
 *   ∂/∂b = ψ(b+x) − ψ(a+b+x) + ψ(a+b) − ψ(b) − w/(b+x−1)
 */
function groupedLogLik(p: BgNbdParams, g: RfmGroups): { ll: number; grad: number[] } {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { ll: Number.NaN, grad: [Number.NaN, Number.NaN, Number.NaN, Number.NaN] };
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  const nx = g.xs.length;
  const goneX = new Float64Array(nx);
  const invGone = new Float64Array(nx);
  for (let j = 0; j < nx; j++) {
    const x = g.xs[j] ?? 0;
    const w = g.xWeight[j] ?? 0;
    const abx = digamma(a + b + x);
    ll += w * (lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x));
    dr += w * digamma(r + x);
    da -= w * abx;
    db += w * (digamma(b + x) - abx);
    goneX[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    invGone[j] = x > 0 ? 1 / (b + x - 1) : 0;
  }
  const lnT = logOfShifted(alpha, g.Ts);
  const lnTx = logOfShifted(alpha, g.txs);
  const invT = g.Ts.map((v) => 1 / (alpha + v));
  const invTx = g.txs.map((v) => 1 / (alpha + v));
  let sumW = 0;
  for (let i = 0; i < g.weight.length; i++) {
    const j = g.xi[i] ?? 0;
    const ti = g.Ti[i] ?? 0;
    const si = g.txi[i] ?? 0;
    const weight = g.weight[i] ?? 0;
    const rx = r + (g.xs[j] ?? 0);
    const stay = -rx * (lnT[ti] ?? 0);
    const gone = (goneX[j] ?? 0) - rx * (lnTx[si] ?? 0);
    let sum = stay;
    let w = 0;
    if (gone !== Number.NEGATIVE_INFINITY) {
      const hi = Math.max(stay, gone);
      const e = Math.exp(Math.min(stay, gone) - hi);
      sum = hi + Math.log1p(e);
      w = stay >= gone ? e / (1 + e) : 1 / (1 + e);
    }
    ll += weight * sum;
    dr -= weight * ((1 - w) * (lnT[ti] ?? 0) + w * (lnTx[si] ?? 0));
    dAlpha -= weight * rx * ((1 - w) * (invT[ti] ?? 0) + w * (invTx[si] ?? 0));
    sumW += weight * w;
    db -= weight * w * (invGone[j] ?? 0);
  }
  const n = g.customers;
  ll += n * (-lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b));
  dr += n * (Math.log(alpha) - digamma(r));
  dAlpha += (n * r) / alpha;
  da += sumW / a + n * digamma(a + b);
  db += n * (digamma(a + b) - digamma(b));
  return { ll, grad: [r * dr, alpha * dAlpha, a * da, b * db] };
}

/** The objective of a fit on log-parameters: the negative log-likelihood and its gradient. */
function negated(v: { ll: number; grad: number[] }): ValueAndGradient {
  return { f: -v.ll, g: v.grad.map((x) => -x) };
}

export function bgNbdLogLik(p: BgNbdParams, s: Rfm): number {
  return groupedLogLik(p, groupRfm(s)).ll;
}

/** The gradient of bgNbdLogLik with respect to (ln r, ln α, ln a, ln b). */
export function bgNbdLogLikGradient(p: BgNbdParams, s: Rfm): number[] {
  return groupedLogLik(p, groupRfm(s)).grad;
}

/** Maximum likelihood on log-parameters. Throws when nobody made a repeat purchase (the model is then not identified). */
export function fitBgNbd(s: Rfm): BgNbdFit {
  const n = s.frequency.length;
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < n; i++) {
    sx += s.frequency[i] ?? 0;
    sT += s.T[i] ?? 0;
  }
  if (n === 0 || sx === 0) throw new Error('BG/NBD needs customers with repeat purchases in the calibration period');
  const g = groupRfm(s);
  const params = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0] ?? 0),
    alpha: Math.exp(v[1] ?? 0),
    a: Math.exp(v[2] ?? 0),
    b: Math.exp(v[3] ?? 0),
  });
  // Start at r = 1 and α giving the observed purchase rate, a = b = 1 (mean drop-out ½): scale-free, so days and weeks start alike.
  const start = [0, Math.log(Math.max(sT, 1e-9) / sx), 0, 0];
  const res = minimizeSmooth((v) => negated(groupedLogLik(params(v), g)), start);
  return { ...params(res.x), logLik: -res.fx, n, evaluations: res.evaluations, converged: res.converged };
}

/** P(alive | x, t_x, T) (FHL 2005 eq. 13); 1 for x = 0, as nobody drops out before a repeat purchase. */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] (FHL 2005 eq. 10)
 *   = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive),  z = t/(α+T+t).
 * Euler's transformation ₂F₁(α₁,β₁;γ;z) = (1−z)^(γ−α₁−β₁) ₂F₁(γ−α₁, γ−β₁; γ; z) turns the bracket into
 *   1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)
 * whose series has small, quickly decreasing terms for any x (the original one
 * grows like k^(r+x−a) before it decays, overflowing for frequent buyers),
 * and whose second parameter a−1 lets the removable singularity at a = 1 be
 * taken exactly: with ε = a−1, L = ln(1−z), G = hypergeometricTail(a+b−1−r, a, a+b+x−1; z),
 *   bracket / ε = −expm1(εL)/ε − e^(εL) G.
 */
export function expectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t > 0)) return 0;
  return purchasesIfAlive(p, t, x, T) * probabilityAlive(p, x, tx, T);
}

/**
 * The Euler-transformed series needs more than |A| + |B1| terms before its stop rule
 * applies; past this (a fit with a and b in the hundreds of thousands: a drop-out
 * probability that hardly varies between customers) it would run out of terms.
 */
const EULER_TERMS = 10_000;

/**
 * E[Y(t) | x, t_x, T] / P(alive): it does not depend on t_x, so customers sharing (x, T)
 * share it. For a large a (see EULER_TERMS) the untransformed series is used: its terms
 * then shrink by about z·b/(a+b) each from the first.
 */
function purchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const L = Math.log(alpha + T) - Math.log(alpha + T + t);
  if (Math.abs(a + b - 1 - r) + Math.abs(a) >= EULER_TERMS) {
    const bracket = -Math.expm1((r + x) * L + Math.log(hyp2f1Bounded(r + x, b + x, a + b + x - 1, z)));
    return ((a + b + x - 1) / (a - 1)) * bracket;
  }
  const eps = a - 1;
  const head = Math.abs(eps * L) < 1e-10 ? L * (1 + (eps * L) / 2) : Math.expm1(eps * L) / eps;
  const tail = hypergeometricTail(a + b - 1 - r, a, a + b + x - 1, z);
  return (a + b + x - 1) * (-head - Math.exp(eps * L) * tail);
}

/**
 * ₂F₁(A, B; C; z) for A, B, C > 0 and 0 ≤ z < 1, stopping as soon as a bound on the rest
 * allows: from term k on, every ratio is at most z·max(1, (A+k)/(k+1))·max(1, (B+k)/(C+k)),
 * as both factors move monotonically towards 1.
 */
function hyp2f1Bounded(A: number, B: number, C: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 1_000_000; k++) {
    term *= ((A + k) * (B + k) * z) / ((C + k) * (k + 1));
    sum += term;
    const bound = z * Math.max(1, (A + k + 1) / (k + 2)) * Math.max(1, (B + k + 1) / (C + k + 1));
    if (bound < 1 && (term * bound) / (1 - bound) <= 1e-16 * sum) return sum;
  }
  return Number.NaN;
}

/** E[X(t)]: expected purchases of a newly acquired customer in t periods after the first (FHL 2005 eq. 9): the x = t_x = T = 0 case. */
export function expectedPurchasesNew(p: BgNbdParams, t: number): number {
  return expectedPurchases(p, t, 0, 0, 0);
}

// ---------------------------------------------------------------- Gamma-Gamma

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLik: number;
  /** Customers fitted on: x > 0 and a positive mean repeat value. */
  n: number;
  evaluations: number;
  converged: boolean;
}

/** Fewer repeat buyers than this and the spend model is not fitted (expected values are then null). */
export const MIN_GAMMA_GAMMA_CUSTOMERS = 10;

type Spend = Pick<ClvSummary, 'frequency' | 'monetary'>;

function usableSpend(x: number, m: number): boolean {
  return x > 0 && Number.isFinite(m) && m > 0;
}

/** The usable customers' columns, with ln m and x·m computed once for the whole fit. */
interface SpendData {
  /** Per customer: index into xs. */
  xi: Int32Array;
  lnM: Float64Array;
  xm: Float64Array;
  xs: Float64Array;
  meanM: number;
}

function prepareSpend(s: Spend): SpendData {
  const keep: number[] = [];
  for (let i = 0; i < s.frequency.length; i++) if (usableSpend(s.frequency[i] ?? 0, s.monetary[i] ?? Number.NaN)) keep.push(i);
  const x = distinct(Float64Array.from(keep, (i) => s.frequency[i] ?? 0));
  const m = Float64Array.from(keep, (i) => s.monetary[i] ?? 0);
  return {
    xi: x.index,
    lnM: m.map(Math.log),
    xm: m.map((v, k) => v * (x.values[x.index[k] ?? 0] ?? 0)),
    xs: x.values,
    meanM: m.reduce((a, v) => a + v, 0) / Math.max(1, m.length),
  };
}

/**
 * Gamma-Gamma log-likelihood of the mean repeat value m of x > 0 transactions,
 * lifetimes' form (density of m, so fits and log-likelihoods compare with it):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm + v);
 * and its gradient with respect to (ln p, ln q, ln v):
 *   ∂/∂p = x (ψ(px+q) − ψ(px) + ln x + ln m − ln(xm + v))
 *   ∂/∂q = ψ(px+q) − ψ(q) + ln v − ln(xm + v)
 *   ∂/∂v = q/v − (px+q)/(xm + v)
 */
function spendLogLik(g: GammaGammaParams, d: SpendData): { ll: number; grad: number[] } {
  const { p, q, v } = g;
  if (!(p > 0 && q > 0 && v > 0)) return { ll: Number.NaN, grad: [Number.NaN, Number.NaN, Number.NaN] };
  const perX = d.xs.map((x) => lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x));
  const dpX = d.xs.map((x) => x * (digamma(p * x + q) - digamma(p * x) + Math.log(x)));
  const dqX = d.xs.map((x) => digamma(p * x + q));
  let ll = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  for (let i = 0; i < d.xi.length; i++) {
    const j = d.xi[i] ?? 0;
    const x = d.xs[j] ?? 0;
    const px = p * x;
    const lnM = d.lnM[i] ?? 0;
    const denom = (d.xm[i] ?? 0) + v;
    const lnDenom = Math.log(denom);
    ll += (perX[j] ?? 0) + (px - 1) * lnM - (px + q) * lnDenom;
    dp += (dpX[j] ?? 0) + x * (lnM - lnDenom);
    dq += (dqX[j] ?? 0) - lnDenom;
    dv -= (px + q) / denom;
  }
  const n = d.xi.length;
  ll += n * (q * Math.log(v) - lnGamma(q));
  dq += n * (Math.log(v) - digamma(q));
  dv += (n * q) / v;
  return { ll, grad: [p * dp, q * dq, v * dv] };
}

/** Over customers with x > 0 and a positive mean repeat value; the others are skipped. */
export function gammaGammaLogLik(g: GammaGammaParams, s: Spend): number {
  return spendLogLik(g, prepareSpend(s)).ll;
}

/** The gradient of gammaGammaLogLik with respect to (ln p, ln q, ln v). */
export function gammaGammaLogLikGradient(g: GammaGammaParams, s: Spend): number[] {
  return spendLogLik(g, prepareSpend(s)).grad;
}

/** Maximum likelihood on log-parameters; null when fewer than MIN_GAMMA_GAMMA_CUSTOMERS repeat buyers have a positive mean value. */
export function fitGammaGamma(s: Spend): GammaGammaFit | null {
  const d = prepareSpend(s);
  const n = d.xi.length;
  if (n < MIN_GAMMA_GAMMA_CUSTOMERS) return null;
  const params = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0] ?? 0), q: Math.exp(w[1] ?? 0), v: Math.exp(w[2] ?? 0) });
  // p = 1, q = 2, v = mean value: the prior mean pv/(q−1) then equals the observed mean, in the data's own currency scale.
  const res = minimizeSmooth((w) => negated(spendLogLik(params(w), d)), [0, Math.log(2), Math.log(d.meanM)]);
  return { ...params(res.x), logLik: -res.fx, n, evaluations: res.evaluations, converged: res.converged };
}

/**
 * E[M | p, q, v, x, m] = (q−1)/(px+q−1) · pv/(q−1) + px/(px+q−1) · m  =  p(v + xm)/(px+q−1):
 * a weighted mean of the population mean pv/(q−1) and the customer's own mean.
 * Customers without a usable mean (no repeat purchase, or a net refund) get the population mean.
 * NaN when q ≤ 1 (the population mean is then infinite).
 */
export function expectedAverageValue(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = g;
  if (!(q > 1)) return Number.NaN;
  return usableSpend(x, m) ? (p * (v + x * m)) / (p * x + q - 1) : (p * v) / (q - 1);
}

// ---------------------------------------------------------------- predictions

export interface ClvPredictOptions {
  /** Prediction horizon in the summary's unit (weeks or days). */
  horizon: number;
  /** Discount rate per month (0.01 = 1 %); 0 = no discounting. */
  monthlyDiscount: number;
}

/** One year: 52 weeks (the literature's horizon) or 365 days. */
export function defaultPredictOptions(unit: ClvUnit): ClvPredictOptions {
  return { horizon: unit === 'week' ? 52 : 365, monthlyDiscount: 0 };
}

/** A month in the summary's unit: 365.25/12 days. */
export function monthLength(unit: ClvUnit): number {
  return 365.25 / 12 / (unit === 'week' ? 7 : 1);
}

export interface ClvPerCustomer {
  pAlive: Float64Array;
  /** E[Y(horizon) | x, t_x, T], undiscounted. */
  expectedPurchases: Float64Array;
  /** Gamma-Gamma E[M | x, m]; NaN without a spend model. */
  expectedAverageValue: Float64Array;
  /** Expected (discounted) revenue over the horizon; NaN without a spend model. */
  expectedValue: Float64Array;
}

/**
 * Expected purchases over (T, T+h], each month's share discounted by (1+d)^month:
 * Σ_i (E[Y(t_i)] − E[Y(t_{i−1})]) / (1+d)^i with t_i = min(i·month, h), as lifetimes'
 * customer_lifetime_value does. Without discounting it is simply E[Y(h)].
 */
function discountedPurchases(bg: BgNbdParams, o: ClvPredictOptions, month: number, x: number, tx: number, T: number): number {
  if (o.monthlyDiscount === 0) return expectedPurchases(bg, o.horizon, x, tx, T);
  let prev = 0;
  let total = 0;
  for (let i = 1; (i - 1) * month < o.horizon; i++) {
    const e = expectedPurchases(bg, Math.min(i * month, o.horizon), x, tx, T);
    total += (e - prev) / (1 + o.monthlyDiscount) ** i;
    prev = e;
  }
  return total;
}

/** What the fit reads: the numeric columns, not the customer ids (which stay on the page). */
export type FitInput = Omit<ClvSummary, 'customerIds'>;

export function predict(s: FitInput, bg: BgNbdParams, gg: GammaGammaParams | null, o: ClvPredictOptions): ClvPerCustomer {
  const k = s.frequency.length;
  const out: ClvPerCustomer = {
    pAlive: new Float64Array(k),
    expectedPurchases: new Float64Array(k),
    expectedAverageValue: new Float64Array(k).fill(Number.NaN),
    expectedValue: new Float64Array(k).fill(Number.NaN),
  };
  const month = monthLength(s.unit);
  // Many customers share (x, t_x, T) (whole days), and the series behind E[Y] is the costly part;
  // that series depends on (x, T) only, so it is kept per (x, T).
  const memo = new Map<string, [number, number, number]>();
  const ifAlive = new Map<string, number>();
  for (let i = 0; i < k; i++) {
    const x = s.frequency[i] ?? 0;
    const tx = s.recency[i] ?? 0;
    const T = s.T[i] ?? 0;
    const key = `${x}|${tx}|${T}`;
    let m = memo.get(key);
    if (!m) {
      let e = ifAlive.get(`${x}|${T}`);
      if (e === undefined) {
        e = o.horizon > 0 ? purchasesIfAlive(bg, o.horizon, x, T) : 0;
        ifAlive.set(`${x}|${T}`, e);
      }
      const ey = o.horizon > 0 ? e * probabilityAlive(bg, x, tx, T) : 0;
      const discounted = gg && o.monthlyDiscount !== 0 ? discountedPurchases(bg, o, month, x, tx, T) : ey;
      m = [probabilityAlive(bg, x, tx, T), ey, discounted];
      memo.set(key, m);
    }
    out.pAlive[i] = m[0];
    out.expectedPurchases[i] = m[1];
    if (!gg) continue;
    const value = expectedAverageValue(gg, x, s.monetary[i] ?? Number.NaN);
    out.expectedAverageValue[i] = value;
    out.expectedValue[i] = value * m[2];
  }
  return out;
}

export interface ClvFitResult {
  unit: ClvUnit;
  options: ClvPredictOptions;
  bgnbd: BgNbdFit;
  gg: GammaGammaFit | null;
  /** E[X(horizon)] for a newly acquired customer. */
  newCustomerPurchases: number;
  perCustomer: ClvPerCustomer;
}

/** Everything the worker does: both fits and the per-customer predictions. Throws when BG/NBD cannot be fitted. */
export function fitAll(s: FitInput, options: Partial<ClvPredictOptions> = {}): ClvFitResult {
  const o = { ...defaultPredictOptions(s.unit), ...options };
  const bgnbd = fitBgNbd(s);
  const gg = fitGammaGamma(s);
  return {
    unit: s.unit,
    options: o,
    bgnbd,
    gg,
    newCustomerPurchases: expectedPurchasesNew(bgnbd, o.horizon),
    perCustomer: predict(s, bgnbd, gg, o),
  };
}

function cell(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** The predicted-CLV export: one row per customer, model outputs unrounded, null where not available. */
export function predictedClvCsv(s: ClvSummary, fit: Pick<ClvFitResult, 'perCustomer'>): CsvTable {
  const c = fit.perCustomer;
  return {
    columns: [
      'customer_id',
      'frequency',
      'recency',
      'T',
      'p_alive',
      'expected_purchases',
      'expected_value',
      'monetary_value',
      'expected_average_value',
    ],
    rows: Array.from(s.frequency, (_, i) => [
      idAt(s.customerIds, i),
      cell(s.frequency[i]),
      cell(s.recency[i]),
      cell(s.T[i]),
      cell(c.pAlive[i]),
      cell(c.expectedPurchases[i]),
      cell(c.expectedValue[i]),
      cell(s.monetary[i]),
      cell(c.expectedAverageValue[i]),
    ]),
  };
}
