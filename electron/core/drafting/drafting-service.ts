import type { z } from 'zod';
import {
  regenerateSectionSchema,
  startDraftSchema,
  type DraftingJob,
  type DraftingOptions,
  type DraftingPhase,
} from '../../shared/reports';
import type { Actor } from '../../shared/roles';
import type {
  DraftingSegment,
  DraftSource,
  EvidenceFlag,
  SoapContent,
  SoapSection,
} from '../../shared/soap';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { q, type ClinicDatabase } from '../db/database';
import { AppError, isAppError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log/logger';
import type { ReportService, VisitRow } from '../review/report-service';
import { parseInput } from '../validation';
import { DraftingError } from './llm/errors';
import type { MessageKey } from '../../shared/messages';

/** Progress of a model run, as the LLM drafter reports it. */
export interface LlmProgress {
  readonly phase: 'map' | 'reduce';
  readonly part: number;
  readonly parts: number;
  readonly tokensGenerated: number;
}

export interface LlmRunOptions {
  readonly templatePrompt: string;
  /** The sections the template drafts (all four when absent). */
  readonly sections?: readonly SoapSection[];
  readonly signal: AbortSignal;
  readonly onProgress: (progress: LlmProgress) => void;
}

/** The local LLM as drafting uses it (drafting/llm over the engine process). */
export interface LlmDrafter {
  /** The model drafting would use now, or why there is none. */
  choose(): Promise<
    | { readonly ok: true; readonly modelId: string; readonly modelName: string }
    | {
        readonly ok: false;
        readonly reason: 'no_model' | 'model_corrupt' | 'engine_unavailable';
        readonly detail: string;
      }
  >;
  /** Expected seconds for a transcript of `promptTokens` with the chosen model on this PC. */
  estimateSeconds(modelId: string, promptTokens: number): number;
  draft(
    segments: readonly DraftingSegment[],
    options: LlmRunOptions,
  ): Promise<{
    readonly content: SoapContent;
    readonly aiConfidence: number | null;
    readonly parts: number;
    readonly tokensIn: number;
    readonly tokensOut: number;
    readonly modelId: string;
  }>;
  section(
    section: SoapSection,
    segments: readonly DraftingSegment[],
    current: SoapContent,
    options: LlmRunOptions,
  ): Promise<{
    readonly text: string;
    readonly tokensIn: number;
    readonly tokensOut: number;
    readonly modelId: string;
  }>;
}

/** The deterministic side: a draft without a model, the evidence check, the checklist. */
export interface DraftingAids {
  draftFromExtractors(segments: readonly DraftingSegment[]): SoapContent;
  checkEvidence(content: SoapContent, segments: readonly DraftingSegment[]): EvidenceFlag[];
  /** Stores the visit's checklist evaluation (after a draft). */
  evaluateChecklist(actor: Actor, encounterId: string, segments: readonly DraftingSegment[]): void;
}

interface DraftingDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reports: ReportService;
  readonly segments: (encounterId: string) => DraftingSegment[];
  /** Whether every chunk of the visit's recordings has been transcribed. */
  readonly transcriptionComplete: (encounterId: string) => boolean;
  readonly llm: LlmDrafter;
  readonly aids: DraftingAids;
  /** The template's drafting prompt (the default template when null). */
  readonly template: (
    templateId: string | null,
  ) => { id: string; prompt: string; sections: readonly SoapSection[] } | null;
  readonly templates: () => DraftingOptions['templates'];
}

interface RunningJob {
  view: DraftingJob;
  readonly controller: AbortController;
  done: Promise<void>;
}

/** Rough token count before the engine counts exactly: Persian runs ~2.5 characters a token. */
export function estimateTokens(segments: readonly DraftingSegment[]): number {
  const characters = segments.reduce((total, segment) => total + segment.text.length + 8, 0);
  return Math.ceil(characters / 2.5);
}

/**
 * Drafting runs: one per visit at a time, in the background, with progress the report screen
 * polls, cancellable at any moment. A run records itself in `drafting_jobs` so one cut short by a
 * crash is shown as interrupted after the restart. The model (or, without one, the extractors)
 * drafts; then every claim is checked against the transcript and the checklist is evaluated.
 */
export class DraftingService {
  private readonly deps: DraftingDeps;
  private readonly jobs = new Map<string, RunningJob>();

  constructor(deps: DraftingDeps) {
    this.deps = deps;
  }

  /** Runs left 'running' by a crash are marked interrupted (call once at start). */
  recover(): void {
    const { db, clock } = this.deps;
    db.write((tx) =>
      tx.run(
        q
          .updateTable('drafting_jobs')
          .set({
            status: 'interrupted',
            finished_at: clock.now().toISOString(),
            error: 'app closed',
          })
          .where('status', '=', 'running'),
      ),
    );
  }

  async options(actor: Actor, encounterId: string): Promise<DraftingOptions> {
    this.deps.reports.requireVisit(actor, encounterId, 'report.view', 'view', false);
    const segments = this.deps.segments(encounterId);
    const choice = await this.deps.llm.choose();
    const promptTokens = estimateTokens(segments);
    return {
      llm: choice.ok
        ? {
            available: true,
            modelId: choice.modelId,
            modelName: choice.modelName,
            promptTokens,
            expectedSeconds: this.deps.llm.estimateSeconds(choice.modelId, promptTokens),
          }
        : { available: false, reason: choice.reason, detail: choice.detail },
      templates: this.deps.templates(),
      transcriptSegments: segments.length,
      transcriptionComplete: this.deps.transcriptionComplete(encounterId),
    };
  }

  /** The visit's current or last run (for the report view). */
  job(encounterId: string): DraftingJob | null {
    return this.jobs.get(encounterId)?.view ?? null;
  }

  async start(actor: Actor, input: z.input<typeof startDraftSchema>): Promise<DraftingJob> {
    const data = parseInput(startDraftSchema, input);
    const { visit, segments } = this.prepare(actor, data.encounterId);
    const template = this.deps.template(data.templateId ?? null);
    let method: DraftSource = 'extractors';
    let model: string | null = null;
    let expectedSeconds: number | null = null;
    if (data.method !== 'extractors') {
      const choice = await this.deps.llm.choose();
      if (choice.ok) {
        method = 'llm';
        model = choice.modelId;
        expectedSeconds = this.deps.llm.estimateSeconds(choice.modelId, estimateTokens(segments));
      } else if (data.method === 'llm') {
        throw new AppError('validation', 'drafting.noModel', { detail: choice.detail });
      }
    }
    this.refuseIfBusy(data.encounterId);
    const job = this.begin(actor, visit, 'draft', null, method, model, expectedSeconds);
    job.done = this.run(job, async () => {
      let content: SoapContent;
      let aiConfidence: number | null = null;
      if (method === 'llm') {
        const result = await this.deps.llm.draft(segments, {
          templatePrompt: template?.prompt ?? '',
          ...(template ? { sections: template.sections } : {}),
          signal: job.controller.signal,
          onProgress: (progress) => this.progress(job, progress),
        });
        content = withExtractedVitals(result.content, this.deps.aids.draftFromExtractors(segments));
        aiConfidence = result.aiConfidence;
        job.view = { ...job.view, tokensOut: result.tokensOut, parts: result.parts };
        this.recordTokens(job, result.parts, result.tokensIn, result.tokensOut);
      } else {
        this.phase(job, 'extract');
        content = this.deps.aids.draftFromExtractors(segments);
      }
      this.phase(job, 'check');
      const flags = this.deps.aids.checkEvidence(content, segments);
      if (job.controller.signal.aborted) return;
      this.deps.db.write((tx) =>
        this.deps.reports.storeDraft(tx, visit, actor, {
          content,
          flags,
          source: method,
          model,
          aiConfidence,
          templateId: template?.id ?? null,
        }),
      );
      this.deps.aids.evaluateChecklist(actor, visit.id, segments);
    });
    return job.view;
  }

  async regenerateSection(
    actor: Actor,
    input: z.input<typeof regenerateSectionSchema>,
  ): Promise<DraftingJob> {
    const data = parseInput(regenerateSectionSchema, input);
    const { visit, segments } = this.prepare(actor, data.encounterId);
    const current = this.deps.reports.view(actor, data.encounterId);
    if (current.status === 'approved') throw new AppError('conflict', 'report.locked');
    const choice = await this.deps.llm.choose();
    const method: DraftSource = choice.ok ? 'llm' : 'extractors';
    const model = choice.ok ? choice.modelId : null;
    const template = this.deps.template(current.templateId);
    this.refuseIfBusy(data.encounterId);
    const job = this.begin(
      actor,
      visit,
      'section',
      data.section,
      method,
      model,
      choice.ok ? this.deps.llm.estimateSeconds(choice.modelId, estimateTokens(segments)) : null,
    );
    job.done = this.run(job, async () => {
      let text: string;
      if (method === 'llm') {
        const result = await this.deps.llm.section(data.section, segments, current.content, {
          templatePrompt: template?.prompt ?? '',
          signal: job.controller.signal,
          onProgress: (progress) => this.progress(job, progress),
        });
        text = result.text;
        this.recordTokens(job, 1, result.tokensIn, result.tokensOut);
      } else {
        this.phase(job, 'extract');
        text = this.deps.aids.draftFromExtractors(segments)[data.section];
      }
      if (job.controller.signal.aborted) return;
      this.deps.db.write((tx) =>
        this.deps.reports.storeSection(tx, visit, actor, data.section, text, {
          source: method,
          model,
        }),
      );
    });
    return job.view;
  }

  /** Stops the visit's run; what was drafted before it stays. */
  cancel(actor: Actor, encounterId: string): DraftingJob | null {
    this.deps.reports.requireVisit(actor, encounterId, 'report.write', 'update', true);
    const job = this.jobs.get(encounterId);
    if (!job || job.view.status !== 'running') return job?.view ?? null;
    job.controller.abort();
    this.finish(job, 'cancelled', null);
    return job.view;
  }

  /** Resolves when the visit's run has ended (tests, shutdown). */
  async settled(encounterId: string): Promise<DraftingJob | null> {
    const job = this.jobs.get(encounterId);
    if (!job) return null;
    await job.done;
    return job.view;
  }

  /** Cancels every run (the app is closing). */
  async stopAll(): Promise<void> {
    for (const job of this.jobs.values()) {
      if (job.view.status === 'running') {
        job.controller.abort();
        this.finish(job, 'cancelled', 'app closed');
      }
    }
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  // --- internals ---------------------------------------------------------------------------------

  /** What every run starts with: the doctor's own visit, no run in progress, a transcript. */
  private prepare(actor: Actor, encounterId: string) {
    const visit = this.deps.reports.requireVisit(
      actor,
      encounterId,
      'report.write',
      'update',
      true,
    );
    this.refuseIfBusy(encounterId);
    const segments = this.deps.segments(encounterId);
    if (segments.length === 0) throw new AppError('validation', 'drafting.noTranscript');
    return { visit, segments };
  }

  private refuseIfBusy(encounterId: string): void {
    if (this.jobs.get(encounterId)?.view.status === 'running') {
      throw new AppError('conflict', 'drafting.busy');
    }
  }

  private begin(
    actor: Actor,
    visit: VisitRow,
    kind: 'draft' | 'section',
    section: SoapSection | null,
    method: DraftSource,
    model: string | null,
    expectedSeconds: number | null,
  ): RunningJob {
    const { db, clock, log } = this.deps;
    const now = clock.now();
    const id = uuidv7(now.getTime());
    db.write((tx) => {
      tx.run(
        q.insertInto('drafting_jobs').values({
          id,
          encounter_id: visit.id,
          kind,
          section,
          method,
          model,
          status: 'running',
          error: null,
          parts: 1,
          tokens_in: 0,
          tokens_out: 0,
          requested_by: actor.userId,
          started_at: now.toISOString(),
          finished_at: null,
        }),
      );
      // Drafting reads the whole transcript on the doctor's request.
      log.append(tx, {
        actor,
        action: 'view',
        resourceType: 'transcript',
        resourceId: visit.id,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: kind === 'draft' ? 'draft' : 'draft_section', method },
      });
    });
    const job: RunningJob = {
      view: {
        id,
        kind,
        section,
        method,
        model,
        status: 'running',
        phase: 'queued',
        part: 0,
        parts: 1,
        tokensOut: 0,
        startedAt: now.toISOString(),
        finishedAt: null,
        expectedSeconds,
        error: null,
      },
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.jobs.set(visit.id, job);
    return job;
  }

  private run(job: RunningJob, work: () => Promise<void>): Promise<void> {
    // Let start() answer before the work takes the event loop.
    return new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(() => {
        if (!job.controller.signal.aborted) this.finish(job, 'completed', null);
      })
      .catch((error: unknown) => {
        if (job.controller.signal.aborted) return;
        // The job keeps a message the screen can say; the technical detail goes to the log.
        this.deps.logger.error('drafting.failed', error);
        this.finish(job, 'failed', failureMessage(error));
      });
  }

  private finish(
    job: RunningJob,
    status: 'completed' | 'failed' | 'cancelled',
    error: string | null,
  ): void {
    if (job.view.status !== 'running') return;
    const now = this.deps.clock.now().toISOString();
    job.view = {
      ...job.view,
      status,
      phase: status === 'completed' ? 'done' : job.view.phase,
      finishedAt: now,
      error,
    };
    this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('drafting_jobs')
          .set({ status, error, finished_at: now })
          .where('id', '=', job.view.id),
      ),
    );
  }

  private phase(job: RunningJob, phase: DraftingPhase): void {
    if (job.view.status === 'running') job.view = { ...job.view, phase };
  }

  private progress(job: RunningJob, progress: LlmProgress): void {
    if (job.view.status !== 'running') return;
    job.view = {
      ...job.view,
      phase: progress.phase,
      part: progress.part,
      parts: Math.max(1, progress.parts),
      tokensOut: progress.tokensGenerated,
    };
  }

  private recordTokens(job: RunningJob, parts: number, tokensIn: number, tokensOut: number): void {
    this.deps.db.write((tx) =>
      tx.run(
        q
          .updateTable('drafting_jobs')
          .set({ parts: Math.max(1, parts), tokens_in: tokensIn, tokens_out: tokensOut })
          .where('id', '=', job.view.id),
      ),
    );
  }
}

/**
 * The model's draft with the vitals the extractors read and the model left out: a vital said
 * aloud is too important to lose to a small model's oversight, and the extractors' readings
 * carry exact evidence.
 */
export function withExtractedVitals(content: SoapContent, extracted: SoapContent): SoapContent {
  const kinds = new Set(content.vitals.map((vital) => vital.kind));
  const missing = extracted.vitals.filter((vital) => !kinds.has(vital.kind));
  return missing.length === 0 ? content : { ...content, vitals: [...content.vitals, ...missing] };
}

/**
 * What a failed drafting job says on screen: the message of the core's own error or of the
 * drafting pipeline's reason. Anything else, whose text may be technical, says "unexpected" and is
 * left to the log.
 */
export function failureMessage(error: unknown): MessageKey {
  if (isAppError(error)) return error.messageKey;
  if (error instanceof DraftingError) return `drafting.failure.${error.reason}`;
  return 'drafting.failure.internal';
}
