import { defineMessages } from '../define';

/** The dashboard's control bar. */
export const controls = defineMessages({
  'controls.title': ['Settings', 'Instellingen'],
  'controls.mode': ['Retention', 'Retentie'],
  'controls.from': ['From', 'Van'],
  'controls.to': ['To', 'Tot en met'],
  'controls.segment': ['Segment', 'Segment'],
  'controls.segmentAll': ['All customers', 'Alle klanten'],
  'controls.segmentValues': ['Values', 'Waarden'],
  'controls.segmentChosen': ['{n} chosen', '{n} gekozen'],
  'controls.clear': ['Clear', 'Wissen'],
  'controls.weekStart': ['Week starts', 'Week begint op'],
  'controls.monday': ['Monday (ISO)', 'maandag (ISO)'],
  'controls.sunday': ['Sunday', 'zondag'],
  'controls.timeZone': ['Time zone', 'Tijdzone'],
  'controls.reset': ['Reset settings', 'Instellingen terugzetten'],
  'controls.filtered': ['Filtered to {column}: {values}', 'Gefilterd op {column}: {values}'],
  'mode.classic': ['Classic (in the period)', 'Klassiek (in de periode)'],
  'mode.unbounded': ['On or after', 'Op of na'],
});
