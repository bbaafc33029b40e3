/** Tooltip helpers: the few fields of ECharts' formatter params the builders read, and null-safe value formatting. */

export interface TipParam {
  seriesName?: string;
  seriesIndex?: number;
  marker?: unknown;
  name?: string;
  value?: unknown;
  data?: unknown;
  dataIndex?: number;
  axisValueLabel?: string;
}

export function tipList(p: TipParam | TipParam[]): TipParam[] {
  return Array.isArray(p) ? p : [p];
}

/** A tooltip value: the last element of an [x, y] pair, or the value itself; null for anything not a finite number. */
export function tipNumber(v: unknown): number | null {
  const x = Array.isArray(v) ? (v[v.length - 1] as unknown) : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** A valueFormatter that prints '–' for gaps (null, NaN) instead of ECharts' '-'. */
export function orDash(format: (v: number) => string): (v: unknown) => string {
  return (v) => {
    const x = tipNumber(v);
    return x === null ? '–' : format(x);
  };
}

export function marker(p: TipParam): string {
  return typeof p.marker === 'string' ? p.marker : '';
}

/** Text put into tooltip HTML comes from data (segment names, reasons): escape it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** An axis tooltip: the category, then one "● name: value" row per series, then an optional note in italics. */
export function axisTip(params: TipParam | TipParam[], format: (v: number) => string, note = ''): string {
  const list = tipList(params);
  const head = escapeHtml(list[0]?.axisValueLabel ?? list[0]?.name ?? '');
  const rows = list.map((p) => {
    const v = tipNumber(p.value);
    return `<br/>${marker(p)}${escapeHtml(p.seriesName ?? '')}: <b>${v === null ? '–' : format(v)}</b>`;
  });
  return head + rows.join('') + (note ? `<br/><i>${escapeHtml(note)}</i>` : '');
}
