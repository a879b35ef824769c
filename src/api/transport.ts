import type { Transport } from '../../electron/shared/contract/client';
import { PRELOAD_GLOBAL, type PreloadApi } from '../../electron/shared/contract/preload-api';
import { preloadTransport } from './preload-transport';

/**
 * The one place the renderer picks how it reaches the core: the preload in Electron; the
 * WebSocket bridge in the browser preview. The bridge is imported only when the bundle is built
 * in 'preview' mode — in a production build this branch is dead code and the bridge is not in it.
 */
export async function chooseTransport(): Promise<Transport> {
  const preload = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  if (preload) return preloadTransport(preload);
  if (import.meta.env.MODE === 'preview') {
    const { bridgeTransport } = await import('./bridge-transport');
    return bridgeTransport();
  }
  throw new Error('No way to reach the clinic core: this page must run inside the app.');
}
