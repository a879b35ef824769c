import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import { gcmDecrypt, gcmEncrypt, KEY_BYTES, NONCE_BYTES, TAG_BYTES } from '../crypto/aead';
import { SCRYPT_DEFAULTS, scryptAsync, type ScryptParams } from '../crypto/scrypt';

/**
 * Backup file format, version 1:
 *
 *   "HELSSABK" ‖ version (u8) ‖ header length (u32 BE) ‖ header (JSON)
 *   then chunks: length (u32 BE) ‖ nonce ‖ AES-256-GCM(1 MiB of the database snapshot) ‖ tag
 *
 * The backup passphrase gives, through scrypt and HKDF, a key for the chunks and a key for the
 * bundled root key. Each chunk's associated data holds a hash of the header, its index and
 * whether it is the last one, so a chunk cannot be altered, dropped, reordered or cut off, and
 * the header cannot be swapped, without the restore noticing.
 */
const MAGIC = Buffer.from('HELSSABK', 'ascii');
const FORMAT_VERSION = 1;
const CHUNK_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;

const headerSchema = z.object({
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  kdf: z.object({
    logN: z.number().int().min(14).max(22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string(),
  }),
  /** The database's root key, sealed with the passphrase-derived key. */
  rootKey: z.string(),
  snapshotBytes: z.number().int().nonnegative(),
});
export type BackupHeader = z.infer<typeof headerSchema>;

interface DerivedKeys {
  readonly chunkKey: Buffer;
  readonly bundleKey: Buffer;
}

async function deriveKeys(passphrase: string, kdf: BackupHeader['kdf']): Promise<DerivedKeys> {
  const params: ScryptParams = { logN: kdf.logN, r: kdf.r, p: kdf.p };
  const master = await scryptAsync(passphrase, Buffer.from(kdf.salt, 'base64'), KEY_BYTES, params);
  const derive = (label: string) =>
    Buffer.from(
      crypto.hkdfSync('sha256', master, Buffer.alloc(0), `helssa.backup.v1:${label}`, KEY_BYTES),
    );
  const keys = { chunkKey: derive('chunks'), bundleKey: derive('root-key') };
  master.fill(0);
  return keys;
}

function chunkAad(headerHash: Buffer, index: number, last: boolean): Buffer {
  const aad = Buffer.alloc(headerHash.length + 9);
  headerHash.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), headerHash.length);
  aad.writeUInt8(last ? 1 : 0, headerHash.length + 8);
  return aad;
}

const ROOT_AAD = Buffer.from('helssa.backup.v1:root-key');

export interface WriteBackupOptions {
  readonly snapshotFile: string;
  readonly outFile: string;
  readonly passphrase: string;
  readonly rootKey: Buffer;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/** Encrypts a database snapshot into a backup file (written beside, then renamed into place). */
export async function writeBackupFile(options: WriteBackupOptions): Promise<{ bytes: number }> {
  const salt = crypto.randomBytes(16);
  const kdf = { ...SCRYPT_DEFAULTS, salt: salt.toString('base64') };
  const keys = await deriveKeys(options.passphrase, kdf);
  const snapshotBytes = fs.statSync(options.snapshotFile).size;
  const header: BackupHeader = {
    createdAt: options.createdAt,
    schemaVersion: options.schemaVersion,
    kdf,
    rootKey: gcmEncrypt(keys.bundleKey, options.rootKey, ROOT_AAD).toString('base64'),
    snapshotBytes,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerHash = crypto.createHash('sha256').update(headerBytes).digest();
  const partial = `${options.outFile}.partial`;
  const input = await fs.promises.open(options.snapshotFile, 'r');
  const output = await fs.promises.open(partial, 'w', 0o600);
  try {
    const prefix = Buffer.alloc(MAGIC.length + 5);
    MAGIC.copy(prefix);
    prefix.writeUInt8(FORMAT_VERSION, MAGIC.length);
    prefix.writeUInt32BE(headerBytes.length, MAGIC.length + 1);
    await output.write(Buffer.concat([prefix, headerBytes]));
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let done = 0;
    let index = 0;
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, CHUNK_BYTES, done);
      const last = done + bytesRead >= snapshotBytes;
      const sealed = gcmEncrypt(
        keys.chunkKey,
        buffer.subarray(0, bytesRead),
        chunkAad(headerHash, index, last),
      );
      const length = Buffer.alloc(4);
      length.writeUInt32BE(sealed.length);
      await output.write(Buffer.concat([length, sealed]));
      done += bytesRead;
      index += 1;
      options.onProgress?.(done, snapshotBytes);
      if (last) break;
    }
    await output.sync();
  } catch (error) {
    await output.close();
    await input.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  await output.close();
  await input.close();
  fs.renameSync(partial, options.outFile);
  keys.chunkKey.fill(0);
  keys.bundleKey.fill(0);
  return { bytes: fs.statSync(options.outFile).size };
}

function invalid(detail: string): AppError {
  return new AppError('backup_invalid', 'backup.invalid', { detail });
}

export interface OpenedBackup {
  readonly header: BackupHeader;
  readonly rootKey: Buffer;
}

/**
 * Checks a backup file from end to end and writes the database it holds to `snapshotFile`.
 * Nothing is returned unless every chunk authenticated and the last one was seen.
 */
export async function readBackupFile(
  file: string,
  passphrase: string,
  snapshotFile: string,
  onProgress?: (doneBytes: number, totalBytes: number) => void,
): Promise<OpenedBackup> {
  let input: fs.promises.FileHandle;
  try {
    input = await fs.promises.open(file, 'r');
  } catch (error) {
    throw new AppError('io', 'backup.cannotRead', {
      detail: (error as Error).message,
      cause: error,
    });
  }
  const output = await fs.promises.open(snapshotFile, 'w', 0o600);
  try {
    const readExactly = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await input.read(buffer, 0, length, position);
      if (bytesRead !== length) throw invalid('file ends early');
      return buffer;
    };
    const prefix = await readExactly(0, MAGIC.length + 5);
    if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw invalid('not a HELSSA backup file');
    if (prefix.readUInt8(MAGIC.length) !== FORMAT_VERSION)
      throw invalid('unknown backup format version');
    const headerLength = prefix.readUInt32BE(MAGIC.length + 1);
    if (headerLength > MAX_HEADER_BYTES) throw invalid('header too large');
    const headerBytes = await readExactly(prefix.length, headerLength);
    let header: BackupHeader;
    try {
      header = headerSchema.parse(JSON.parse(headerBytes.toString('utf8')));
    } catch {
      throw invalid('header unreadable');
    }
    const keys = await deriveKeys(passphrase, header.kdf);
    const rootKey = gcmDecrypt(keys.bundleKey, Buffer.from(header.rootKey, 'base64'), ROOT_AAD);
    if (!rootKey) throw new AppError('wrong_passphrase', 'backup.wrongPassphrase');
    const headerHash = crypto.createHash('sha256').update(headerBytes).digest();
    const { size } = await input.stat();
    let position = prefix.length + headerLength;
    let written = 0;
    let index = 0;
    let sawLast = false;
    while (position < size) {
      if (sawLast) throw invalid('data after the last chunk');
      const length = (await readExactly(position, 4)).readUInt32BE(0);
      if (length < NONCE_BYTES + TAG_BYTES || length > CHUNK_BYTES + NONCE_BYTES + TAG_BYTES) {
        throw invalid(`chunk ${index} has an impossible length`);
      }
      const sealed = await readExactly(position + 4, length);
      let plain = gcmDecrypt(keys.chunkKey, sealed, chunkAad(headerHash, index, false));
      if (!plain) {
        plain = gcmDecrypt(keys.chunkKey, sealed, chunkAad(headerHash, index, true));
        if (!plain) throw invalid(`chunk ${index} failed authentication`);
        sawLast = true;
      }
      await output.write(plain, 0, plain.length, written);
      written += plain.length;
      position += 4 + length;
      index += 1;
      onProgress?.(written, header.snapshotBytes);
    }
    if (!sawLast) throw invalid('the file was cut short');
    if (written !== header.snapshotBytes) throw invalid('size does not match the header');
    await output.sync();
    keys.chunkKey.fill(0);
    keys.bundleKey.fill(0);
    return { header, rootKey };
  } finally {
    await output.close();
    await input.close();
  }
}
