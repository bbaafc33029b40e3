/**
 * An async result that follows its inputs: `{current, loading, error}`. A newer run
 * supersedes an older one, so a slow stale query never overwrites a fresh result.
 * Create it during component initialisation (it owns an $effect).
 */
export class Resource<T> {
  current = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #seq = 0;

  constructor(load: () => (() => Promise<T>) | null) {
    $effect(() => {
      const run = load();
      const seq = ++this.#seq;
      if (!run) {
        this.current = null;
        this.loading = false;
        return;
      }
      this.loading = true;
      run().then(
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
    });
  }
}
