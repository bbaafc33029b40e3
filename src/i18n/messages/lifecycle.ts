import { defineMessages } from '../define';

/** Texts of the lifecycle panel. */
export const lifecycle = defineMessages({
  'lifecycle.title': ['Lifecycle', 'Levenscyclus'],
  'lifecycle.definition': [
    'Active customers per period: new (first purchase), returning (also active the period before) and resurrecting (back after a break). Dormant customers (active the period before, not now) hang below zero.',
    'Actieve klanten per periode: nieuw (eerste aankoop), terugkerend (ook actief in de vorige periode) en heractiveerd (terug na een pauze). Slapende klanten (vorige periode actief, nu niet) staan onder de nullijn.',
  ],
  'lifecycle.period': ['Period', 'Periode'],
  'lifecycle.customers': ['Customers', 'Klanten'],
  'lifecycle.new': ['New', 'Nieuw'],
  'lifecycle.returning': ['Returning', 'Terugkerend'],
  'lifecycle.resurrecting': ['Resurrecting', 'Heractiveerd'],
  'lifecycle.dormant': ['Dormant', 'Slapend'],
  'lifecycle.complete': ['Complete', 'Volledig'],
  'lifecycle.incomplete': ['faded bars = period not yet complete', 'lichte staven = periode nog niet volledig'],
  'lifecycle.tooShort': [
    'Only one {period} of data: the lifecycle compares each period with the one before it. Choose a shorter cohort period or load a longer export.',
    'Maar één {period} aan data: de levenscyclus vergelijkt elke periode met de vorige. Kies een kortere cohortperiode of laad een langere export.',
  ],
  'lifecycle.yes': ['yes', 'ja'],
  'lifecycle.no': ['no', 'nee'],
});
