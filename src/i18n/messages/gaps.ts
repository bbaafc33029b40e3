import { defineMessages } from '../define';

/** Texts of the time-between-purchases panel. */
export const gaps = defineMessages({
  'gaps.title': ['Time between purchases', 'Tijd tussen aankopen'],
  'gaps.definition': [
    'Days between a customer’s consecutive purchase days, over all customers. Click a bar to see the customers behind it.',
    'Dagen tussen opeenvolgende aankoopdagen van een klant, over alle klanten. Klik op een staaf om de klanten erachter te zien.',
  ],
  'gaps.days': ['Days between purchases', 'Dagen tussen aankopen'],
  'gaps.gaps': ['Repeat purchases', 'Herhaalaankopen'],
  'gaps.median': ['Median', 'Mediaan'],
  'gaps.p25': ['25%', '25%'],
  'gaps.p75': ['75%', '75%'],
  'gaps.summary': [
    'Half of the repeat purchases come within {median} days of the previous one; the middle half between {p25} and {p75} days (mean {mean}).',
    'De helft van de herhaalaankopen volgt binnen {median} dagen op de vorige; de middelste helft tussen {p25} en {p75} dagen (gemiddeld {mean}).',
  ],
  'gaps.histogram': ['Repeat purchases by days since the previous purchase', 'Herhaalaankopen naar dagen sinds de vorige aankoop'],
  'gaps.byPurchase': ['By purchase number', 'Per aankoopnummer'],
  'gaps.transition': ['Purchase', 'Aankoop'],
  'gaps.count': ['Purchases', 'Aankopen'],
  'gaps.medianDays': ['Median days', 'Mediaan dagen'],
  'gaps.meanDays': ['Mean days', 'Gem. dagen'],
  'gaps.empty': [
    'No customer has bought on two different days yet, so there is no time between purchases to show.',
    'Nog geen enkele klant heeft op twee verschillende dagen gekocht, dus er is geen tijd tussen aankopen te tonen.',
  ],
  'gaps.drill': ['Customers with {range} days between two purchases', 'Klanten met {range} dagen tussen twee aankopen'],
  'gaps.drillOpen': ['Customers with {from} or more days between two purchases', 'Klanten met {from} of meer dagen tussen twee aankopen'],
});
