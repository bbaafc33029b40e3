import { describe, expect, it } from 'vitest';
import { ChartBusy } from '../../src/components/chart-busy';

function chart() {
  const changes: boolean[] = [];
  return { b: new ChartBusy((on) => changes.push(on)), changes };
}

describe('ChartBusy', () => {
  it('is busy from a new option until ECharts has painted it, also when it answers within the turn', () => {
    const { b, changes } = chart();
    b.asked();
    expect(b.busy).toBe(true);
    b.paints();
    expect(b.busy).toBe(true);
    b.finished(false);
    expect(b.busy).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('stays busy through a turn with nothing to do while a paint is under way', () => {
    // A heatmap laid out, then a resize to the size it already has (the panel's layout settled):
    // the panel said "drawn" while the heatmap was half painted.
    const { b } = chart();
    b.asked();
    b.paints();
    b.nothingPainted();
    expect(b.busy).toBe(true);
    b.finished(false);
    expect(b.busy).toBe(false);
  });

  it('is not done on the paint of an older option while a newer one waits for its turn', () => {
    const { b } = chart();
    b.asked();
    b.paints();
    b.asked();
    b.finished(true);
    expect(b.busy).toBe(true);
    b.paints();
    b.finished(false);
    expect(b.busy).toBe(false);
  });

  it('is done after a turn that failed or had nothing to paint, and when the chart goes', () => {
    const { b, changes } = chart();
    b.asked();
    b.nothingPainted();
    expect(b.busy).toBe(false);
    b.asked();
    b.paints();
    b.stop();
    expect(b.busy).toBe(false);
    expect(changes).toEqual([true, false, true, false]);
  });
});
