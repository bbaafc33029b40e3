import { defineMessages } from '../define';

/** Texts of the Lness panel. */
export const lness = defineMessages({
  'lness.title': ['Lness', 'Lness'],
  'lness.definition': [
    'How many different days each customer was active in the last n days (L28: 22 means active on 22 of the 28 days). Click a bar to see those customers.',
    'Op hoeveel verschillende dagen elke klant actief was in de laatste n dagen (L28: 22 betekent actief op 22 van de 28 dagen). Klik op een staaf om die klanten te zien.',
  ],
  'lness.window': ['Window', 'Venster'],
  'lness.windowDays': ['L{n} ({n} days)', 'L{n} ({n} dagen)'],
  'lness.anchor': ['Up to', 'Tot en met'],
  'lness.anchorHint': ['empty = last day in the data', 'leeg = laatste dag in de data'],
  'lness.histogram': ['Customers by active days', 'Klanten naar actieve dagen'],
  'lness.days': ['Days active in the {n} days up to {date}', 'Actieve dagen in de {n} dagen tot en met {date}'],
  'lness.daysShort': ['Days active', 'Actieve dagen'],
  'lness.customers': ['Customers', 'Klanten'],
  'lness.share': ['Share of customers', 'Aandeel klanten'],
  'lness.power': ['Power users over time', 'Powerusers door de tijd'],
  'lness.month': ['Month end', 'Einde maand'],
  'lness.powerShare': ['Share of active customers', 'Aandeel actieve klanten'],
  'lness.dayUnit': ['days', 'dagen'],
  'lness.incomplete': [
    'The window starts before the first day in the data: fewer days could be seen.',
    'Het venster begint vóór de eerste dag in de data: er konden minder dagen worden gezien.',
  ],
  'lness.summary': [
    '{customers} customers were active between {from} and {to}.',
    '{customers} klanten waren actief tussen {from} en {to}.',
  ],
  'lness.empty': [
    'No customer was active in the {n} days up to {date}.',
    'Geen enkele klant was actief in de {n} dagen tot en met {date}.',
  ],
  'lness.drill': [
    'Customers active on {d} of the {n} days up to {date}',
    'Klanten die actief waren op {d} van de {n} dagen tot en met {date}',
  ],
  'lness.clickHint': ['Click a bar to list its customers.', 'Klik op een staaf om de klanten te tonen.'],
});
