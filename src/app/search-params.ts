import { useRef } from 'react';
import { useSearchParams } from 'react-router';

/** Parameters to set (a string) or remove (null); the rest of the address stays. */
export type ParamChanges = Record<string, string | null>;

/**
 * The screen's address parameters and a way to change some of them. A change given as a function
 * starts from the address as last asked for, not as last drawn: React Router hands its own
 * functional update the parameters of the last render, so two clicks before a redraw would both
 * start from the same place (two "next day" clicks moving one day).
 */
export function useAddressParams(): [
  URLSearchParams,
  (changes: ParamChanges | ((current: URLSearchParams) => ParamChanges)) => void,
] {
  const [params, setParams] = useSearchParams();
  // Moves on at each change; follows the address whenever it changes from elsewhere.
  const latest = useRef({ seen: params, wanted: params });
  if (latest.current.seen !== params) latest.current = { seen: params, wanted: params };
  const update = (changes: ParamChanges | ((current: URLSearchParams) => ParamChanges)) => {
    const current = latest.current.wanted;
    const next = new URLSearchParams(current);
    const wanted = typeof changes === 'function' ? changes(current) : changes;
    for (const [name, value] of Object.entries(wanted)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    latest.current.wanted = next;
    setParams(next);
  };
  return [params, update];
}
