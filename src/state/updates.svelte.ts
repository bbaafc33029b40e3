/** Service worker registration: the page works offline after one visit, and offers new versions. */
import { registerSW } from 'virtual:pwa-register';

export class Updates {
  available = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.available = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  /** Activates the waiting version and reloads; only ever on the user's click. */
  async apply(): Promise<void> {
    await this.#update?.(true);
  }
}
