import { defineMessages } from '../define';

/** Texts of the customer retention rate (CRR) panel. */
export const crr = defineMessages({
  'crr.title': ['Customer retention rate', 'Klantbehoud (CRR)'],
  'crr.definition': [
    'CRR = (customers active at the end of a period − new customers) ÷ customers active at its start. Churn rate = share of the start customers no longer active at the end.',
    'CRR = (klanten actief aan het eind van een periode − nieuwe klanten) ÷ klanten actief aan het begin. Churn = aandeel van de klanten aan het begin dat aan het eind niet meer actief is.',
  ],
  'crr.period': ['Period', 'Periode'],
  'crr.rate': ['Rate', 'Percentage'],
  'crr.crr': ['CRR', 'CRR'],
  'crr.churnRate': ['Churn rate', 'Churn'],
  'crr.good': ['Good', 'Goed'],
  'crr.target': ['Target', 'Doel'],
  'crr.source': ['Based on', 'Op basis van'],
  'crr.sourceActivity': ['Orders', 'Bestellingen'],
  'crr.sourceSubscriptions': ['Subscriptions', 'Abonnementen'],
  'crr.window': ['Activity window (days)', 'Activiteitsvenster (dagen)'],
  'crr.windowAuto': ['automatic', 'automatisch'],
  'crr.windowHelp': [
    'A customer counts as active on a day when they bought something in the W days before it.',
    'Een klant telt op een dag als actief als hij in de W dagen daarvoor iets heeft gekocht.',
  ],
  'crr.why.p90': [
    'W = {w} days: 90% of repeat purchases happen within {w} days.',
    'W = {w} dagen: 90% van de herhaalaankopen valt binnen {w} dagen.',
  ],
  'crr.why.minimum': [
    'W = {w} days: 90% of repeat purchases happen within {p90} days; W is never shorter than {w} days.',
    'W = {w} dagen: 90% van de herhaalaankopen valt binnen {p90} dagen; W is nooit korter dan {w} dagen.',
  ],
  'crr.why.noRepeats': [
    'W = {w} days: no customer has bought twice yet, so a year is used.',
    'W = {w} dagen: nog geen enkele klant heeft twee keer gekocht, dus er wordt een jaar gebruikt.',
  ],
  'crr.why.user': [
    'W = {w} days (your choice): {share} of repeat purchases happen within {w} days. The data suggests {auto} days.',
    'W = {w} dagen (zelf gekozen): {share} van de herhaalaankopen valt binnen {w} dagen. De data stelt {auto} dagen voor.',
  ],
  'crr.why.userNoGaps': [
    'W = {w} days (your choice). No customer has bought twice yet.',
    'W = {w} dagen (zelf gekozen). Nog geen enkele klant heeft twee keer gekocht.',
  ],
  'crr.subsNote': [
    'Subscriptions: a customer is active on a day when a subscription runs on it.',
    'Abonnementen: een klant is actief op een dag waarop een abonnement loopt.',
  ],
  'crr.tooShort': [
    'Only one {period} of data: CRR compares a period with the one before it, so it needs at least two complete periods. Choose a shorter cohort period or load a longer export.',
    'Maar één {period} aan data: CRR vergelijkt een periode met de vorige en heeft dus minstens twee volledige perioden nodig. Kies een kortere cohortperiode of laad een langere export.',
  ],
  'crr.start': ['Active at start (S)', 'Actief aan begin (S)'],
  'crr.end': ['Active at end (E)', 'Actief aan eind (E)'],
  'crr.new': ['New (N)', 'Nieuw (N)'],
  'crr.retained': ['Retained', 'Behouden'],
  'crr.churned': ['Churned', 'Vertrokken'],
  'crr.reactivated': ['Reactivated', 'Teruggekeerd'],
  'crr.last': [
    'Last complete period ({period}): CRR {crr}, churn {churn}.',
    'Laatste volledige periode ({period}): CRR {crr}, churn {churn}.',
  ],
  'crr.warmupOne': [
    'The first period cannot show churn: a customer only counts as gone after W days without a purchase, and the data does not reach that far back.',
    'De eerste periode kan geen churn tonen: een klant telt pas als vertrokken na W dagen zonder aankoop, en zo ver terug gaat de data niet.',
  ],
  'crr.warmupAll': [
    'No period can show churn yet: a customer only counts as gone after W days without a purchase, and the data is shorter than that. Lower W or load a longer export.',
    'Nog geen enkele periode kan churn tonen: een klant telt pas als vertrokken na W dagen zonder aankoop, en de data is korter dan dat. Verlaag W of laad een langere export.',
  ],
  'crr.warmup': [
    'The first {n} periods cannot show churn: a customer only counts as gone after W days without a purchase, and the data does not reach that far back.',
    'De eerste {n} perioden kunnen geen churn tonen: een klant telt pas als vertrokken na W dagen zonder aankoop, en zo ver terug gaat de data niet.',
  ],
  'crr.longPeriods': [
    'Periods are longer than W ({w} days): a customer who was new early in a period and did not buy again in its last {w} days counts as new (N) but not as active at the end (E), so CRR can be low or even negative. Choose a shorter period, or set W to at least {days} days.',
    'De perioden zijn langer dan W ({w} dagen): een klant die vroeg in een periode nieuw was en in de laatste {w} dagen niet opnieuw kocht, telt als nieuw (N) maar niet als actief aan het eind (E). Daardoor kan CRR laag of zelfs negatief uitvallen. Kies een kortere periode, of zet W op minstens {days} dagen.',
  ],
});
