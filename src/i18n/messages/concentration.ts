import { defineMessages } from '../define';

/** Texts of the revenue concentration panel. */
export const concentration = defineMessages(
  {
    'concentration.title': 'Revenue concentration',
    'concentration.definition': 'How much of the net revenue comes from the biggest spenders: the share of the top 1, 3, 10 and 20% of customers, and the whole curve.',
    'concentration.customers': 'Customers, biggest spenders first',
    'concentration.revenue': 'Share of revenue',
    'concentration.curve': 'Share of revenue',
    'concentration.equality': 'Everyone spends the same',
    'concentration.top': 'Top',
    'concentration.headline': 'The top {p} of customers bring in {share} of revenue; they spend {times}× as much as the others on average.',
    'concentration.topGroup': 'Top customers',
    'concentration.count': 'Customers',
    'concentration.share': 'Share of revenue',
    'concentration.vsRest': 'Times the others',
    'concentration.gini': 'Gini coefficient (0 = everyone spends the same, 1 = one customer has all revenue): {gini}',
    'concentration.noRevenue': 'No revenue column is mapped, so revenue concentration is not available. Mark the amount column as “Amount” under “Columns and formats”.',
    'concentration.empty': 'No revenue in the selected range.',
  },
  {
    'concentration.title': 'Omzetconcentratie',
    'concentration.definition': 'Hoeveel van de netto-omzet van de grootste klanten komt: het aandeel van de top 1, 3, 10 en 20% van de klanten, en de hele curve.',
    'concentration.customers': 'Klanten, grootste besteders eerst',
    'concentration.revenue': 'Aandeel in omzet',
    'concentration.curve': 'Aandeel in omzet',
    'concentration.equality': 'Iedereen besteedt evenveel',
    'concentration.top': 'Top',
    'concentration.headline': 'De top {p} van de klanten brengt {share} van de omzet binnen; zij besteden gemiddeld {times}× zoveel als de anderen.',
    'concentration.topGroup': 'Topklanten',
    'concentration.count': 'Klanten',
    'concentration.share': 'Aandeel in omzet',
    'concentration.vsRest': 'Keer de anderen',
    'concentration.gini': 'Gini-coëfficiënt (0 = iedereen besteedt evenveel, 1 = één klant heeft alle omzet): {gini}',
    'concentration.noRevenue': 'Er is geen omzetkolom gekoppeld, dus omzetconcentratie is niet beschikbaar. Markeer de bedragkolom als “Bedrag” onder “Kolommen en formaten”.',
    'concentration.empty': 'Geen omzet in de gekozen periode.',
  },
);
