/**
 * One capture measurement in a fresh process, run by capture.ts:
 *   node --expose-gc --import tsx bench/capture-child.ts '<json config>'
 * Feeds 20 ms frames (320 samples, a new Int16Array each, as the renderer's audio port delivers
 * them) for `seconds` of audio, either as fast as possible or paced at real time, into
 *   store: a RecordingWriter from RecordingService.start (journal fsynced every flush interval,
 *          30 s encrypted chunk files, a database row per chunk), or
 *   raw:   the same bytes through plain AES-256-GCM, fs writes and fsyncs at the same cadence
 *          (journal record per flush interval, a chunk file written atomically every chunk,
 *          journal restarted), without the store: no database, no validation, no access log, or
 *   none:  the frames only (made and dropped): what the feeding itself costs, subtracted from both.
 * Prints one JSON line: CPU (process.cpuUsage, user + system) and wall time, memory sampled every
 * second of audio, and process.resourceUsage().maxRSS.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addVisit, consent } from '../electron/core/recording/test-support';
import { addUser, setUpTestClinic } from '../electron/core/testing/fixtures';
import { readWavPcm } from './speech-audio';

export interface CaptureChildConfig {
  readonly contender: 'store' | 'raw' | 'none';
  readonly mode: 'fast' | 'paced';
  readonly seconds: number;
  readonly dataDir: string;
  /** A WAV file of speech, looped over. */
  readonly sourceWav: string;
  readonly chunkSeconds: number;
  readonly flushIntervalMs: number;
}

export interface CaptureChildResult {
  readonly contender: 'store' | 'raw' | 'none';
  readonly mode: 'fast' | 'paced';
  readonly audioSeconds: number;
  readonly frames: number;
  readonly wallMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly chunks: number;
  readonly flushes: number | null;
  readonly bytesOnDisk: number;
  readonly memory: {
    readonly baseline: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
    readonly peak: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
    readonly maxRssBytes: number;
    readonly samples: number;
  };
  /** Paced only: how late frames were delivered against the 20 ms clock (ms). */
  readonly lateMs: { p50: number; max: number } | null;
}

const SAMPLE_RATE = 16_000;
const FRAME = 320;
const FRAME_MS = 20;

interface Sink {
  append(frame: Int16Array): void;
  finish(): { chunks: number; flushes: number | null };
}

/** The store's I/O pattern by hand (see the file comment). */
class RawCapture implements Sink {
  private readonly key = crypto.randomBytes(32);
  private readonly buffer: Buffer;
  private readonly journal: number;
  private readonly timer: NodeJS.Timeout;
  private filled = 0;
  private flushed = 0;
  private offset = 0;
  private lastFlush = Date.now();
  private chunks = 0;
  private flushes = 0;
  private readonly header = Buffer.alloc(52, 7);

  constructor(
    private readonly dir: string,
    chunkSeconds: number,
    private readonly flushIntervalMs: number,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.buffer = Buffer.alloc(chunkSeconds * SAMPLE_RATE * 2);
    this.journal = fs.openSync(path.join(dir, 'journal.bin'), 'w', 0o600);
    this.restartJournal();
    this.timer = setInterval(
      () => {
        if (Date.now() - this.lastFlush >= this.flushIntervalMs) this.flush();
      },
      Math.max(50, flushIntervalMs / 2),
    );
    this.timer.unref();
  }

  append(frame: Int16Array): void {
    const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    let at = 0;
    while (at < bytes.length) {
      const take = Math.min(bytes.length - at, this.buffer.length - this.filled);
      bytes.copy(this.buffer, this.filled, at, at + take);
      this.filled += take;
      at += take;
      if (this.filled === this.buffer.length) this.closeChunk();
    }
    if (Date.now() - this.lastFlush >= this.flushIntervalMs) this.flush();
  }

  finish(): { chunks: number; flushes: number } {
    clearInterval(this.timer);
    if (this.filled > 0) this.closeChunk();
    fs.closeSync(this.journal);
    fs.rmSync(path.join(this.dir, 'journal.bin'), { force: true });
    return { chunks: this.chunks, flushes: this.flushes };
  }

  private seal(plain: Buffer, aad: Buffer): Buffer {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  private flush(): void {
    this.lastFlush = Date.now();
    if (this.flushed === this.filled) return;
    const record = this.seal(this.buffer.subarray(this.flushed, this.filled), this.header);
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(record.length, 0);
    prefix.writeUInt32BE(this.flushes + 1, 4);
    const bytes = Buffer.concat([prefix, record]);
    fs.writeSync(this.journal, bytes, 0, bytes.length, this.offset);
    fs.fsyncSync(this.journal);
    this.offset += bytes.length;
    this.flushed = this.filled;
    this.flushes += 1;
  }

  private closeChunk(): void {
    this.chunks += 1;
    const file = path.join(this.dir, `chunk-${String(this.chunks).padStart(6, '0')}.bin`);
    const sealed = Buffer.concat([
      this.header,
      this.seal(this.buffer.subarray(0, this.filled), this.header),
    ]);
    const temporary = `${file}.tmp`;
    const fd = fs.openSync(temporary, 'w', 0o600);
    fs.writeFileSync(fd, sealed);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, file);
    const dirFd = fs.openSync(this.dir, 'r');
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
    this.buffer.fill(0, 0, this.filled);
    this.filled = 0;
    this.flushed = 0;
    this.restartJournal();
  }

  private restartJournal(): void {
    fs.ftruncateSync(this.journal, 0);
    fs.writeSync(this.journal, this.header, 0, this.header.length, 0);
    fs.fsyncSync(this.journal);
    this.offset = this.header.length;
  }
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as CaptureChildConfig;
  const source = readWavPcm(config.sourceWav);
  const totalFrames = Math.round((config.seconds * SAMPLE_RATE) / FRAME);

  let sink: Sink;
  let audioDir: string;
  if (config.contender === 'store') {
    const clinic = await setUpTestClinic(config.dataDir, {
      recording: {
        chunkSeconds: config.chunkSeconds,
        flushIntervalMs: config.flushIntervalMs,
        minFreeBytes: 1,
      },
    });
    const doctor = await addUser(clinic, {
      username: 'dr.capture',
      displayName: 'دکتر ضبط',
      role: 'doctor',
    });
    const { encounterId } = addVisit(clinic, doctor.user.id);
    consent(clinic, doctor.actor, encounterId);
    const writer = clinic.services.recordings.start(doctor.actor, { encounterId });
    audioDir = path.join(config.dataDir, 'audio');
    let chunks = 0;
    sink = {
      append: (frame) => writer.append(frame),
      finish: () => {
        chunks = writer.stop().chunks;
        clinic.core.close();
        return { chunks, flushes: null };
      },
    };
  } else if (config.contender === 'raw') {
    audioDir = path.join(config.dataDir, 'raw');
    sink = new RawCapture(audioDir, config.chunkSeconds, config.flushIntervalMs);
  } else {
    audioDir = config.dataDir;
    fs.mkdirSync(audioDir, { recursive: true });
    let frames = 0;
    sink = {
      append: (frame) => {
        frames += frame.length > 0 ? 1 : 0;
      },
      finish: () => ({ chunks: 0, flushes: frames > 0 ? 0 : null }),
    };
  }

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  };
  const baseline = memory();
  const peak = { ...baseline };
  let samples = 0;
  const sample = () => {
    const m = memory();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
    samples += 1;
  };
  const frameAt = (i: number): Int16Array => {
    const at = (i * FRAME) % (source.length - FRAME);
    return source.slice(at, at + FRAME);
  };

  const late: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (config.mode === 'fast') {
    for (let i = 0; i < totalFrames; i++) {
      sink.append(frameAt(i));
      if (i % 50 === 49) {
        sample();
        // One yield per second of audio, so the writer's flush timer can run as it would.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } else {
    let next = 0;
    while (next < totalFrames) {
      const now = performance.now() - started;
      while (next < totalFrames && next * FRAME_MS <= now) {
        late.push(now - next * FRAME_MS);
        sink.append(frameAt(next));
        next += 1;
        if (next % 50 === 0) sample();
      }
      const wait = next * FRAME_MS - (performance.now() - started);
      if (next < totalFrames) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
      }
    }
  }
  const { chunks, flushes } = sink.finish();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  sample();
  late.sort((a, b) => a - b);
  const result: CaptureChildResult = {
    contender: config.contender,
    mode: config.mode,
    audioSeconds: (totalFrames * FRAME) / SAMPLE_RATE,
    frames: totalFrames,
    wallMs,
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    chunks,
    flushes,
    bytesOnDisk: dirBytes(audioDir),
    memory: {
      baseline,
      peak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      samples,
    },
    lateMs:
      late.length > 0
        ? { p50: late[Math.floor(late.length / 2)] ?? 0, max: late.at(-1) ?? 0 }
        : null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
