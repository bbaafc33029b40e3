/**
 * Spend over a customer's life: average order value by purchase number (1..9, 10+), with the
 * first purchase as a reference line; and revenue per customer by year since the first purchase.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatMoney, formatPercent } from '../i18n/format';
import type { SpendByOrder, SpendByYear } from '../metrics/spend';
import { categoryAxis, moneyTicks, valueAxis } from './axis';
import { gridBox, legendBox, seriesColor, themeOf, tooltipBox } from './theme';
import { escapeHtml, marker, tipList, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { currencySymbol, DEFAULT_CURRENCY, withUnit } from './units';

export interface SpendByOrderInput {
  rows: SpendByOrder[];
  currency?: string;
}

export interface SpendByOrderLabels {
  /** x-axis name, e.g. "Purchase number". */
  orderNumber: string;
  /** y-axis name; the builder appends the currency symbol. */
  aov: string;
  /** Word after the order count in the tooltip, e.g. "orders". */
  orders: string;
  /** Text after the change against the first purchase, e.g. "vs. first purchase". */
  vsFirst: string;
}

interface OrderDatum {
  value: number | null;
  orders: number;
  change: number | null;
}

export function spendByOrderOption(input: SpendByOrderInput, labels: SpendByOrderLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const money = (v: number) => formatMoney(ctx.locale, v, currency);
  const first = input.rows.find((r) => r.orderNumber === 1)?.avgOrderValue ?? null;
  const data: OrderDatum[] = input.rows.map((r) => ({
    value: r.avgOrderValue,
    orders: r.orders,
    change: first && r.avgOrderValue !== null ? r.avgOrderValue / first - 1 : null,
  }));
  const tip = (params: TipParam | TipParam[]) => {
    const p = tipList(params)[0];
    const d = p?.data as OrderDatum | undefined;
    if (!p || !d) return '';
    const change = d.change === null ? '' : ` (${d.change >= 0 ? '+' : ''}${formatPercent(ctx.locale, d.change, 0)} ${escapeHtml(labels.vsFirst)})`;
    return `${escapeHtml(labels.orderNumber)} ${escapeHtml(p.name ?? '')}<br/>${marker(p)}<b>${d.value === null ? '–' : money(d.value)}</b>${change}` +
      `<br/>${formatInt(ctx.locale, d.orders)} ${escapeHtml(labels.orders)}`;
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(24, { right: 72 }),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tip }),
    xAxis: categoryAxis(t, labels.orderNumber, input.rows.map((r) => r.label)),
    yAxis: valueAxis(t, withUnit(labels.aov, currencySymbol(currency)), { min: 0, formatter: moneyTicks(ctx.locale) }),
    series: [
      {
        name: labels.aov,
        type: 'bar',
        barMaxWidth: 48,
        itemStyle: { color: t.accent },
        data,
        ...(first !== null
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 1, color: t.muted },
                // Past the right end of the line, clear of the bars it crosses.
                label: { position: 'end', color: t.muted, formatter: money(first) },
                data: [{ yAxis: first }],
              },
            }
          : {}),
      },
    ],
  };
}

export interface SpendByYearInput {
  rows: SpendByYear[];
  currency?: string;
}

export interface SpendByYearLabels {
  /** x-axis name, e.g. "Year since first purchase". */
  year: string;
  /** y-axis name; the builder appends the currency symbol. */
  value: string;
  /** Series: revenue over every customer whose year has elapsed, and over those active in it. */
  perCustomer: string;
  perActiveCustomer: string;
  /** Word after the customer count in the tooltip, e.g. "customers". */
  customers: string;
}

interface YearDatum {
  value: number | null;
  customers: number;
}

export function spendByYearOption(input: SpendByYearInput, labels: SpendByYearLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const money = (v: number) => formatMoney(ctx.locale, v, currency);
  const all: YearDatum[] = input.rows.map((r) => ({ value: r.revenuePerCustomer, customers: r.customers }));
  const active: YearDatum[] = input.rows.map((r) => ({ value: r.revenuePerActiveCustomer, customers: r.activeCustomers }));
  const tip = (params: TipParam | TipParam[]) => {
    const list = tipList(params);
    const rows = list.map((p) => {
      const d = p.data as YearDatum | undefined;
      if (!d) return '';
      return `<br/>${marker(p)}${escapeHtml(p.seriesName ?? '')}: <b>${d.value === null ? '–' : money(d.value)}</b> (${formatInt(ctx.locale, d.customers)} ${escapeHtml(labels.customers)})`;
    });
    return `${escapeHtml(labels.year)} ${escapeHtml(list[0]?.name ?? '')}${rows.join('')}`;
  };
  const bar = (name: string, data: YearDatum[], color: string) => ({ name, type: 'bar', barMaxWidth: 40, itemStyle: { color }, data });
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, [labels.perCustomer, labels.perActiveCustomer]),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tip }),
    xAxis: categoryAxis(t, labels.year, input.rows.map((r) => String(r.year))),
    yAxis: valueAxis(t, withUnit(labels.value, currencySymbol(currency)), { min: 0, formatter: moneyTicks(ctx.locale) }),
    series: [bar(labels.perCustomer, all, seriesColor(t, 0)), bar(labels.perActiveCustomer, active, seriesColor(t, 3))],
  };
}
