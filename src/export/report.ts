/**
 * "Save report": one self-contained HTML file with the charts (as images), the tables and
 * the settings. Aggregates only: it is built from what the panels show and export, never
 * from the raw rows, and it has no scripts, so it opens offline on any machine.
 */
import type { CsvTable } from '../metrics/types';

export interface ReportPanel {
  id: string;
  title: string;
  definition: string;
  /** PNG data URLs of the panel's charts. */
  images: string[];
  table: CsvTable | null;
}

export interface Report {
  title: string;
  generated: string;
  lang: string;
  /** Settings as label → value, shown at the top. */
  settings: [string, string][];
  files: string[];
  /** Pre-rendered, script-free HTML of the key figures. */
  keyFigures: string;
  panels: ReportPanel[];
}

const MAX_ROWS = 400;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function cell(v: CsvTable['rows'][number][number]): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
  return escapeHtml(String(v));
}

function tableHtml(t: CsvTable): string {
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows
    .slice(0, MAX_ROWS)
    .map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`)
    .join('\n');
  const more = t.rows.length > MAX_ROWS ? `<p class="more">${t.rows.length - MAX_ROWS} more rows in the panel's CSV download.</p>` : '';
  return `<div class="table"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>${more}`;
}

export function reportHtml(r: Report): string {
  const panels = r.panels
    .map(
      (p) => `<section id="${escapeHtml(p.id)}">
<h2>${escapeHtml(p.title)}</h2>
<p class="def">${escapeHtml(p.definition)}</p>
${p.images.map((src) => `<img src="${src}" alt="${escapeHtml(p.title)}">`).join('\n')}
${p.table ? tableHtml(p.table) : ''}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(r.lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>
body{font-family:system-ui,sans-serif;color:#1d2733;max-width:1200px;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .25rem;border-bottom:1px solid #dde3ea}
.meta,.def,.more{color:#5b6675;font-size:.85rem}dl.settings{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;font-size:.85rem}
dl.settings dt{color:#5b6675}dl.settings dd{margin:0 0 0 .3rem;font-weight:600}dl.settings div{display:flex}
img{max-width:100%;display:block;margin:.5rem 0}.table{overflow:auto;max-height:none}
table{border-collapse:collapse;font-size:.75rem;font-variant-numeric:tabular-nums}th,td{border:1px solid #dde3ea;padding:.15rem .4rem;text-align:right}th{background:#f0f3f7}
.kpis dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.5rem 1rem}.kpis dd{margin:0}.kpis button{display:none}
section{break-inside:avoid-page}
</style></head><body>
<header><h1>${escapeHtml(r.title)}</h1>
<p class="meta">${escapeHtml(r.generated)} · ${r.files.map(escapeHtml).join(', ')}</p>
<dl class="settings">${r.settings.map(([k, v]) => `<div><dt>${escapeHtml(k)}:</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>
<div class="kpis">${r.keyFigures}</div>
${panels}
</body></html>
`;
}
