/**
 * Service worker registration: the page works offline after one visit, and offers new versions.
 * A new version waits until the user asks for it (the service worker never takes over on its
 * own), so a running analysis is never cut off by a reload. Written out rather than taken from
 * workbox-window: these few lines are all of it the page used, at a tenth of its size.
 */
export class Updates {
  available = $state(false);
  #waiting: ServiceWorker | null = null;

  start(): void {
    // The development server serves no service worker.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .then((reg) => {
        this.#offer(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const next = reg.installing;
          next?.addEventListener('statechange', () => next.state === 'installed' && this.#offer(next));
        });
      })
      // Without a service worker the page still works; it is just not available offline.
      .catch((e: unknown) => console.warn('Service worker not registered:', e));
  }

  /** Only an update waits: a first install (no controller yet) becomes active by itself. */
  #offer(sw: ServiceWorker | null): void {
    if (!sw || !navigator.serviceWorker.controller) return;
    this.#waiting = sw;
    this.available = true;
  }

  /** Activates the waiting version and reloads; only ever on the user's click. */
  apply(): void {
    const sw = this.#waiting;
    if (!sw) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    // The generated service worker skips waiting on this message (registerType 'prompt').
    sw.postMessage({ type: 'SKIP_WAITING' });
  }
}
