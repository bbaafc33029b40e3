import { defineMessages } from '../define';

/** Texts of the stickiness panel. */
export const stickiness = defineMessages({
  'stickiness.title': ['Stickiness', 'Stickiness'],
  'stickiness.definition': [
    'How often a month’s customers come back within that month: average daily active customers ÷ monthly active customers (DAU/MAU); WAU/MAU likewise for weeks.',
    'Hoe vaak de klanten van een maand binnen die maand terugkomen: gemiddeld aantal dagelijks actieve klanten ÷ maandelijks actieve klanten (DAU/MAU); WAU/MAU hetzelfde per week.',
  ],
  'stickiness.month': ['Month', 'Maand'],
  'stickiness.ratio': ['Share of the month’s customers', 'Aandeel van de klanten van de maand'],
  'stickiness.dauMau': ['DAU/MAU', 'DAU/MAU'],
  'stickiness.wauMau': ['WAU/MAU', 'WAU/MAU'],
  'stickiness.incomplete': ['Month only partly in the data', 'Maand maar deels in de data'],
  'stickiness.hollow': ['open dots = month only partly in the data', 'open punten = maand maar deels in de data'],
  'stickiness.dau': ['Avg. daily active', 'Gem. dagelijks actief'],
  'stickiness.wau': ['Avg. weekly active', 'Gem. wekelijks actief'],
  'stickiness.mau': ['Monthly active (MAU)', 'Maandelijks actief (MAU)'],
  'stickiness.complete': ['Complete', 'Volledig'],
  'stickiness.year': ['Year', 'Jaar'],
  'stickiness.mauAvg': ['Avg. monthly active', 'Gem. maandelijks actief'],
  'stickiness.yau': ['Yearly active (YAU)', 'Jaarlijks actief (YAU)'],
  'stickiness.mauYau': ['MAU/YAU', 'MAU/YAU'],
  'stickiness.years': ['Per year', 'Per jaar'],
  'stickiness.empty': ['No activity in the selected range.', 'Geen activiteit in de gekozen periode.'],
  'stickiness.yes': ['yes', 'ja'],
  'stickiness.no': ['no', 'nee'],
});
