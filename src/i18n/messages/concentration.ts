import { defineMessages } from '../define';

/** Texts of the revenue concentration panel. */
export const concentration = defineMessages({
  'concentration.title': ['Revenue concentration', 'Omzetconcentratie'],
  'concentration.definition': [
    'How much of the net revenue comes from the biggest spenders: the share of the top 1, 3, 10 and 20% of customers, and the whole curve.',
    'Hoeveel van de netto-omzet van de grootste klanten komt: het aandeel van de top 1, 3, 10 en 20% van de klanten, en de hele curve.',
  ],
  'concentration.customers': ['Customers, biggest spenders first', 'Klanten, grootste besteders eerst'],
  'concentration.revenue': ['Share of revenue', 'Aandeel in omzet'],
  'concentration.curve': ['Share of revenue', 'Aandeel in omzet'],
  'concentration.equality': ['Everyone spends the same', 'Iedereen besteedt evenveel'],
  'concentration.top': ['Top', 'Top'],
  'concentration.headline': [
    'The top {p} of customers bring in {share} of revenue; they spend {times}× as much as the others on average.',
    'De top {p} van de klanten brengt {share} van de omzet binnen; zij besteden gemiddeld {times}× zoveel als de anderen.',
  ],
  'concentration.topGroup': ['Top customers', 'Topklanten'],
  'concentration.count': ['Customers', 'Klanten'],
  'concentration.share': ['Share of revenue', 'Aandeel in omzet'],
  'concentration.vsRest': ['Times the others', 'Keer de anderen'],
  'concentration.gini': [
    'Gini coefficient (0 = everyone spends the same, 1 = one customer has all revenue): {gini}',
    'Gini-coëfficiënt (0 = iedereen besteedt evenveel, 1 = één klant heeft alle omzet): {gini}',
  ],
  'concentration.noRevenue': [
    'No revenue column is mapped, so revenue concentration is not available. Mark the amount column as “Amount” under “Columns and formats”.',
    'Er is geen omzetkolom gekoppeld, dus omzetconcentratie is niet beschikbaar. Markeer de bedragkolom als “Bedrag” onder “Kolommen en formaten”.',
  ],
  'concentration.empty': ['No revenue in the selected range.', 'Geen omzet in de gekozen periode.'],
});
