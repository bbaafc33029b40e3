/**
 * Nelder–Mead simplex minimisation: derivative-free, a few dozen lines, and plenty
 * for the 3–4 parameter likelihoods of the CLV models (fitted on log-parameters,
 * so the search space is unbounded). The app fits by BFGS on analytic gradients
 * (src/metrics/bfgs.ts); this search uses values only, so tests use it as an
 * independent check that a fit found the maximum. Non-finite objective values count as +∞,
 * which keeps the simplex away from overflowing corners.
 *
 * The simplex is restarted around the best point until a restart no longer
 * improves the value: a single run can stall on a false convergence, a restart
 * with a fresh simplex is the standard cure.
 */

export interface MinimizeOptions {
  /** Stop when the spread of values across the simplex is below ftol·(|f|+ftol). */
  ftol: number;
  /** … and every vertex is within xtol of the best one (max norm). */
  xtol: number;
  /** Side of the initial simplex. */
  step: number;
  maxEvaluations: number;
  maxRestarts: number;
}

export const DEFAULT_MINIMIZE_OPTIONS: MinimizeOptions = {
  ftol: 1e-12,
  xtol: 1e-7,
  step: 0.5,
  maxEvaluations: 20_000,
  maxRestarts: 8,
};

export interface MinimizeResult {
  x: number[];
  fx: number;
  evaluations: number;
  restarts: number;
  converged: boolean;
}

type Objective = (x: number[]) => number;

function safe(f: Objective): Objective {
  return (x) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
}

interface Run {
  x: number[];
  fx: number;
  evaluations: number;
  converged: boolean;
}

/** Standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½. */
function simplexRun(f: Objective, x0: number[], o: MinimizeOptions, budget: number): Run {
  const dim = x0.length;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < dim; i++) {
    const p = x0.slice();
    p[i] = (p[i] ?? 0) + o.step;
    pts.push(p);
  }
  const vals = pts.map(f);
  let evaluations = pts.length;
  const at = (i: number): number[] => pts[i] as number[];
  const val = (i: number): number => vals[i] as number;

  while (evaluations < budget) {
    const order = pts.map((_, i) => i).sort((i, j) => val(i) - val(j));
    const sortedPts = order.map(at);
    const sortedVals = order.map(val);
    pts.splice(0, pts.length, ...sortedPts);
    vals.splice(0, vals.length, ...sortedVals);
    const best = val(0);
    const worst = val(dim);
    const spread = Math.max(...pts.slice(1).map((p) => Math.max(...p.map((v, k) => Math.abs(v - (at(0)[k] ?? 0))))));
    if (Math.abs(worst - best) <= o.ftol * (Math.abs(best) + o.ftol) && spread <= o.xtol) {
      return { x: at(0), fx: best, evaluations, converged: true };
    }
    const centroid = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) centroid[k] = (centroid[k] ?? 0) + (at(i)[k] ?? 0) / dim;
    const along = (t: number): number[] => centroid.map((c, k) => c + t * ((at(dim)[k] ?? 0) - c));

    const xr = along(-1);
    const fr = f(xr);
    evaluations++;
    if (fr < best) {
      const xe = along(-2);
      const fe = f(xe);
      evaluations++;
      pts[dim] = fe < fr ? xe : xr;
      vals[dim] = Math.min(fe, fr);
      continue;
    }
    if (fr < val(dim - 1)) {
      pts[dim] = xr;
      vals[dim] = fr;
      continue;
    }
    const outside = fr < worst;
    const xc = along(outside ? -0.5 : 0.5);
    const fc = f(xc);
    evaluations++;
    if (fc < (outside ? fr : worst)) {
      pts[dim] = xc;
      vals[dim] = fc;
      continue;
    }
    for (let i = 1; i <= dim; i++) {
      pts[i] = at(i).map((v, k) => (at(0)[k] ?? 0) + 0.5 * (v - (at(0)[k] ?? 0)));
      vals[i] = f(at(i));
      evaluations++;
    }
  }
  const bestIdx = vals.indexOf(Math.min(...vals));
  return { x: at(bestIdx), fx: val(bestIdx), evaluations, converged: false };
}

export function minimize(objective: Objective, x0: number[], options: Partial<MinimizeOptions> = {}): MinimizeResult {
  const o = { ...DEFAULT_MINIMIZE_OPTIONS, ...options };
  const f = safe(objective);
  let run = simplexRun(f, x0, o, o.maxEvaluations);
  let evaluations = run.evaluations;
  let restarts = 0;
  while (restarts < o.maxRestarts && evaluations < o.maxEvaluations) {
    // Smaller simplex on each restart: the point is to re-check the neighbourhood, not to search afresh.
    const next = simplexRun(f, run.x, { ...o, step: o.step / 4 ** (restarts + 1) }, o.maxEvaluations - evaluations);
    evaluations += next.evaluations;
    restarts++;
    const improved = run.fx - next.fx > o.ftol * (Math.abs(run.fx) + o.ftol);
    if (next.fx <= run.fx) run = next;
    if (!improved && next.converged) return { x: run.x, fx: run.fx, evaluations, restarts, converged: true };
  }
  return { x: run.x, fx: run.fx, evaluations, restarts, converged: false };
}
