import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { writeFileAtomic } from '../fs-atomic';

const workstationSchema = z.object({ id: z.uuid(), name: z.string().min(1).max(100) });
export type Workstation = z.infer<typeof workstationSchema>;

/**
 * This machine's identity for the access log. It lives beside the database rather than in it,
 * so a database restored on another PC is logged under that PC's own id.
 */
export function loadWorkstation(file: string): Workstation {
  try {
    const parsed = workstationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError))
      throw error;
  }
  const created: Workstation = {
    id: crypto.randomUUID(),
    name: os.hostname().slice(0, 100) || 'workstation',
  };
  writeFileAtomic(file, `${JSON.stringify(created, null, 2)}\n`);
  return created;
}
