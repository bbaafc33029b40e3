import { defineMessages } from '../define';

/** Texts of the drill-down customer list. */
export const drilldown = defineMessages(
  {
    'drill.customer': 'Customer',
    'drill.first': 'First purchase',
    'drill.last': 'Last purchase',
    'drill.orders': 'Orders',
    'drill.revenue': 'Revenue',
    'drill.count': '{n} customers',
    'drill.csv': 'Download list (CSV)',
    'drill.close': 'Close list',
    'drill.loading': 'Finding the customers…',
    'drill.empty': 'No customers.',
    'drill.more': 'The first {shown} are shown; the CSV has all {n}.',
  },
  {
    'drill.customer': 'Klant',
    'drill.first': 'Eerste aankoop',
    'drill.last': 'Laatste aankoop',
    'drill.orders': 'Bestellingen',
    'drill.revenue': 'Omzet',
    'drill.count': '{n} klanten',
    'drill.csv': 'Lijst downloaden (CSV)',
    'drill.close': 'Lijst sluiten',
    'drill.loading': 'Klanten zoeken…',
    'drill.empty': 'Geen klanten.',
    'drill.more': 'De eerste {shown} staan hier; de CSV bevat alle {n}.',
  },
);
