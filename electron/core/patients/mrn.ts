import { jalaliYearOf } from '../../shared/dates/jalali';
import { q, type WriteTx } from '../db/database';

/**
 * Medical record numbers: the Jalali year of registration and a per-year sequence, e.g.
 * '1405-00042' — the pattern Iranian clinics' paper files use. `isTaken` lets the allocator skip
 * a number someone entered by hand.
 */
export function allocateMrn(tx: WriteTx, now: Date, isTaken: (mrn: string) => boolean): string {
  const year = jalaliYearOf(now);
  const name = `mrn:${year}`;
  for (;;) {
    const current = tx.first(q.selectFrom('counters').select('value').where('name', '=', name));
    const next = (current?.value ?? 0) + 1;
    tx.run(
      q
        .insertInto('counters')
        .values({ name, value: next })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value: next })),
    );
    const mrn = `${year}-${String(next).padStart(5, '0')}`;
    if (!isTaken(mrn)) return mrn;
  }
}
