import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NONCE_BYTES, TAG_BYTES, gcmDecrypt, gcmEncrypt } from '../crypto/aead';
import { AppError } from '../errors';
import { fsyncDir } from '../fs-atomic';
import { BYTES_PER_SAMPLE, SAMPLE_RATE } from './audio-format';

/**
 * The encrypted files of one recording, in `<data>/audio/<recording id>/`:
 *
 * Chunk file (chunk-000001.bin), version 1, written once and atomically:
 *
 *   header (60) = "HAUDCHNK" ‖ version 1 (u8) ‖ format 1 = pcm_s16le (u8) ‖ 0 (u16)
 *                 ‖ sample rate (u32) ‖ chunk index (u32) ‖ sample count (u32)
 *                 ‖ recording id (36 ASCII)
 *   body        = nonce (12) ‖ AES-256-GCM(audio key, PCM) ‖ tag (16)
 *   associated data = "helssa.audio.chunk.v1\0" ‖ header
 *
 * Journal (journal.bin), version 1: the audio of the chunk being filled, appended and fsynced
 * every second or so, so a crash loses at most the last interval:
 *
 *   header (52) = "HAUDJRNL" ‖ version 1 (u8) ‖ 0 (3 bytes) ‖ chunk index (u32)
 *                 ‖ recording id (36 ASCII)
 *   record      = length of sealed (u32) ‖ sequence number (u32, from 1)
 *                 ‖ sealed = nonce (12) ‖ AES-256-GCM(audio key, PCM) ‖ tag (16)
 *   associated data = "helssa.audio.journal.v1\0" ‖ journal header ‖ sequence ‖ length
 *
 * Every record authenticates on its own and names its recording, chunk and place, so records
 * cannot be reordered, dropped from the middle, or moved between recordings or chunks without
 * detection; reading stops at the first record that fails (a torn write at a crash). All
 * integers are big-endian. No plaintext is ever written, not even to a temporary file.
 */
const CHUNK_MAGIC = Buffer.from('HAUDCHNK', 'ascii');
const JOURNAL_MAGIC = Buffer.from('HAUDJRNL', 'ascii');
const FORMAT_VERSION = 1;
const FORMAT_PCM_S16LE = 1;
const ID_BYTES = 36;
export const CHUNK_HEADER_BYTES = 8 + 1 + 1 + 2 + 4 + 4 + 4 + ID_BYTES;
export const JOURNAL_HEADER_BYTES = 8 + 1 + 3 + 4 + ID_BYTES;
const RECORD_PREFIX_BYTES = 8;
/** Larger than any record the writer makes (a few seconds of audio); guards a corrupt length. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const CHUNK_AAD = Buffer.from('helssa.audio.chunk.v1\0', 'ascii');
const JOURNAL_AAD = Buffer.from('helssa.audio.journal.v1\0', 'ascii');

export const JOURNAL_FILE = 'journal.bin';

export function chunkFileName(index: number): string {
  return `chunk-${String(index).padStart(6, '0')}.bin`;
}

export function recordingDir(audioRoot: string, recordingId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(recordingId)) throw new Error(`bad recording id ${recordingId}`);
  return path.join(audioRoot, recordingId);
}

function idBytes(recordingId: string): Buffer {
  const bytes = Buffer.from(recordingId, 'ascii');
  if (bytes.length !== ID_BYTES) throw new Error(`bad recording id ${recordingId}`);
  return bytes;
}

function unreadable(detail: string): AppError {
  return new AppError('tampered', 'recording.audioUnreadable', { detail });
}

// ---------------------------------------------------------------------------------------------
// Chunk files

export function sealChunk(key: Buffer, recordingId: string, index: number, pcm: Buffer): Buffer {
  const header = Buffer.alloc(CHUNK_HEADER_BYTES);
  CHUNK_MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 8);
  header.writeUInt8(FORMAT_PCM_S16LE, 9);
  header.writeUInt32BE(SAMPLE_RATE, 12);
  header.writeUInt32BE(index, 16);
  header.writeUInt32BE(pcm.length / BYTES_PER_SAMPLE, 20);
  idBytes(recordingId).copy(header, 24);
  return gcmEncrypt(key, pcm, Buffer.concat([CHUNK_AAD, header]), header);
}

/**
 * Opens a chunk file's bytes, checking that it is the chunk the caller expects. Throws
 * `tampered` when anything is off; the plaintext exists only in the returned buffer.
 */
export function openChunk(
  key: Buffer,
  file: Buffer,
  expected: { recordingId: string; index: number; where: string },
): Buffer {
  const { where } = expected;
  if (file.length < CHUNK_HEADER_BYTES + NONCE_BYTES + TAG_BYTES) {
    throw unreadable(`${where}: too short (${file.length} bytes)`);
  }
  const header = file.subarray(0, CHUNK_HEADER_BYTES);
  if (!header.subarray(0, 8).equals(CHUNK_MAGIC) || header.readUInt8(8) !== FORMAT_VERSION) {
    throw unreadable(`${where}: not a version ${FORMAT_VERSION} audio chunk`);
  }
  const index = header.readUInt32BE(16);
  const recordingId = header.subarray(24, 24 + ID_BYTES).toString('ascii');
  if (index !== expected.index || recordingId !== expected.recordingId) {
    throw unreadable(`${where}: holds chunk ${index} of ${recordingId}`);
  }
  const pcm = gcmDecrypt(
    key,
    file.subarray(CHUNK_HEADER_BYTES),
    Buffer.concat([CHUNK_AAD, header]),
  );
  if (!pcm) throw unreadable(`${where}: authentication failed (altered or wrong key)`);
  if (pcm.length !== header.readUInt32BE(20) * BYTES_PER_SAMPLE) {
    throw unreadable(`${where}: length does not match its header`);
  }
  return pcm;
}

export function sha256(bytes: Buffer): Buffer {
  return crypto.createHash('sha256').update(bytes).digest();
}

// ---------------------------------------------------------------------------------------------
// Journal

function journalHeader(recordingId: string, chunkIndex: number): Buffer {
  const header = Buffer.alloc(JOURNAL_HEADER_BYTES);
  JOURNAL_MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 8);
  header.writeUInt32BE(chunkIndex, 12);
  idBytes(recordingId).copy(header, 16);
  return header;
}

function recordAad(header: Buffer, seq: number, length: number): Buffer {
  const tail = Buffer.alloc(8);
  tail.writeUInt32BE(seq, 0);
  tail.writeUInt32BE(length, 4);
  return Buffer.concat([JOURNAL_AAD, header, tail]);
}

/**
 * The open journal of a running recording. Each `append` seals one record, writes it after the
 * last and fsyncs the file before returning.
 */
export class JournalFile {
  private readonly fd: number;
  private readonly recordingId: string;
  private header: Buffer;
  private offset = 0;
  private seq = 0;
  private bytesOfAudio = 0;

  private constructor(fd: number, recordingId: string, chunkIndex: number) {
    this.fd = fd;
    this.recordingId = recordingId;
    this.header = journalHeader(recordingId, chunkIndex);
  }

  /** Creates (or replaces) the journal of `dir` for chunk `chunkIndex`. */
  static create(dir: string, recordingId: string, chunkIndex: number): JournalFile {
    const fd = fs.openSync(path.join(dir, JOURNAL_FILE), 'w', 0o600);
    const journal = new JournalFile(fd, recordingId, chunkIndex);
    try {
      journal.start(chunkIndex);
      fsyncDir(dir);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    return journal;
  }

  get chunkIndex(): number {
    return this.header.readUInt32BE(12);
  }

  /** Audio bytes journaled for the current chunk. */
  get audioBytes(): number {
    return this.bytesOfAudio;
  }

  append(key: Buffer, pcm: Buffer): void {
    if (pcm.length === 0) return;
    const seq = this.seq + 1;
    const length = NONCE_BYTES + pcm.length + TAG_BYTES;
    const prefix = Buffer.alloc(RECORD_PREFIX_BYTES);
    prefix.writeUInt32BE(length, 0);
    prefix.writeUInt32BE(seq, 4);
    const record = gcmEncrypt(key, pcm, recordAad(this.header, seq, length), prefix);
    fs.writeSync(this.fd, record, 0, record.length, this.offset);
    fs.fsyncSync(this.fd);
    this.offset += record.length;
    this.seq = seq;
    this.bytesOfAudio += pcm.length;
  }

  /**
   * Starts over for the next chunk, once the previous one is safely a chunk file with its row:
   * truncate, new header, fsync. A crash in between leaves an empty or header-only journal,
   * which recovery reads as "nothing pending".
   */
  rotate(chunkIndex: number): void {
    this.start(chunkIndex);
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private start(chunkIndex: number): void {
    this.header = journalHeader(this.recordingId, chunkIndex);
    fs.ftruncateSync(this.fd, 0);
    fs.writeSync(this.fd, this.header, 0, this.header.length, 0);
    fs.fsyncSync(this.fd);
    this.offset = this.header.length;
    this.seq = 0;
    this.bytesOfAudio = 0;
  }
}

export interface JournalContents {
  /** The chunk the journal was collecting for; null when there is no usable header. */
  readonly chunkIndex: number | null;
  /** The audio of every record up to the first bad one. */
  readonly pcm: Buffer;
  readonly records: number;
  /** Why reading stopped: the clean end, a torn or altered record, or an unusable header. */
  readonly end: 'end' | 'torn' | 'bad_record' | 'no_header' | 'missing';
}

/** Reads back a journal after a crash: every valid record, in order, up to the first bad one. */
export function readJournal(key: Buffer, file: string, recordingId: string): JournalContents {
  if (!fs.existsSync(file))
    return { chunkIndex: null, pcm: Buffer.alloc(0), records: 0, end: 'missing' };
  const bytes = fs.readFileSync(file);
  const header = bytes.subarray(0, JOURNAL_HEADER_BYTES);
  if (
    header.length < JOURNAL_HEADER_BYTES ||
    !header.subarray(0, 8).equals(JOURNAL_MAGIC) ||
    header.readUInt8(8) !== FORMAT_VERSION ||
    header.subarray(16).toString('ascii') !== recordingId
  ) {
    return { chunkIndex: null, pcm: Buffer.alloc(0), records: 0, end: 'no_header' };
  }
  const chunkIndex = header.readUInt32BE(12);
  const parts: Buffer[] = [];
  let offset = JOURNAL_HEADER_BYTES;
  let seq = 0;
  let end: JournalContents['end'] = 'end';
  while (offset < bytes.length) {
    if (offset + RECORD_PREFIX_BYTES > bytes.length) {
      end = 'torn';
      break;
    }
    const length = bytes.readUInt32BE(offset);
    const recordSeq = bytes.readUInt32BE(offset + 4);
    if (length < NONCE_BYTES + TAG_BYTES || length > MAX_RECORD_BYTES || recordSeq !== seq + 1) {
      end = 'bad_record';
      break;
    }
    const start = offset + RECORD_PREFIX_BYTES;
    if (start + length > bytes.length) {
      end = 'torn';
      break;
    }
    const pcm = gcmDecrypt(
      key,
      bytes.subarray(start, start + length),
      recordAad(header, recordSeq, length),
    );
    if (!pcm) {
      end = 'bad_record';
      break;
    }
    parts.push(pcm);
    seq = recordSeq;
    offset = start + length;
  }
  const pcm = Buffer.concat(parts);
  for (const part of parts) part.fill(0);
  return { chunkIndex, pcm, records: seq, end };
}
