import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeValidNationalId } from '../../shared/patients/national-id';
import { makeTempDir, removeDir } from '../testing/fixtures';

/**
 * Plaintext patient data never reaches disk. A child process (with its own temporary directory)
 * writes, searches, reads, updates, deletes, rotates keys, backs up and restores patients with
 * distinctive names, phone numbers and IDs, and books, overrides, cancels and waitlists visits
 * with distinctive complaints and notes; then every byte of the database, its WAL and shared
 * memory file, the temporary directory and the logs is searched for them.
 */
const values = {
  firstName: 'شهرزادپرنیان',
  lastName: 'کوهسارانی‌زاده',
  latinName: 'Xerxesovna',
  phone: '09137779911',
  nationalId: makeValidNationalId('987654321'),
  mrn: 'QZX-4471',
  allergy: 'زعفران‌گریزی',
  address: 'کوچه‌نیلوفرآبی',
  complaint: 'سرگیجه‌یکطرفه‌نادر',
  visitNote: 'یادداشت‌لغوپنهان‌وار',
};

function needles(): { label: string; bytes: Buffer }[] {
  const list: { label: string; bytes: Buffer }[] = [];
  for (const [label, value] of Object.entries(values)) {
    const forms = new Set([value, value.replace(/\u200c/g, ''), value.toLowerCase()]);
    for (const form of forms) {
      list.push({ label: `${label} (utf-8)`, bytes: Buffer.from(form, 'utf8') });
      list.push({ label: `${label} (utf-16le)`, bytes: Buffer.from(form, 'utf16le') });
    }
  }
  // Distinctive fragments too, so a partial write (a search prefix, a token) is caught.
  for (const fragment of [
    'پرنیان',
    'شهرزادپ',
    'کوهساران',
    'xerxes',
    '7779911',
    values.nationalId.slice(2),
  ]) {
    list.push({ label: `fragment ${fragment}`, bytes: Buffer.from(fragment, 'utf8') });
  }
  return list;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

function leaks(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const content = fs.readFileSync(file);
    for (const needle of needles()) {
      if (content.includes(needle.bytes)) found.push(`${path.basename(file)}: ${needle.label}`);
    }
  }
  return found;
}

describe('no plaintext patient data on disk', () => {
  let root: string;
  let dataDir: string;
  let tmpDir: string;
  let child: ReturnType<typeof spawn>;
  let output = '';

  const waitFor = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (output.includes(marker) ? resolve() : undefined);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        check();
      });
      child.on('exit', (code) =>
        output.includes(marker) ? resolve() : reject(new Error(`child exited ${code}: ${output}`)),
      );
      check();
    });

  beforeAll(async () => {
    root = makeTempDir('helssa-leak');
    dataDir = path.join(root, 'data');
    tmpDir = path.join(root, 'tmp');
    fs.mkdirSync(tmpDir);
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../testing/scripts/write-distinctive-patients.ts'),
        dataDir,
        JSON.stringify(values),
      ],
      {
        env: { ...process.env, TMPDIR: tmpDir, SQLITE_TMPDIR: tmpDir, TEMP: tmpDir, TMP: tmpDir },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    await waitFor('READY');
  }, 120_000);

  afterAll(() => {
    child.kill();
    removeDir(root);
  });

  it('the scan itself finds the values when they are there', () => {
    const probe = path.join(root, 'probe.txt');
    fs.writeFileSync(probe, `x ${values.lastName} y ${values.phone}`);
    expect(leaks([probe]).length).toBeGreaterThan(0);
    fs.rmSync(probe);
  });

  it('while the database is open: database, WAL, shared memory, temp directory and logs hold none of it', () => {
    const files = [...filesUnder(dataDir), ...filesUnder(tmpDir)];
    expect(files.some((file) => file.endsWith('helssa.db-wal'))).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'helssa.db-wal')).size).toBeGreaterThan(0);
    expect(files.some((file) => file.endsWith('helssa.log'))).toBe(true);
    expect(leaks(files)).toEqual([]);
  });

  it('after closing (WAL folded into the database) and in the kept copies, none of it either', async () => {
    child.stdin!.write('close\n');
    await waitFor('CLOSED');
    const files = [...filesUnder(dataDir), ...filesUnder(tmpDir)];
    expect(files.some((file) => file.includes(path.join('backups', 'replaced')))).toBe(true);
    expect(leaks(files)).toEqual([]);
  });
});
