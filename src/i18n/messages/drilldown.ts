import { defineMessages } from '../define';

/** Texts of the drill-down customer list. */
export const drilldown = defineMessages({
  'drill.customer': ['Customer', 'Klant'],
  'drill.first': ['First purchase', 'Eerste aankoop'],
  'drill.last': ['Last purchase', 'Laatste aankoop'],
  'drill.orders': ['Orders', 'Bestellingen'],
  'drill.revenue': ['Revenue', 'Omzet'],
  'drill.count': ['{n} customers', '{n} klanten'],
  'drill.csv': ['Download list (CSV)', 'Lijst downloaden (CSV)'],
  'drill.close': ['Close list', 'Lijst sluiten'],
  'drill.loading': ['Finding the customers…', 'Klanten zoeken…'],
  'drill.empty': ['No customers.', 'Geen klanten.'],
  'drill.more': ['The first {shown} are shown; the CSV has all {n}.', 'De eerste {shown} staan hier; de CSV bevat alle {n}.'],
});
