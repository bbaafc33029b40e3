/** Collects what the mounted panels show into a Report (see report.ts) and saves it. */
import type { Session } from '../state/session.svelte';
import { formatDate, formatPeriod } from '../i18n/format';
import { downloadText } from './download';
import { reportHtml, type Report } from './report';

function settings(session: Session): [string, string][] {
  const o = session.options;
  const t = session.t;
  const out: [string, string][] = [
    [t('controls.grain'), t(`grain.${o.grain}`)],
    [t('controls.mode'), t(`mode.${o.mode}`)],
    [t('controls.weekStart'), t(o.weekStart === 'monday' ? 'controls.monday' : 'controls.sunday')],
    [t('controls.timeZone'), session.timeZone],
  ];
  if (o.dateFrom) out.push([t('controls.from'), formatDate(session.locale, o.dateFrom)]);
  if (o.dateTo) out.push([t('controls.to'), formatDate(session.locale, o.dateTo)]);
  if (o.segment) out.push([t('controls.segment'), `${o.segment.column}: ${o.segment.values.join(', ')}`]);
  if (o.activityWindow !== null) out.push(['W', String(o.activityWindow)]);
  out.push(['Lness', `L${o.lnessWindow}${o.lnessAnchor ? ' · ' + formatPeriod(session.locale, o.lnessAnchor, 'day') : ''}`]);
  return out;
}

export function buildReport(session: Session): Report {
  const bg = '#ffffff';
  const panels = [...session.panels.values()].map((p) => ({
    id: p.id,
    title: p.title(),
    definition: p.definition(),
    images: p.charts.map((c) => c.getDataURL({ type: 'png', pixelRatio: 1.5, backgroundColor: bg })),
    table: p.csv(),
  }));
  const kpis = document.querySelector('section[data-panel=kpis]');
  return {
    title: session.t('report.title'),
    generated: new Date().toLocaleString(session.locale === 'nl' ? 'nl-NL' : 'en-GB'),
    lang: session.locale,
    settings: settings(session),
    files: session.dataset?.sources.map((s) => s.fileName) ?? [],
    keyFigures: kpis ? kpis.outerHTML : '',
    panels,
  };
}

export function saveReport(session: Session): void {
  const day = new Date().toISOString().slice(0, 10);
  downloadText(`kohort-report-${day}.html`, reportHtml(buildReport(session)), 'text/html;charset=utf-8');
}
