/**
 * The first chart a page draws costs several times what the next one of its kind does (the
 * canvas and its fonts set up, ECharts' code run for the first time): at 100 k rows the first
 * chart drawn during a load took 30–115 ms of script, and made the load's longest task. So while
 * the start page is idle, a small chart of each kind the dashboard draws first (a stacked bar,
 * lines, the heatmap) is drawn off-screen with the real option builders, one per idle period,
 * and thrown away.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { cohortHeatmapOption } from '../charts/cohort-heatmap';
import { qualityChartOption } from '../charts/quality-chart';
import { retentionCurveOption } from '../charts/retention-curve';
import type { ChartContext } from '../charts/types';
import { echarts } from './echarts-setup';

function sampleOptions(): EChartsCoreOption[] {
  const ctx: ChartContext = { locale: 'en', t: (key) => key, dark: false };
  const months = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
  const cells = months.flatMap((cohort, i) =>
    months.slice(i).map((_, k) => ({ cohort, offset: k, cohortSize: 100, active: 100 - 20 * k, value: 1 - 0.2 * k, complete: k < 2 })),
  );
  const points = [0, 1, 2, 3].map((offset) => ({ offset, value: 1 - 0.2 * offset }));
  const labels = { rows: 'rows', file: 'file', analysed: 'analysed', refund: 'refund', noCustomer: 'no customer', notRead: 'not read: ' };
  return [
    qualityChartOption([{ file: 'a.csv', outcome: 'analysed', reason: null, rows: 90, share: 0.9 }, { file: 'a.csv', outcome: 'refund', reason: null, rows: 10, share: 0.1 }], labels, ctx),
    retentionCurveOption({ grain: 'month', average: points, cohorts: months.map((start) => ({ start, points })), valueLabel: 'retention' }, ctx),
    cohortHeatmapOption({ grain: 'month', cohorts: months.map((start) => ({ start, size: 100 })), cells, valueLabel: 'retention' }, ctx),
  ];
}

const idle = (run: () => void): void => {
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 200);
};

export function warmUpCharts(): void {
  const options = sampleOptions();
  const el = document.createElement('div');
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText = 'position:fixed;left:-10000px;top:0;width:640px;height:320px;pointer-events:none';
  document.body.append(el);
  const step = (): void => {
    const option = options.shift();
    if (!option) {
      el.remove();
      return;
    }
    const chart = echarts.init(el, undefined, { renderer: 'canvas', width: 640, height: 320 });
    chart.setOption(option);
    // Painted now, not in ECharts' next frame: the point is to run the drawing code too.
    chart.getZr().refreshImmediately();
    chart.dispose();
    idle(step);
  };
  idle(step);
}
