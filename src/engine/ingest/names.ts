/**
 * Dutch and English header names for each role. Names are compared after
 * normalising: lower case, accents removed, spaces, `_`, `-`, `.` dropped.
 */
import type { Role } from './types';

export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const EXACT: [Role, string[]][] = [
  ['customer', ['klantnummer', 'klantnr', 'klant', 'klantid', 'klantcode', 'debiteur', 'debiteurnummer', 'debiteurnr', 'relatienummer', 'relatienr', 'customerid', 'customer', 'customerno', 'customernumber', 'customercode', 'customerkey', 'custid', 'cust', 'clientid', 'client', 'userid', 'user', 'email', 'emailaddress', 'emailadres', 'mail', 'accountid', 'account', 'memberid', 'member', 'lidnummer', 'contactid', 'buyerid', 'shopperid', 'personid', 'subscriberid']],
  ['start_date', ['startdate', 'startdatum', 'begin', 'begindatum', 'begindate', 'start', 'startedat', 'subscriptionstart', 'ingangsdatum', 'activatedat', 'membersince', 'lidsinds', 'startdatumabonnement']],
  ['end_date', ['enddate', 'einddatum', 'end', 'eind', 'einde', 'cancelledat', 'canceledat', 'cancellationdate', 'opzegdatum', 'opgezegdop', 'endedat', 'churndate', 'churnedat', 'stopdatum', 'stoppedat', 'expiresat', 'enddatum', 'subscriptionend']],
  ['date', ['besteldatum', 'datum', 'orderdatum', 'factuurdatum', 'transactiedatum', 'aankoopdatum', 'betaaldatum', 'date', 'orderdate', 'createdat', 'created', 'timestamp', 'invoicedate', 'transactiondate', 'purchasedate', 'datetime', 'eventtime', 'eventdate', 'ts', 'orderedat', 'purchasedat', 'paidat', 'placedat', 'completedat', 'day', 'dag', 'tijdstip', 'datumtijd', 'responsedate', 'submittedat', 'time']],
  ['amount', ['bedrag', 'omzet', 'totaal', 'totaalbedrag', 'orderbedrag', 'factuurbedrag', 'bedraginclbtw', 'bedragexclbtw', 'omzetinclbtw', 'omzetexclbtw', 'totaalprijs', 'waarde', 'amount', 'revenue', 'total', 'totalamount', 'ordertotal', 'ordervalue', 'dollarvalue', 'value', 'price', 'sales', 'grandtotal', 'totalprice', 'netamount', 'subtotal', 'mrr', 'monthlyamount', 'maandbedrag', 'amountpaid', 'payment', 'spend']],
  ['quantity', ['aantal', 'quantity', 'qty', 'stuks', 'units', 'numberofitems', 'aantalstuks']],
  ['unit_price', ['prijs', 'stukprijs', 'unitprice', 'priceperunit', 'eenheidsprijs', 'prijsperstuk', 'itemprice']],
  ['cost', ['kosten', 'inkoopprijs', 'inkoopwaarde', 'kostprijs', 'cost', 'costs', 'cogs', 'costofgoods', 'costprice', 'purchaseprice']],
  ['margin', ['marge', 'margin', 'brutomarge', 'grossmargin', 'winst', 'profit']],
  ['order_id', ['ordernummer', 'ordernr', 'factuurnummer', 'factuurnr', 'bestelnummer', 'bestelnr', 'orderid', 'order', 'ordernumber', 'orderno', 'invoice', 'invoiceno', 'invoicenumber', 'invoiceid', 'transactionid', 'transactieid', 'transactie', 'transaction', 'receipt', 'bonnummer', 'txid']],
  ['score', ['nps', 'npsscore', 'score', 'rating', 'csat', 'ces', 'cijfer', 'rapportcijfer', 'beoordeling', 'waardering']],
  ['reason', ['reason', 'reden', 'comment', 'comments', 'opmerking', 'opmerkingen', 'toelichting', 'feedback', 'answer', 'antwoord', 'cancellationreason', 'opzegreden', 'churnreason', 'exitreason', 'waarom']],
  ['cancel_marker', ['status', 'orderstatus', 'betaalstatus', 'paymentstatus', 'transactiontype', 'transactietype', 'ordertype', 'soort', 'type', 'state']],
  ['segment', ['kanaal', 'land', 'channel', 'country', 'plan', 'product', 'productname', 'productcategory', 'productgroep', 'productgroup', 'categorie', 'category', 'source', 'bron', 'regio', 'region', 'segment', 'city', 'stad', 'plaats', 'provincie', 'device', 'platform', 'campaign', 'campagne', 'medium', 'utmsource', 'utmmedium', 'utmcampaign', 'tier', 'abonnement', 'pakket', 'gender', 'geslacht', 'branche', 'industry', 'sector', 'store', 'winkel', 'vestiging', 'shop', 'brand', 'merk', 'language', 'taal', 'team', 'leeftijdsgroep', 'agegroup', 'payment method', 'paymentmethod', 'betaalmethode']],
];

/** Substrings tried when no exact name matched, in this order (so `factuurdatum` is a date, not an order id). */
const CONTAINS: [Role, string[]][] = [
  ['end_date', ['einddatum', 'enddate', 'opzeg', 'cancelled', 'canceled', 'churn']],
  ['start_date', ['startdatum', 'startdate']],
  ['date', ['datum', 'date', 'time', 'tijd']],
  ['customer', ['klant', 'customer', 'email', 'debiteur', 'client']],
  ['order_id', ['order', 'factuur', 'invoice', 'bestel', 'transact']],
  ['unit_price', ['unitprice', 'stukprijs']],
  ['amount', ['bedrag', 'amount', 'revenue', 'omzet', 'total', 'totaal']],
  ['quantity', ['aantal', 'quantity']],
  ['cost', ['kosten', 'cost', 'inkoop']],
  ['margin', ['marge', 'margin']],
  ['score', ['nps', 'csat', 'score', 'rating']],
  ['reason', ['reden', 'reason', 'comment', 'opmerking']],
];

const exact = new Map<string, Role>();
for (const [role, names] of EXACT) for (const n of names) exact.set(normalizeName(n), role);

export interface NameMatch {
  role: Role;
  exact: boolean;
}

export function roleFromName(name: string): NameMatch | null {
  const n = normalizeName(name);
  if (!n) return null;
  const e = exact.get(n);
  if (e) return { role: e, exact: true };
  for (const [role, parts] of CONTAINS) if (parts.some((p) => n.includes(p))) return { role, exact: false };
  return null;
}

/** Score headers that name their scale. */
export function scaleFromName(name: string): 'nps' | 'csat' | 'ces' | null {
  const n = normalizeName(name);
  if (n.includes('nps')) return 'nps';
  if (n.includes('csat')) return 'csat';
  if (n.includes('ces')) return 'ces';
  return null;
}

/** Words that mark a row as a cancellation, refund or credit note (SQL regular expression on lower-cased text). */
export const CANCEL_WORDS = 'geannuleerd|annulering|cancel|refund|retour|credit|terugbetaal|storno|teruggestort|chargeback|returned|return';
