/**
 * Keeps the computer from sleeping while something must not be interrupted (a recording). The
 * Electron implementation uses the power-save blocker; `hold` returns the function that releases.
 */
export interface KeepAwake {
  hold(reason: string): () => void;
}
