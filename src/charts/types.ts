import type { Locale } from '../i18n';
import type { MessageKey } from '../i18n';

/** What every chart builder needs besides its data: texts and formats of the current locale and theme. */
export interface ChartContext {
  locale: Locale;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  dark: boolean;
}

export const palette = {
  light: { text: '#1d2733', muted: '#5b6675', grid: '#e3e7ec', surface: 'rgba(255, 255, 255, 0.85)', accent: '#1f5f8b', series: ['#1f5f8b', '#d1495b', '#edae49', '#00798c', '#7c5295', '#3d9970', '#8d6e63', '#66a2d6'] },
  dark: { text: '#e6ebf0', muted: '#9aa5b1', grid: '#2d3843', surface: 'rgba(24, 33, 42, 0.85)', accent: '#66a2d6', series: ['#66a2d6', '#ef6f7f', '#f2c14e', '#2ec4b6', '#b48ddb', '#5fd08f', '#bcaaa4', '#9ecbf0'] },
};
