import { getContext, setContext } from 'svelte';
import type { EChartsType } from 'echarts/core';

/** Charts inside a panel register here, so the panel can export them as one PNG. */
export interface PanelCharts {
  register(chart: EChartsType): () => void;
}

const KEY = Symbol('kohort-panel-charts');

export function providePanelCharts(): EChartsType[] {
  const charts: EChartsType[] = [];
  setContext<PanelCharts>(KEY, {
    register(chart) {
      charts.push(chart);
      return () => {
        const i = charts.indexOf(chart);
        if (i >= 0) charts.splice(i, 1);
      };
    },
  });
  return charts;
}

export function panelCharts(): PanelCharts | undefined {
  return getContext<PanelCharts | undefined>(KEY);
}
