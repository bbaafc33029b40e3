import { defineMessages } from '../define';

/** The Data quality panel. */
export const quality = defineMessages({
  'quality.title': ['Data quality', 'Datakwaliteit'],
  'quality.definition': [
    'What happened to every row of every file: analysed, counted as revenue only, excluded for lack of a customer id, or not read (with the reason). Nothing is dropped silently.',
    'Wat er met elke rij van elk bestand is gebeurd: geanalyseerd, alleen als omzet meegeteld, uitgesloten omdat een klantnummer ontbreekt, of niet gelezen (met de reden). Er verdwijnt niets ongemerkt.',
  ],
  'quality.rows': ['Rows', 'Rijen'],
  'quality.file': ['File', 'Bestand'],
  'quality.outcome': ['Outcome', 'Uitkomst'],
  'quality.share': ['Share', 'Aandeel'],
  'quality.analysed': ['Analysed', 'Geanalyseerd'],
  'quality.refund': ['Refunds and cancellations (revenue only)', 'Retouren en annuleringen (alleen omzet)'],
  'quality.noCustomer': ['Without customer id (excluded)', 'Zonder klantnummer (uitgesloten)'],
  'quality.notRead': ['Not read: ', 'Niet gelezen: '],
  'quality.examples': ['Example lines that were not read', 'Voorbeeldregels die niet gelezen konden worden'],
});
