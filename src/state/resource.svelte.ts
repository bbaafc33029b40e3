/**
 * An async result that follows its inputs: `{current, loading, error}`. A newer run
 * supersedes an older one, so a slow stale query never overwrites a fresh result, and the
 * older run's signal is aborted (as on unmount), so its queries that have not started are dropped.
 * Create it during component initialisation (it owns an $effect).
 */
export class Resource<T> {
  current = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #seq = 0;

  constructor(load: () => ((signal: AbortSignal) => Promise<T>) | null) {
    $effect(() => {
      const run = load();
      const seq = ++this.#seq;
      if (!run) {
        this.current = null;
        this.loading = false;
        return;
      }
      this.loading = true;
      const stop = new AbortController();
      run(stop.signal).then(
        (v) => {
          if (seq !== this.#seq) return;
          this.current = v;
          this.error = null;
          this.loading = false;
        },
        (e: unknown) => {
          if (seq !== this.#seq) return;
          this.error = e instanceof Error ? e.message : String(e);
          this.loading = false;
        },
      );
      // Runs before the next run and on unmount.
      return () => stop.abort();
    });
  }
}
