import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../../engine/llm/testing/tiny-gguf';
import { nodeProcessLauncher } from '../../engine/process/node-launcher';
import type { ModelManifest } from '../../shared/models';
import type { Actor } from '../../shared/roles';
import { soapContentSchema } from '../../shared/soap';
import { q } from '../db/database';
import { recordConsultation, setUpReportTeam } from '../review/test-support';
import { closeTestClinic, makeTempDir, removeDir, type TestClinic } from '../testing/fixtures';

// Drafting with the language model through the whole app path: the drafting service picks the
// model from the manifest and the hardware plan (the model store checks its sha256), runs it in
// the real engine process under the JSON-schema grammar, checks the result against the
// transcript and stores it. The model is a tiny random-weight GGUF written here (no weights can be
// downloaded), so its words are noise — but every step around it is real.

const MODEL_ID = 'test-llm-tiny';

function tinyModel(dir: string): ModelManifest {
  const fileName = 'test-llm-tiny.gguf';
  const file = path.join(dir, fileName);
  writeTinyGguf(file, { contextLength: 32_768, name: MODEL_ID });
  const bytes = fs.readFileSync(file);
  return {
    schemaVersion: 1,
    description: 'test manifest: one generated random-weight GGUF',
    sources: [{ covers: fileName, repository: 'https://example.invalid/', note: 'generated' }],
    models: [
      {
        id: MODEL_ID,
        kind: 'llm',
        fileName,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        licence: 'MIT',
        licenceUrl: 'https://example.invalid/licence',
        commercialUse: true,
        source: `https://example.invalid/test/resolve/0000000000000000000000000000000000000000/${fileName}`,
        revision: '0000000000000000000000000000000000000000',
        quantisation: 'q4_0',
        parameterClass: '1B',
        contextLength: 16_384,
        ramBytesApprox: bytes.length * 4,
        recommendedFor: { fa: 'فقط آزمون', en: 'tests only' },
      },
    ],
  };
}

describe('drafting with the language model through the app', () => {
  let clinic: TestClinic;
  let doctor: Actor;
  let encounterId: string;
  let modelsDir: string;

  beforeAll(async () => {
    modelsDir = makeTempDir('helssa-drafting-models');
    const manifest = tinyModel(modelsDir);
    const team = await setUpReportTeam(
      'helssa-drafting-llm',
      undefined,
      {},
      {
        launcher: nodeProcessLauncher({ stdio: 'ignore' }),
        manifest,
        provisionedDirs: [modelsDir],
      },
    );
    ({ clinic, doctor } = team);
    ({ encounterId } = await recordConsultation(clinic, doctor, team.script.durationMs));
  }, 120_000);
  afterAll(async () => {
    await clinic.services.drafting.stopAll();
    await clinic.services.transcription.stop();
    await clinic.services.speech.close();
    closeTestClinic(clinic);
    removeDir(modelsDir);
  });

  it('offers the installed model with an expected time before starting', async () => {
    const options = await clinic.services.drafting.options(doctor, encounterId);
    expect(options.llm).toMatchObject({ available: true, modelId: MODEL_ID });
    if (!options.llm.available) throw new Error('unreachable');
    expect(options.llm.expectedSeconds).toBeGreaterThan(0);
    expect(options.llm.promptTokens).toBeGreaterThan(0);
    expect(options.transcriptSegments).toBeGreaterThan(5);
    expect(options.templates.find((t) => t.isDefault)).toBeDefined();
  });

  it('drafts with the model, checks every claim against the transcript and stores the draft', async () => {
    const job = await clinic.services.drafting.start(doctor, { encounterId, method: 'auto' });
    expect(job).toMatchObject({ method: 'llm', model: MODEL_ID, status: 'running' });
    const done = await clinic.services.drafting.settled(encounterId);
    expect(done).toMatchObject({ status: 'completed', error: null });
    const view = clinic.services.reports.view(doctor, encounterId);
    expect(view).toMatchObject({ status: 'draft', draftSource: 'llm', draftModel: MODEL_ID });
    expect(soapContentSchema.safeParse(view.content).success).toBe(true);
    // The model's evidence is anchored in real segments or dropped; the extractors' vitals join in.
    const segments = clinic.services.transcripts.segmentsForDrafting(encounterId);
    for (const item of [...view.content.medications, ...view.content.diagnoses]) {
      for (const evidence of item.evidence) {
        const segment = segments.find((s) => s.id === evidence.segmentId)!;
        expect(segment.text.slice(evidence.start, evidence.end)).toBe(evidence.quote);
      }
    }
    expect(view.content.vitals.map((v) => v.kind)).toEqual(
      expect.arrayContaining(['blood_pressure', 'temperature', 'heart_rate']),
    );
    // A random-weight model invents: whatever it claims without support is flagged.
    const unsupported = view.content.medications.filter((m) => m.evidence.length === 0);
    for (const medication of unsupported) {
      expect(view.flags.some((f) => f.itemId === medication.id && f.kind === 'medication')).toBe(
        true,
      );
    }
    const row = clinic.core.db.read((tx) =>
      tx.first(q.selectFrom('drafting_jobs').selectAll().where('id', '=', job.id)),
    );
    expect(row).toMatchObject({ status: 'completed', method: 'llm', model: MODEL_ID });
    expect(row!.tokens_out).toBeGreaterThan(0);
  }, 180_000);

  it('cancels a running draft promptly and keeps the previous draft', async () => {
    const before = clinic.services.reports.view(doctor, encounterId).content;
    await clinic.services.drafting.start(doctor, { encounterId, method: 'llm' });
    // Wait until the model is writing.
    const deadline = Date.now() + 60_000;
    while (clinic.services.drafting.job(encounterId)?.phase !== 'map' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(clinic.services.drafting.job(encounterId)?.phase).toBe('map');
    const started = performance.now();
    const cancelled = clinic.services.drafting.cancel(doctor, encounterId);
    expect(cancelled?.status).toBe('cancelled');
    await clinic.services.drafting.settled(encounterId);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(clinic.services.reports.view(doctor, encounterId).content).toEqual(before);
  }, 120_000);

  it('redrafts one section and leaves the others as they were', async () => {
    const before = clinic.services.reports.view(doctor, encounterId).content;
    await clinic.services.drafting.regenerateSection(doctor, { encounterId, section: 'plan' });
    const done = await clinic.services.drafting.settled(encounterId);
    expect(done).toMatchObject({ status: 'completed', kind: 'section', section: 'plan' });
    const after = clinic.services.reports.view(doctor, encounterId).content;
    expect({ ...after, plan: before.plan }).toEqual(before);
  }, 180_000);
});
