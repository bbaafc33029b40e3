import { defineMessages } from '../define';

/** Datasets side by side, and what the browser remembers. */
export const storageTexts = defineMessages(
  {
    'datasets.label': 'Datasets',
    'datasets.new': 'New dataset',
    'datasets.empty': 'Empty dataset',
    'datasets.more': '{name} + {n} more',
    'datasets.close': 'Close dataset {name}',
    'storage.title': 'Stored in this browser only',
    'storage.summary': '{n} files, {size}. Nothing is uploaded; reopening this page restores them, also offline.',
    'storage.none': 'Nothing is stored yet. Files you drop are kept in this browser only, so the page can restore them next time.',
    'storage.unavailable': 'This browser does not let Kohort store files (private window?): you will need to drop them again next time.',
    'storage.forget': 'Forget all data',
    'storage.confirm': 'Remove every stored file, table and setting from this browser?',
  },
  {
    'datasets.label': 'Datasets',
    'datasets.new': 'Nieuwe dataset',
    'datasets.empty': 'Lege dataset',
    'datasets.more': '{name} + {n} meer',
    'datasets.close': 'Dataset {name} sluiten',
    'storage.title': 'Alleen in deze browser bewaard',
    'storage.summary': '{n} bestanden, {size}. Er wordt niets geüpload; als je deze pagina opnieuw opent, worden ze hersteld, ook offline.',
    'storage.none': 'Er is nog niets bewaard. Bestanden die je hierheen sleept, worden alleen in deze browser bewaard, zodat de pagina ze de volgende keer kan herstellen.',
    'storage.unavailable': 'Deze browser laat Kohort geen bestanden bewaren (privévenster?): je moet ze de volgende keer opnieuw slepen.',
    'storage.forget': 'Alle gegevens vergeten',
    'storage.confirm': 'Alle bewaarde bestanden, tabellen en instellingen uit deze browser verwijderen?',
  },
);
