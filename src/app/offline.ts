/**
 * Registers the service worker that keeps the studio usable offline after a first visit
 * (src/serving/service-worker.ts). Production builds only: the dev server has no
 * `sw.js`, and a worker caching its ever-changing modules would only get in the way.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the page has loaded, so storing the build does not compete with the first start.
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`)
      .catch((err: unknown) => console.warn('Offline use unavailable:', err));
  });
}
