import { defineMessages } from '../define';

/** The KPI strip at the top of the dashboard. */
export const kpiTexts = defineMessages({
  'kpi.title': ['Key figures', 'Kerncijfers'],
  'kpi.period': [
    'Last complete {grain}: {period}, compared with {previous}',
    'Laatste volledige {grain}: {period}, vergeleken met {previous}',
  ],
  'kpi.periodOnly': ['Last complete {grain}: {period}', 'Laatste volledige {grain}: {period}'],
  'kpi.none': [
    'Key figures need at least two complete periods; pick a shorter period or load more data.',
    'Voor kerncijfers zijn minstens twee volledige perioden nodig; kies een kortere periode of laad meer gegevens.',
  ],
  'kpi.customers': ['Customers', 'Klanten'],
  'kpi.crr': ['Customer retention rate', 'Klantbehoud (CRR)'],
  'kpi.churn': ['Churn rate', 'Churn'],
  'kpi.repeat': ['Repeat rate', 'Herhaalaankopen'],
  'kpi.gap': ['Median days between purchases', 'Mediaan dagen tussen aankopen'],
  'kpi.dauMau': ['DAU/MAU', 'DAU/MAU'],
  'kpi.clv': ['Mean CLV', 'Gemiddelde CLV'],
  'kpi.benchmark': ['benchmark 80 % good, 85 % target', 'benchmark 80 % goed, 85 % doel'],
  'kpi.crrLong': [
    'a {grain} is longer than W ({w} days): CRR reads low, see the CRR panel',
    'een {grain} is langer dan W ({w} dagen): CRR valt laag uit, zie het CRR-paneel',
  ],
  'kpi.vs': ['vs {value}', 'was {value}'],
  'kpi.points': ['{sign}{value} pt', '{sign}{value} procentpunt'],
  'kpi.days': ['{n} days', '{n} dagen'],
  'kpi.na': ['n/a', 'n.v.t.'],
  'kpi.noRevenue': ['no revenue column', 'geen omzetkolom'],
  'kpi.csv': ['Download KPIs (CSV)', 'Kerncijfers downloaden (CSV)'],
  'kpi.window': ['Activity window W = {n} days', 'Activiteitsvenster W = {n} dagen'],
});
