import { defineMessages } from '../define';

/** Texts of the customer lifetime value panel. */
export const clv = defineMessages({
  'clv.title': ['Customer lifetime value', 'Klantwaarde (CLV)'],
  'clv.definition': [
    'Net revenue per customer to date, how it builds up after the first purchase (LTV curves), and how spending changes with each purchase and each year.',
    'Netto-omzet per klant tot nu toe, hoe die na de eerste aankoop oploopt (LTV-curves), en hoe de besteding verandert per aankoop en per jaar.',
  ],
  'clv.mean': ['Mean revenue per customer', 'Gemiddelde omzet per klant'],
  'clv.median': ['Median revenue per customer', 'Mediane omzet per klant'],
  'clv.predicted': ['Simple predicted CLV', 'Eenvoudige voorspelde CLV'],
  'clv.predictedHow': [
    '{aov} per order × {orders} orders a year × {years} years expected lifetime',
    '{aov} per bestelling × {orders} bestellingen per jaar × {years} jaar verwachte klantduur',
  ],
  'clv.predictedMargin': ['× {margin} margin', '× {margin} marge'],
  'clv.needYear': ['needs more than a year of data', 'heeft meer dan een jaar aan data nodig'],
  'clv.noChurn': [
    'no customer of the year before left, so the lifetime cannot be estimated',
    'geen enkele klant van het jaar ervoor is vertrokken, dus de klantduur is niet te schatten',
  ],
  'clv.noOrders': ['no orders in the last year', 'geen bestellingen in het laatste jaar'],
  'clv.customers': ['Customers', 'Klanten'],
  'clv.ltv': ['Revenue per customer since the first purchase', 'Omzet per klant sinds de eerste aankoop'],
  'clv.ltvOffset': ['Periods ({period}) since first purchase', 'Perioden ({period}) sinds eerste aankoop'],
  'clv.ltvValue': ['Revenue per customer', 'Omzet per klant'],
  'clv.average': ['Average (complete periods)', 'Gemiddelde (volledige perioden)'],
  'clv.ltvNote': ['thin lines = the 12 latest cohorts', 'dunne lijnen = de 12 nieuwste cohorten'],
  'clv.byOrder': ['Average order value by purchase number', 'Gemiddelde orderwaarde per aankoopnummer'],
  'clv.orderNumber': ['Purchase number', 'Aankoopnummer'],
  'clv.aov': ['Average order value', 'Gemiddelde orderwaarde'],
  'clv.orders': ['orders', 'bestellingen'],
  'clv.vsFirst': ['vs. first purchase', 't.o.v. eerste aankoop'],
  'clv.byYear': ['Revenue per customer by year since the first purchase', 'Omzet per klant per jaar sinds de eerste aankoop'],
  'clv.year': ['Year since first purchase', 'Jaar sinds eerste aankoop'],
  'clv.value': ['Revenue per customer', 'Omzet per klant'],
  'clv.perCustomer': ['All customers of that year', 'Alle klanten van dat jaar'],
  'clv.perActive': ['Customers active in that year', 'Klanten actief in dat jaar'],
  'clv.customersWord': ['customers', 'klanten'],
  'clv.activeCustomers': ['Active customers', 'Actieve klanten'],
  'clv.noYear': ['Not a full year after anyone’s first purchase yet.', 'Nog bij niemand een volledig jaar na de eerste aankoop.'],
  'clv.downloadYear': ['Download by year (CSV)', 'Per jaar downloaden (CSV)'],
  'clv.noRevenue': [
    'No revenue column is mapped, so customer lifetime value is not available. Mark the amount column as “Amount” under “Columns and formats”.',
    'Er is geen omzetkolom gekoppeld, dus klantwaarde is niet beschikbaar. Markeer de bedragkolom als “Bedrag” onder “Kolommen en formaten”.',
  ],
});
