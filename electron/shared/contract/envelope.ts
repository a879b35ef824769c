import type { ErrorShape } from '../errors';

/** Every answer crossing a process boundary: a value, or an error the UI can show. */
export type Envelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorShape };
