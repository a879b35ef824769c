import type { Actor } from '../../shared/roles';
import { addVisit, consent } from '../recording/test-support';
import { setUpTestTeam, type TestClinic, type TestTeam } from '../testing/fixtures';
import type { CoreOptions } from '../clinic-core';
import type { EngineSpeechOptions } from '../transcription/speech-stack';
import {
  blockPcm,
  BLOCK_MS,
  scriptFromLines,
  ScriptedWeightsTranscriber,
} from '../transcription/testing/scripted-weights';

/** A short consultation, as a doctor and patient would say it (vitals, medicines, allergy). */
export const CONSULTATION = [
  'سلام آقای دکتر از سه روز پیش گلودرد و تب دارم',
  'فشار خون ۱۲۰ روی ۸۰ است',
  'دمای بدن ۳۸٫۵ درجه است',
  'نبض ۹۲ در دقیقه',
  'به دارویی حساسیت ندارم',
  'آموکسی‌سیلین ۵۰۰ میلی‌گرم هر هشت ساعت به مدت هفت روز',
  'استامینوفن ۵۰۰ میلی‌گرم هر شش ساعت در صورت تب',
];

/** Cheap scrypt for tests that make signing keys (the real cost is ~0.3 s per key). */
export const TEST_SIGNING_KDF = { logN: 14, r: 8, p: 1 } as const;

export interface ReportTeam extends TestTeam {
  readonly ears: ScriptedWeightsTranscriber;
  readonly script: ReturnType<typeof scriptFromLines>;
}

/**
 * A clinic whose speech engine "hears" `lines` (ScriptedWeightsTranscriber: the one stand-in, for
 * model weights that cannot run here); everything else is the real core.
 */
export async function setUpReportTeam(
  label: string,
  lines: readonly string[] = CONSULTATION,
  options: Partial<CoreOptions> = {},
  /** A real engine process beside the ears (it runs the drafting model). */
  engine?: Omit<EngineSpeechOptions, 'transcriber'>,
): Promise<ReportTeam> {
  const script = scriptFromLines(lines);
  const ears = new ScriptedWeightsTranscriber(script.words, { wordsPerSegment: 6 });
  const team = await setUpTestTeam(label, {
    recording: { chunkSeconds: 5 },
    speech: engine ? { ...engine, transcriber: ears } : { transcriber: ears },
    signingKdf: TEST_SIGNING_KDF,
    ...options,
  });
  return { ...team, ears, script };
}

/** A visit of `doctor` with consent, the whole script recorded and transcribed. */
export async function recordConsultation(
  clinic: TestClinic,
  doctor: Actor,
  durationMs: number,
): Promise<{ encounterId: string; patientId: string }> {
  const visit = addVisit(clinic, doctor.userId);
  consent(clinic, doctor, visit.encounterId);
  const writer = clinic.services.recordings.start(doctor, { encounterId: visit.encounterId });
  const blocks = Math.ceil(durationMs / BLOCK_MS);
  for (let block = 0; block < blocks; block += 10) {
    writer.append(blockPcm(block, Math.min(10, blocks - block)));
  }
  writer.stop();
  await clinic.services.transcription.idle();
  return visit;
}
