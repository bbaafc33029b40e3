import { defineMessages } from '../define';

/** Texts of the segment comparison panel and the dashboard-wide segment filter. */
export const segments = defineMessages({
  'segments.title': ['Segment comparison', 'Segmenten vergelijken'],
  'segments.definition': [
    'The same metrics side by side for each value of a column (the largest 8): retention curves, Lness and key figures. Click a segment to filter the whole dashboard to it.',
    'Dezelfde cijfers naast elkaar voor elke waarde van een kolom (de grootste 8): retentiecurves, Lness en kerncijfers. Klik op een segment om het hele dashboard daarop te filteren.',
  ],
  'segments.column': ['Compare by', 'Vergelijk op'],
  'segments.spendTier': ['Spend tier', 'Bestedingsgroep'],
  'segments.rfm': ['RFM group', 'RFM-groep'],
  'segments.none': [
    'The data has no column to compare segments by; the spend tiers and RFM groups need revenue or repeat purchases.',
    'De data heeft geen kolom om segmenten op te vergelijken; bestedingsgroepen en RFM-groepen hebben omzet of herhaalaankopen nodig.',
  ],
  'segments.curves': ['Retention by segment', 'Retentie per segment'],
  'segments.offset': ['Periods ({period}) since first purchase', 'Perioden ({period}) sinds eerste aankoop'],
  'segments.retention': ['Retention', 'Retentie'],
  'segments.lness': ['Lness by segment', 'Lness per segment'],
  'segments.days': ['Days active in the {n} days up to the last day', 'Actieve dagen in de {n} dagen tot en met de laatste dag'],
  'segments.customers': ['Customers', 'Klanten'],
  'segments.share': ['Share of customers', 'Aandeel klanten'],
  'segments.kpis': ['Key figures by segment', 'Kerncijfers per segment'],
  'segments.segment': ['Segment', 'Segment'],
  'segments.repeatRate': ['Repeat rate', 'Herhaalpercentage'],
  'segments.crrLast': ['CRR (last period)', 'CRR (laatste periode)'],
  'segments.gapMedian': ['Median days between purchases', 'Mediaan dagen tussen aankopen'],
  'segments.clvMean': ['Mean revenue per customer', 'Gemiddelde omzet per klant'],
  'segments.rate': ['Rate', 'Percentage'],
  'segments.filter': ['Filter', 'Filter'],
  'segments.filtered': ['Filtered to {column}: {values}', 'Gefilterd op {column}: {values}'],
  'segments.clear': ['clear', 'wissen'],
  'segments.clearLabel': ['Clear the segment filter', 'Segmentfilter wissen'],
  'segments.filterNote': [
    'The other panels show only these customers; this comparison keeps every segment.',
    'De andere panelen tonen alleen deze klanten; deze vergelijking toont alle segmenten.',
  ],
  'segments.clickHint': [
    'Click a line, a bar or a row’s button to filter the dashboard.',
    'Klik op een lijn, een staaf of de knop in een rij om het dashboard te filteren.',
  ],
  'segments.windowNote': [
    'CRR with the activity window W = {w} days, over the last complete period.',
    'CRR met activiteitsvenster W = {w} dagen, over de laatste volledige periode.',
  ],
});
