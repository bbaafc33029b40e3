import { defineMessages } from '../define';

/** Texts of the lifecycle panel. */
export const lifecycle = defineMessages(
  {
    'lifecycle.title': 'Lifecycle',
    'lifecycle.definition': 'Active customers per period: new (first purchase), returning (also active the period before) and resurrecting (back after a break). Dormant customers (active the period before, not now) hang below zero.',
    'lifecycle.period': 'Period',
    'lifecycle.customers': 'Customers',
    'lifecycle.new': 'New',
    'lifecycle.returning': 'Returning',
    'lifecycle.resurrecting': 'Resurrecting',
    'lifecycle.dormant': 'Dormant',
    'lifecycle.complete': 'Complete',
    'lifecycle.incomplete': 'faded bars = period not yet complete',
    'lifecycle.tooShort': 'Only one {period} of data: the lifecycle compares each period with the one before it. Choose a shorter cohort period or load a longer export.',
    'lifecycle.yes': 'yes',
    'lifecycle.no': 'no',
  },
  {
    'lifecycle.title': 'Levenscyclus',
    'lifecycle.definition': 'Actieve klanten per periode: nieuw (eerste aankoop), terugkerend (ook actief in de vorige periode) en heractiveerd (terug na een pauze). Slapende klanten (vorige periode actief, nu niet) staan onder de nullijn.',
    'lifecycle.period': 'Periode',
    'lifecycle.customers': 'Klanten',
    'lifecycle.new': 'Nieuw',
    'lifecycle.returning': 'Terugkerend',
    'lifecycle.resurrecting': 'Heractiveerd',
    'lifecycle.dormant': 'Slapend',
    'lifecycle.complete': 'Volledig',
    'lifecycle.incomplete': 'lichte staven = periode nog niet volledig',
    'lifecycle.tooShort': 'Maar één {period} aan data: de levenscyclus vergelijkt elke periode met de vorige. Kies een kortere cohortperiode of laad een langere export.',
    'lifecycle.yes': 'ja',
    'lifecycle.no': 'nee',
  },
);
