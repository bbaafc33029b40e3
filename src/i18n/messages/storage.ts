import { defineMessages } from '../define';

/** Datasets side by side, and what the browser remembers. */
export const storageTexts = defineMessages({
  'datasets.label': ['Datasets', 'Datasets'],
  'datasets.new': ['New dataset', 'Nieuwe dataset'],
  'datasets.empty': ['Empty dataset', 'Lege dataset'],
  'datasets.more': ['{name} + {n} more', '{name} + {n} meer'],
  'datasets.close': ['Close dataset {name}', 'Dataset {name} sluiten'],
  'storage.title': ['Stored in this browser only', 'Alleen in deze browser bewaard'],
  'storage.summary': [
    '{n} files, {size}. Nothing is uploaded; reopening this page restores them, also offline.',
    '{n} bestanden, {size}. Er wordt niets geüpload; als je deze pagina opnieuw opent, worden ze hersteld, ook offline.',
  ],
  'storage.none': [
    'Nothing is stored yet. Files you drop are kept in this browser only, so the page can restore them next time.',
    'Er is nog niets bewaard. Bestanden die je hierheen sleept, worden alleen in deze browser bewaard, zodat de pagina ze de volgende keer kan herstellen.',
  ],
  'storage.unavailable': [
    'This browser does not let Kohort store files (private window?): you will need to drop them again next time.',
    'Deze browser laat Kohort geen bestanden bewaren (privévenster?): je moet ze de volgende keer opnieuw slepen.',
  ],
  'storage.forget': ['Forget all data', 'Alle gegevens vergeten'],
  'storage.confirm': [
    'Remove every stored file, table and setting from this browser?',
    'Alle bewaarde bestanden, tabellen en instellingen uit deze browser verwijderen?',
  ],
});
