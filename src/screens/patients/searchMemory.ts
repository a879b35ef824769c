/**
 * The last patient search of this window, so "back to search" from a patient's page shows the
 * same results. Kept in memory only: a search can contain a name, and is never stored.
 */
let lastQuery = '';

export function rememberSearch(query: string): void {
  lastQuery = query;
}

export function searchPath(): string {
  return lastQuery ? `/patients?${new URLSearchParams({ q: lastQuery }).toString()}` : '/patients';
}
