/** One small option per chart builder with a text each must draw; shared by the whole-set checks. No ECharts import here. */
import type { EChartsCoreOption } from 'echarts/core';
import type { ChartContext } from '../../src/charts/types';
import { crrChartOption } from '../../src/charts/crr-chart';
import { lifecycleChartOption } from '../../src/charts/lifecycle-chart';
import { lnessChartOption } from '../../src/charts/lness-chart';
import { powerUserChartOption } from '../../src/charts/power-user-chart';
import { stickinessChartOption } from '../../src/charts/stickiness-chart';
import { gapsChartOption } from '../../src/charts/gaps-chart';
import { ltvChartOption } from '../../src/charts/ltv-chart';
import { lorenzChartOption } from '../../src/charts/lorenz-chart';
import { spendByOrderOption, spendByYearOption } from '../../src/charts/spend-chart';
import { clvScatterOption, pAliveCounts, pAliveHistogramOption } from '../../src/charts/predicted-clv-chart';
import { surveyChartOption } from '../../src/charts/survey-chart';
import { segmentCurvesOption, segmentKpiOption } from '../../src/charts/segments-chart';
import { reasonsChartOption } from '../../src/charts/reasons-chart';
import type { LnessHistogram } from '../../src/metrics/lness';

export interface Sample {
  name: string;
  option: EChartsCoreOption;
  /** Texts the rendered SVG must contain: from a series, a reference line or a point label, not just an axis. */
  texts: string[];
}

const months = ['2024-01-01', '2024-02-01', '2024-03-01'];

function histogram(anchor: string, counts: number[]): LnessHistogram {
  const customers = counts.reduce((a, b) => a + b, 0);
  return { windowDays: counts.length, anchor, windowStart: anchor, complete: true, customers, bins: counts.map((c, i) => ({ days: i + 1, customers: c, share: c / customers })) };
}

export function samples(ctx: ChartContext): Sample[] {
  const f64 = (xs: number[]) => Float64Array.from(xs);
  return [
    {
      name: 'crr',
      option: crrChartOption({ grain: 'month', windowDays: 30, periods: months.map((m, i) => ({ periodStart: m, periodEnd: m, customersStart: 10, customersEnd: 10, new: 1, retained: 8, churned: 2, reactivated: 1, newInEnd: 1, crr: i ? 0.9 : null, churnRate: i ? 0.2 : null })) },
        { period: 'Month', rate: 'Rate', crr: 'CRR', churnRate: 'Churn', good: 'GOODLINE', target: 'TARGETLINE' }, ctx),
      texts: ['GOODLINE', 'TARGETLINE'],
    },
    {
      name: 'lifecycle',
      option: lifecycleChartOption({ grain: 'month', periods: months.map((m) => ({ periodStart: m, new: 5, returning: 4, resurrecting: 1, dormant: 3, complete: true })) },
        { period: 'Month', customers: 'Customers', new: 'New', returning: 'Returning', resurrecting: 'Resurrecting', dormant: 'DORMANT' }, ctx),
      texts: ['DORMANT'],
    },
    { name: 'lness', option: lnessChartOption([{ name: 'All', histogram: histogram('2024-03-31', [5, 3, 1, 1]) }], { days: 'DAYSACTIVE', customers: 'Customers', share: 'Share' }, ctx), texts: ['DAYSACTIVE'] },
    {
      name: 'lness-compare',
      option: lnessChartOption([{ name: 'SEGA', histogram: histogram('2024-03-31', [5, 3, 1, 1]) }, { name: 'SEGB', histogram: histogram('2024-03-31', [1, 1, 1, 1]) }], { days: 'Days', customers: 'Customers', share: 'Share' }, ctx),
      texts: ['SEGA', 'SEGB'],
    },
    { name: 'power-user', option: powerUserChartOption(months.map((m) => histogram(m, [5, 3, 1, 1])), { month: 'Month', share: 'Share', days: 'DAYSWORD' }, ctx), texts: ['DAYSWORD'] },
    {
      name: 'stickiness',
      option: stickinessChartOption(months.map((m, i) => ({ month: m, dauAvg: 1, wauAvg: 3, mau: 10, dauMau: 0.1, wauMau: 0.3, complete: i > 0 })), { month: 'Month', ratio: 'Ratio', dauMau: 'DAUMAU', wauMau: 'WAUMAU', incomplete: 'incomplete' }, ctx),
      texts: ['DAUMAU', 'WAUMAU'],
    },
    {
      name: 'gaps',
      option: gapsChartOption({ bins: [{ gapDays: 1, gaps: 5 }, { gapDays: 3, gaps: 10 }, { gapDays: 9, gaps: 5 }], stats: { gaps: 20, p25: 3, median: 3, p75: 9, p90: 9, mean: 4 } },
        { days: 'Days', gaps: 'Gaps', median: 'MEDIANLINE', p25: 'P25LINE', p75: 'P75LINE' }, ctx),
      texts: ['MEDIANLINE', 'P25LINE', 'P75LINE'],
    },
    {
      name: 'ltv',
      option: ltvChartOption({ available: true, grain: 'month', cells: [0, 1, 2].map((k) => ({ cohort: months[0] as string, offset: k, customers: 10, revenue: 5, cumulativePerCustomer: 5 * (k + 1), complete: true })), average: [0, 1, 2].map((k) => ({ offset: k, cumulativePerCustomer: 5 * (k + 1), cohorts: 1, customers: 10 })) },
        { offset: 'Offset', value: 'Value', average: 'AVERAGELINE' }, ctx),
      texts: ['AVERAGELINE'],
    },
    {
      name: 'lorenz',
      option: lorenzChartOption({ lorenz: { points: [0, 0.25, 0.5, 0.75, 1].map((c) => ({ customerShare: c, revenueShare: c ** 3 })) } }, { customers: 'Customers', revenue: 'Revenue', curve: 'Curve', equality: 'Equality', top: 'TOPPOINT' }, ctx),
      texts: ['TOPPOINT'],
    },
    {
      name: 'spend-order',
      option: spendByOrderOption({ rows: [1, 2].map((k) => ({ orderNumber: k, label: String(k), customers: 5, orders: 5, avgOrderValue: 10 * k })) }, { orderNumber: 'Purchase', aov: 'AOVAXIS', orders: 'orders', vsFirst: 'vs first' }, ctx),
      texts: ['AOVAXIS'],
    },
    {
      name: 'spend-year',
      option: spendByYearOption({ rows: [1, 2].map((y) => ({ year: y, customers: 5, activeCustomers: 3, revenue: 50, revenuePerCustomer: 10, revenuePerActiveCustomer: 16 })) }, { year: 'Year', value: 'Value', perCustomer: 'ALLCUST', perActiveCustomer: 'ACTIVECUST', customers: 'customers' }, ctx),
      texts: ['ALLCUST', 'ACTIVECUST'],
    },
    { name: 'p-alive', option: pAliveHistogramOption(pAliveCounts(f64([0.1, 0.5, 0.9])), { pAlive: 'PALIVEAXIS', customers: 'Customers' }, ctx), texts: ['PALIVEAXIS'] },
    {
      name: 'clv-scatter',
      option: clvScatterOption({ points: f64([0, 1, 1, 5, 2, 9]), hasValue: true }, { frequency: 'FREQAXIS', value: 'Value', purchases: 'Purchases' }, ctx),
      texts: ['FREQAXIS'],
    },
    {
      name: 'survey',
      option: surveyChartOption({ grain: 'month', rows: months.map((m) => ({ periodStart: m, segment: '(all)', responses: 10, nps: 10, csat: 80, ces: 4, complete: true })) },
        { period: 'Month', nps: 'NPSLINE', csat: 'CSATLINE', ces: 'CESLINE', responses: 'responses', incomplete: 'incomplete' }, ctx),
      texts: ['NPSLINE', 'CSATLINE', 'CESLINE'],
    },
    {
      name: 'segment-curves',
      option: segmentCurvesOption([{ segment: 'SEGCURVE', points: [{ offset: 0, value: 1 }, { offset: 1, value: 0.4 }] }], { offset: 'Offset', retention: 'Retention' }, ctx),
      texts: ['SEGCURVE'],
    },
    {
      name: 'segment-kpi',
      option: segmentKpiOption({ kpis: [{ segment: 'SEGBAR', customers: 10, repeatRate: 0.3, crrLast: 0.8, gapMedianDays: 20, clvMean: 30 }], metrics: ['repeatRate'] }, { segment: 'Segment', value: 'Rate', metrics: { repeatRate: 'Repeat' } }, ctx),
      texts: ['SEGBAR'],
    },
    {
      name: 'reasons',
      option: reasonsChartOption({ rows: [{ periodStart: null, segment: '(all)', reason: 'REASONBAR', responses: 4, share: 1 }] }, { reason: 'Reason', responses: 'Responses', other: 'Other' }, ctx),
      texts: ['REASONBAR'],
    },
  ];
}
