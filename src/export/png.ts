/** One PNG of a panel's charts, stacked top to bottom, on the page's background colour. */
import type { EChartsType } from 'echarts/core';

export async function chartsToPng(charts: EChartsType[], background: string, title: string): Promise<Blob | null> {
  if (charts.length === 0) return null;
  const ratio = 2;
  const images = await Promise.all(
    charts.map(
      (c) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.onerror = reject;
          img.src = c.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: background });
        }),
    ),
  );
  const titleHeight = 36 * ratio;
  const width = Math.max(...images.map((i) => i.width));
  const height = titleHeight + images.reduce((h, i) => h + i.height, 0);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.fillStyle = background;
  g.fillRect(0, 0, width, height);
  g.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--text') || '#1d2733';
  g.font = `600 ${16 * ratio}px system-ui, sans-serif`;
  g.fillText(title, 12 * ratio, 24 * ratio);
  let y = titleHeight;
  for (const img of images) {
    g.drawImage(img, 0, y);
    y += img.height;
  }
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}
