import { getContext, setContext } from 'svelte';
import type { EChartsType } from 'echarts/core';

/**
 * Charts inside a panel register here, so the panel can export them as one PNG, and say
 * while they wait to be drawn, so the panel counts as busy until its charts show its result.
 */
export interface PanelCharts {
  register(chart: EChartsType): () => void;
  /** +1 when a chart starts waiting for its turn to draw, −1 when it has drawn (or is gone). */
  drawing(delta: 1 | -1): void;
}

const KEY = Symbol('kohort-panel-charts');

export function providePanelCharts(onDrawing: (delta: 1 | -1) => void): EChartsType[] {
  const charts: EChartsType[] = [];
  setContext<PanelCharts>(KEY, {
    register(chart) {
      charts.push(chart);
      return () => {
        const i = charts.indexOf(chart);
        if (i >= 0) charts.splice(i, 1);
      };
    },
    drawing: onDrawing,
  });
  return charts;
}

export function panelCharts(): PanelCharts | undefined {
  return getContext<PanelCharts | undefined>(KEY);
}
