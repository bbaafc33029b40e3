/**
 * Whether a chart still owes the page a paint: from a new option until ECharts says 'finished'
 * after drawing it. Its panel stays busy meanwhile (Chart.svelte, panel-context.ts), so that
 * "drawn" means painted in full: a heatmap of thousands of cells is painted over several frames.
 */
export class ChartBusy {
  #busy = false;
  /** Laid out, and not painted in full yet. */
  #painting = false;
  readonly #onChange: (busy: boolean) => void;

  constructor(onChange: (busy: boolean) => void) {
    this.#onChange = onChange;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** A new option, drawn in the chart's turn. */
  asked(): void {
    this.#set(true);
  }

  /** The chart's turn laid out something (a new option or size), which ECharts now paints. */
  paints(): void {
    this.#painting = true;
  }

  /**
   * The turn had nothing to paint (a resize to the same size) or failed. It must not end a paint
   * still under way: that made a panel "drawn" while its heatmap was half painted.
   */
  nothingPainted(): void {
    if (!this.#painting) this.#set(false);
  }

  /** ECharts has painted everything it was given; `optionWaiting`: a newer option waits for its turn. */
  finished(optionWaiting: boolean): void {
    this.#painting = false;
    if (!optionWaiting) this.#set(false);
  }

  /** The chart is gone. */
  stop(): void {
    this.#painting = false;
    this.#set(false);
  }

  #set(on: boolean): void {
    if (this.#busy === on) return;
    this.#busy = on;
    this.#onChange(on);
  }
}
