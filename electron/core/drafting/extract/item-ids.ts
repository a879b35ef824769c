import { uuidv7 } from '../../ids';

/** Makes the id of a structured item (vital, medication, …) in a draft. */
export type NewItemId = () => string;

/** Time-ordered UUIDs, as everywhere else in the core; tests pass a counter instead. */
export const newItemId: NewItemId = () => uuidv7();

/** Deterministic ids for tests and benchmarks: prefix-1, prefix-2, … */
export function sequentialIds(prefix: string): NewItemId {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export interface ExtractOptions {
  readonly newId?: NewItemId;
}
