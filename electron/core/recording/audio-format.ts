/**
 * The one audio format of the recording store: what whisper.cpp wants, 16 kHz mono signed 16-bit
 * little-endian PCM. The renderer resamples to it before frames cross to main.
 */
export const SAMPLE_RATE = 16_000;
export const BYTES_PER_SAMPLE = 2;
export const AUDIO_FORMAT = 'pcm_s16le';

export const BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;

export function samplesToMs(samples: number): number {
  return Math.round((samples * 1000) / SAMPLE_RATE);
}

/**
 * A frame as bytes, without copying: an Int16Array's memory is already little-endian on every
 * platform the app ships for (x64, arm64).
 */
export function frameBytes(frame: Int16Array | Buffer): Buffer {
  if (Buffer.isBuffer(frame)) return frame;
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
}

export function msToSamples(ms: number): number {
  return Math.round((ms * SAMPLE_RATE) / 1000);
}
