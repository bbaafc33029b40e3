import { defineMessages } from '../define';

/** The Data quality panel. */
export const quality = defineMessages(
  {
    'quality.title': 'Data quality',
    'quality.definition': 'What happened to every row of every file: analysed, counted as revenue only, excluded for lack of a customer id, or not read (with the reason). Nothing is dropped silently.',
    'quality.rows': 'Rows',
    'quality.file': 'File',
    'quality.outcome': 'Outcome',
    'quality.share': 'Share',
    'quality.analysed': 'Analysed',
    'quality.refund': 'Refunds and cancellations (revenue only)',
    'quality.noCustomer': 'Without customer id (excluded)',
    'quality.notRead': 'Not read: ',
    'quality.examples': 'Example lines that were not read',
  },
  {
    'quality.title': 'Datakwaliteit',
    'quality.definition': 'Wat er met elke rij van elk bestand is gebeurd: geanalyseerd, alleen als omzet meegeteld, uitgesloten omdat een klantnummer ontbreekt, of niet gelezen (met de reden). Er verdwijnt niets ongemerkt.',
    'quality.rows': 'Rijen',
    'quality.file': 'Bestand',
    'quality.outcome': 'Uitkomst',
    'quality.share': 'Aandeel',
    'quality.analysed': 'Geanalyseerd',
    'quality.refund': 'Retouren en annuleringen (alleen omzet)',
    'quality.noCustomer': 'Zonder klantnummer (uitgesloten)',
    'quality.notRead': 'Niet gelezen: ',
    'quality.examples': 'Voorbeeldregels die niet gelezen konden worden',
  },
);
