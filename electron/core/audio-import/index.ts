export { AudioImportError, isAudioImportError, type AudioImportFailure } from './errors';
export {
  locateFfmpeg,
  type FfmpegSource,
  type FfmpegTools,
  type LocateFfmpegOptions,
  type RejectedCandidate,
} from './locate-ffmpeg';
export { probeAudio, type AudioProbe, type ProbeOptions } from './probe';
export { decodeToPcm, PCM_SAMPLE_RATE, type DecodeOptions, type DecodeProgress } from './decode';
