/**
 * Independent numerics for checking the CLV model: plain quadrature and a
 * Stirling-series log-gamma, written without reusing anything from clv-model.ts.
 */

/** Composite Simpson rule with n (even) intervals. */
export function simpson(f: (u: number) => number, lo: number, hi: number, n = 20_000): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** ln Γ(x) by upward recursion to x ≥ 15, then the Stirling series. */
export function lnGammaStirling(x: number): number {
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const x2 = x * x;
  const series = 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2) - 1 / (1680 * x * x2 * x2 * x2);
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/**
 * E[g(λ)] for λ ~ Gamma(shape r, rate α), by quadrature after λ = s^(1/r) when r ≤ 1.5
 * (which removes the λ^(r−1) singularity or kink at 0; beyond, λ^(r−1) is smooth enough). `upper` bounds λ for g·density;
 * the normalising integral gets its own range.
 */
export function gammaMean(g: (lambda: number) => number, r: number, alpha: number, upper: number): number {
  const power = r <= 1.5 ? 1 / r : 1;
  const lambdaOf = (s: number): number => s ** power;
  // λ^(r−1) dλ = power · s^(power·r − 1) ds, which is constant when power = 1/r.
  const weight = (s: number): number => {
    const l = lambdaOf(s);
    return (power === 1 ? l ** (r - 1) : 1) * Math.exp(-alpha * l);
  };
  const num = simpson((s) => g(lambdaOf(s)) * weight(s), 0, upper ** (1 / power));
  const den = simpson(weight, 0, ((r + 80) / alpha) ** (1 / power));
  return num / den;
}

/** E[h(p)] for p ~ Beta(a, b), b ≥ 1, by quadrature (after p = u^(1/a) when a ≤ 1.5, for the same reason). */
export function betaMean(h: (p: number) => number, a: number, b: number): number {
  const power = a <= 1.5 ? 1 / a : 1;
  const weight = (u: number): number => {
    const p = u ** power;
    return (power === 1 ? p ** (a - 1) : 1) * (1 - p) ** (b - 1);
  };
  const num = simpson((u) => h(u ** power) * weight(u), 0, 1);
  const den = simpson(weight, 0, 1);
  return num / den;
}
