import { defineMessages } from '../define';

/** The Predicted CLV panel (BG/NBD + Gamma-Gamma). */
export const predicted = defineMessages({
  'predicted.title': ['Predicted CLV', 'Voorspelde CLV'],
  'predicted.definition': [
    'Each customer’s chance of still being active, expected purchases and expected spend over the next year, from a BG/NBD and Gamma-Gamma model fitted to your data in this browser.',
    'Per klant de kans dat die nog actief is, het verwachte aantal aankopen en de verwachte besteding in het komende jaar, uit een BG/NBD- en Gamma-Gamma-model dat in deze browser op je gegevens is geschat.',
  ],
  'predicted.pAlive': ['Probability still active', 'Kans nog actief'],
  'predicted.customers': ['Customers', 'Klanten'],
  'predicted.frequency': ['Repeat purchases so far', 'Herhaalaankopen tot nu toe'],
  'predicted.value': ['Expected spend, next 52 weeks', 'Verwachte besteding, komende 52 weken'],
  'predicted.purchases': ['Expected purchases, next 52 weeks', 'Verwachte aankopen, komende 52 weken'],
  'predicted.top': ['Customers with the highest expected value', 'Klanten met de hoogste verwachte waarde'],
  'predicted.params': ['Model: r = {r}, α = {alpha}, a = {a}, b = {b}', 'Model: r = {r}, α = {alpha}, a = {a}, b = {b}'],
  'predicted.paramsGg': ['Spend model: p = {p}, q = {q}, v = {v}', 'Bestedingsmodel: p = {p}, q = {q}, v = {v}'],
  'predicted.noGg': [
    'No spend model: it needs a revenue column and at least 10 customers with repeat purchases; only purchases are predicted.',
    'Geen bestedingsmodel: daarvoor zijn een omzetkolom en minstens 10 klanten met herhaalaankopen nodig; alleen aankopen worden voorspeld.',
  ],
  'predicted.newCustomer': [
    'A new customer is expected to make {n} repeat purchases in the next 52 weeks.',
    'Van een nieuwe klant worden {n} herhaalaankopen verwacht in de komende 52 weken.',
  ],
  'predicted.calibration': ['Fitted on {n} customers up to {date}.', 'Geschat op {n} klanten tot en met {date}.'],
  'predicted.cannotFit': ['The model cannot be fitted: {reason}', 'Het model kan niet worden geschat: {reason}'],
  'predicted.customer': ['Customer', 'Klant'],
  'predicted.recency': ['Weeks first → last purchase', 'Weken eerste → laatste aankoop'],
  'predicted.age': ['Weeks since first purchase', 'Weken sinds eerste aankoop'],
  'predicted.expectedPurchases': ['Expected purchases', 'Verwachte aankopen'],
  'predicted.expectedValue': ['Expected spend', 'Verwachte besteding'],
  'predicted.histogram': ['How likely customers are still active', 'Hoe waarschijnlijk klanten nog actief zijn'],
  'predicted.scatter': ['Past repeat purchases vs expected spend', 'Herhaalaankopen tot nu toe tegen verwachte besteding'],
});
