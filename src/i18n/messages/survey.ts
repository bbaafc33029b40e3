import { defineMessages } from '../define';

/** Texts of the survey scores panel. */
export const survey = defineMessages({
  'survey.title': ['Survey scores', 'Enquêtescores'],
  'survey.definition': [
    'NPS = % promoters (9–10) − % detractors (0–6); CSAT = % of answers 4 or 5 out of 5; CES = mean effort score (1–7). Per period as chosen above.',
    'NPS = % promotors (9–10) − % criticasters (0–6); CSAT = % antwoorden 4 of 5 op 5; CES = gemiddelde inspanningsscore (1–7). Per periode zoals hierboven gekozen.',
  ],
  'survey.period': ['Period', 'Periode'],
  'survey.nps': ['NPS', 'NPS'],
  'survey.csat': ['CSAT', 'CSAT'],
  'survey.ces': ['CES (1–7)', 'CES (1–7)'],
  'survey.responses': ['responses', 'antwoorden'],
  'survey.responsesCol': ['Responses', 'Antwoorden'],
  'survey.incomplete': ['Period not yet complete', 'Periode nog niet volledig'],
  'survey.by': ['Break down by', 'Uitsplitsen naar'],
  'survey.none': ['nothing', 'niets'],
  'survey.segment': ['Segment', 'Segment'],
  'survey.all': ['All responses', 'Alle antwoorden'],
  'survey.total': ['Whole range', 'Hele periode'],
  'survey.summary': ['{responses} responses in total.', '{responses} antwoorden in totaal.'],
  'survey.empty': [
    'The survey file has no valid scores in the selected range (NPS 0–10, CSAT 1–5, CES 1–7).',
    'Het enquêtebestand heeft geen geldige scores in de gekozen periode (NPS 0–10, CSAT 1–5, CES 1–7).',
  ],
});
