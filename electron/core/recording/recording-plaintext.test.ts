import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestClinic, setUpTestClinic, type TestClinic } from '../testing/fixtures';
import { SAMPLE_RATE } from './audio-format';
import { addVisit, consent } from './test-support';

/**
 * No plaintext audio on disk: record a distinctive byte pattern and search every file of the
 * data folder — chunk files, the journal while recording, the database, its WAL — for it.
 */
const PATTERN = Buffer.from('HELSSA-PLAIN-PCM-7f3a9c', 'ascii'); // 24 bytes = 12 samples

function distinctivePcm(seconds: number): Buffer {
  const bytes = Buffer.alloc(seconds * SAMPLE_RATE * 2);
  for (let offset = 0; offset < bytes.length; offset += PATTERN.length) PATTERN.copy(bytes, offset);
  return bytes;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((entry) => (entry.isFile() ? [path.join(entry.parentPath, entry.name)] : []));
}

/** Files holding the pattern, or a 12-byte piece of it (a partial frame). */
function leaks(dir: string): string[] {
  const needles = [PATTERN, PATTERN.subarray(0, 12), PATTERN.subarray(12)];
  return filesUnder(dir).filter((file) => {
    const content = fs.readFileSync(file);
    return needles.some((needle) => content.includes(needle));
  });
}

describe('no plaintext audio on disk', () => {
  let clinic: TestClinic;
  beforeAll(async () => {
    clinic = await setUpTestClinic(undefined, { recording: { chunkSeconds: 2, minFreeBytes: 1 } });
  });
  afterAll(() => closeTestClinic(clinic));

  it('the scan finds the pattern when it is there', () => {
    const probe = path.join(clinic.dir, 'probe.bin');
    fs.writeFileSync(probe, distinctivePcm(1));
    expect(leaks(clinic.dir)).toEqual([probe]);
    fs.rmSync(probe);
  });

  it('neither while recording (journal, chunks, database, WAL) nor after stopping', () => {
    const { encounterId } = addVisit(clinic, clinic.admin.id);
    consent(clinic, clinic.adminActor, encounterId);
    const writer = clinic.services.recordings.start(clinic.adminActor, { encounterId });
    const pcm = distinctivePcm(5);
    for (let offset = 0; offset < pcm.length; offset += 640)
      writer.append(pcm.subarray(offset, offset + 640));
    writer.flush();
    const dir = path.join(clinic.dir, 'audio', writer.recordingId);
    // Only encrypted files of known names; no temporary or plaintext side files.
    expect(fs.readdirSync(dir).sort()).toEqual([
      'chunk-000001.bin',
      'chunk-000002.bin',
      'journal.bin',
      'writer.lock',
    ]);
    expect(fs.statSync(path.join(dir, 'journal.bin')).size).toBeGreaterThan(SAMPLE_RATE * 2);
    expect(fs.existsSync(`${clinic.core.db.file}-wal`)).toBe(true);
    expect(leaks(clinic.dir)).toEqual([]);

    writer.stop();
    const [chunk] = clinic.services.recordings.get(clinic.adminActor, writer.recordingId).chunkList;
    // Reading back is in memory only.
    expect(
      clinic.services.recordings.readChunkPcm(clinic.adminActor, chunk!.id).includes(PATTERN),
    ).toBe(true);
    expect(leaks(clinic.dir)).toEqual([]);
  });
});
