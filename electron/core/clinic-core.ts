import fs from 'node:fs';
import path from 'node:path';
import { migrations as appMigrations } from '../../migrations';
import { setupSchema, type SetupInput } from '../shared/clinic';
import type { UserSummary } from '../shared/accounts';
import { AccessControl } from './access/access-control';
import { AccessLog } from './access/access-log';
import { AccessReportService } from './access/access-report';
import { AccountService, prepareNewUser } from './accounts/account-service';
import { SessionManager } from './accounts/sessions';
import { BackupService } from './backup/backup-service';
import { ClinicService, writeClinicProfile } from './clinic/clinic-service';
import { systemClock, type Clock } from './clock';
import { BlindIndexer } from './crypto/blind-index';
import { ColumnCipher } from './crypto/column-cipher';
import { KeyRotationService } from './crypto/key-rotation';
import { KeyRing } from './crypto/keyring';
import type { KeyVault } from './crypto/vault';
import { ClinicDatabase, q } from './db/database';
import { migrate, type Migration, type MigrationReport } from './db/migrate';
import { EncounterRepository } from './encounters/encounter-repository';
import { AppError } from './errors';
import { silentLogger, type Logger } from './log/logger';
import { loadWorkstation, type Workstation } from './machine/workstation';
import { dataPaths, type DataPaths } from './paths';
import { PatientRepository } from './patients/patient-repository';
import { PatientService } from './patients/patient-service';
import type { KeepAwake } from './machine/keep-awake';
import { CaptureHub } from './recording/capture-hub';
import { RecordingService, type RecordingOptions } from './recording/recording-service';
import { createSpeech, type SpeechOptions, type SpeechStack } from './transcription/speech-stack';
import { TranscriptService } from './transcription/transcript-service';
import { TranscriptionWorker } from './transcription/transcription-worker';
import { CalendarService } from './scheduling/calendar-service';
import { ScheduleService } from './scheduling/schedule-service';
import { VisitRecords } from './scheduling/visit-records';
import { VisitService } from './scheduling/visit-service';
import { WaitlistService } from './scheduling/waitlist-service';
import { SettingsService } from './settings/settings-service';
import { defaultChecklist } from './checklist/defaults';
import { evaluateChecklist } from './checklist/evaluate';
import type { ScryptParams } from './crypto/scrypt';
import { DraftingService } from './drafting/drafting-service';
import { checkEvidence } from './drafting/evidence/check-evidence';
import { draftFromExtractors } from './drafting/extract/extractor-draft';
import { engineLlmDrafter } from './drafting/llm-drafter';
import { ChecklistService } from './checklist/checklist-service';
import { ReportExportService } from './review/report-export';
import { ReportService } from './review/report-service';
import { SigningKeyStore } from './review/signing-key-store';
import { parseInput } from './validation';

export interface CoreOptions {
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** better-sqlite3 binary for another runtime (Electron). */
  readonly nativeBinding?: string | undefined;
  readonly migrations?: readonly Migration[];
  /**
   * False to refuse (not_set_up) a folder without a database instead of creating one, so a
   * mistyped folder does not become a new, empty clinic.
   */
  readonly create?: boolean;
  /** Chunk length, journal flush interval and free-disk threshold of recordings. */
  readonly recording?: Partial<RecordingOptions>;
  /** Keeps the computer awake while recording (Electron's power-save blocker). */
  readonly keepAwake?: KeepAwake;
  /**
   * How to run the speech engine process (fork under Node, utilityProcess under Electron) and
   * where models are. Without it (the command-line tool) chunks wait for a host that has one.
   */
  readonly speech?: SpeechOptions;
  /** scrypt cost of new signing keys (tests lower it; the project default otherwise). */
  readonly signingKdf?: ScryptParams;
  /** The folder holding `fonts/` for PDF reports (Electron: its resources; Node: the repo's). */
  readonly resourcesDir?: string;
}

/** Everything the app can do once the keys are unlocked. */
export interface ClinicServices {
  readonly ring: KeyRing;
  readonly cipher: ColumnCipher;
  readonly accessLog: AccessLog;
  readonly access: AccessControl;
  readonly settings: SettingsService;
  readonly accounts: AccountService;
  readonly sessions: SessionManager;
  readonly clinic: ClinicService;
  readonly patients: PatientService;
  readonly encounters: EncounterRepository;
  /** Doctors' hours, exceptions and visit types. */
  readonly schedule: ScheduleService;
  /** Booking and the states of a visit. */
  readonly visits: VisitService;
  /** Day, week, free slots, the queue, a visit's history. */
  readonly calendar: CalendarService;
  readonly waitlist: WaitlistService;
  readonly audit: AccessReportService;
  readonly keys: KeyRotationService;
  readonly backup: BackupService;
  /** Consent, crash-safe encrypted audio capture, recovery and shredding. */
  readonly recordings: RecordingService;
  /** The running recordings of this app and the audio streams feeding them. */
  readonly capture: CaptureHub;
  /** Speech models and the engine process. */
  readonly speech: SpeechStack;
  /** The transcription job queue (per-chunk status in the database). */
  readonly transcription: TranscriptionWorker;
  /** The visit transcript, corrections, segment audio. */
  readonly transcripts: TranscriptService;
  /** Doctors' Ed25519 signing keys, sealed under their passwords. */
  readonly signingKeys: SigningKeyStore;
  /** SOAP reports: the working draft, edits, evidence flags, approval, amendments. */
  readonly reports: ReportService;
  /** Reports as PDF and Markdown. */
  readonly reportExport: ReportExportService;
  /** Drafting runs: the local LLM or the extractors, then the evidence check. */
  readonly drafting: DraftingService;
  /** The checklist catalog, specialty templates and each visit's evaluation. */
  readonly checklist: ChecklistService;
}

/**
 * The core of one clinic's data folder: the database (opened and migrated), then — once a vault
 * unlocks the keys, or first-run setup creates them — the services. The Electron main process,
 * the browser preview and the command-line tool all start here; none of this imports Electron.
 */
export class ClinicCore {
  readonly paths: DataPaths;
  readonly db: ClinicDatabase;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly workstation: Workstation;
  readonly migration: MigrationReport;
  readonly migrations: readonly Migration[];
  readonly nativeBinding: string | undefined;
  private readonly recordingOptions: Partial<RecordingOptions> | undefined;
  private readonly keepAwake: KeepAwake | undefined;
  private readonly speechOptions: SpeechOptions | undefined;
  private readonly signingKdf: ScryptParams | undefined;
  private readonly resourcesDir: string | undefined;
  private current: ClinicServices | null = null;

  private constructor(
    options: CoreOptions,
    paths: DataPaths,
    db: ClinicDatabase,
    migration: MigrationReport,
    workstation: Workstation,
  ) {
    this.paths = paths;
    this.db = db;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.migration = migration;
    this.migrations = options.migrations ?? appMigrations;
    this.workstation = workstation;
    this.nativeBinding = options.nativeBinding;
    this.recordingOptions = options.recording;
    this.keepAwake = options.keepAwake;
    this.speechOptions = options.speech;
    this.signingKdf = options.signingKdf;
    this.resourcesDir = options.resourcesDir;
  }

  /** Opens (creating if needed) the data folder's database and brings its schema up to date. */
  static open(options: CoreOptions): ClinicCore {
    const paths = dataPaths(options.dataDir);
    if (options.create === false && !fs.existsSync(paths.database)) {
      throw new AppError('not_set_up', 'setup.required', { detail: options.dataDir });
    }
    fs.mkdirSync(paths.root, { recursive: true, mode: 0o700 });
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? silentLogger;
    let db: ClinicDatabase;
    try {
      db = ClinicDatabase.open({ file: paths.database, nativeBinding: options.nativeBinding });
    } catch (error) {
      throw new AppError('io', 'db.openFailed', {
        params: { detail: (error as Error).message },
        detail: (error as Error).message,
        cause: error,
      });
    }
    try {
      const migration = migrate(db, {
        migrations: options.migrations ?? appMigrations,
        backupDir: paths.migrationBackups,
        clock,
      });
      if (migration.applied.length > 0) {
        logger.info('db.migrated', {
          from: migration.from,
          to: migration.to,
          backup: migration.backupFile ?? 'none',
        });
      }
      return new ClinicCore(options, paths, db, migration, loadWorkstation(paths.workstation));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  isSetUp(): boolean {
    return this.db.read((tx) => KeyRing.exists(tx));
  }

  get services(): ClinicServices {
    if (!this.current) throw new AppError('keys_locked', 'vault.locked');
    return this.current;
  }

  get isUnlocked(): boolean {
    return this.current !== null;
  }

  /**
   * First-run setup, all or nothing: keys protected by the given vaults, the clinic profile and
   * the first administrator are written in one transaction.
   */
  async setUp(
    vaults: readonly KeyVault[],
    input: SetupInput,
  ): Promise<{ services: ClinicServices; admin: UserSummary }> {
    if (this.isSetUp()) throw new AppError('already_set_up', 'setup.alreadyDone');
    const data = parseInput(setupSchema, input);
    const adminUser = await prepareNewUser({ ...data.admin, role: 'admin' });
    const prepared = await KeyRing.prepare(vaults);
    let admin: UserSummary | null = null;
    let services: ClinicServices | null = null;
    try {
      this.db.write((tx) => {
        const ring = KeyRing.persist(tx, prepared, this.clock);
        services = this.build(ring);
        writeClinicProfile(tx, data.clinic, this.clock.now().toISOString());
        admin = services.accounts.insertUser(tx, null, adminUser);
        services.accessLog.append(tx, {
          actor: { userId: admin.id, username: admin.username, role: admin.role },
          action: 'setup',
          resourceType: 'clinic',
          resourceId: '1',
          granted: true,
          detail: { vaults: vaults.map((vault) => vault.kind).join(',') },
        });
      });
    } catch (error) {
      prepared.root.fill(0);
      throw error;
    }
    this.current = services!;
    this.startServices(this.current);
    this.logger.info('clinic.setup', { vaults: vaults.map((vault) => vault.kind).join(',') });
    return { services: services!, admin: admin! };
  }

  /** Opens the keys with a vault registered for this database and builds the services. */
  async unlock(vault: KeyVault): Promise<ClinicServices> {
    if (this.current) return this.current;
    const ring = await KeyRing.unlock(this.db, vault);
    this.current = this.build(ring);
    this.logger.info('keys.unlocked', { vault: vault.kind });
    // Recordings a crash or power cut left open become 'interrupted' (resume or finish).
    try {
      this.current.recordings.recover();
    } catch (error) {
      this.logger.error('recording.recoveryFailed', error);
    }
    this.startServices(this.current);
    return this.current;
  }

  private startServices(services: ClinicServices): void {
    services.checklist.ensureDefaults();
    services.drafting.recover();
    services.transcription.start();
  }

  /** Wipes keys from memory and closes the database (WAL folded back into the file). */
  close(): void {
    if (this.current) {
      const { transcription, speech, drafting } = this.current;
      void drafting
        .stopAll()
        .then(() => transcription.stop())
        .then(() => speech.close())
        .catch((error: unknown) => this.logger.error('speech.closeFailed', error));
      this.current.capture.stopAll();
      this.current.recordings.stopAll();
      this.current.sessions.endAll();
      this.current.ring.close();
      this.current = null;
    }
    if (this.db.isOpen) this.db.close();
  }

  private build(ring: KeyRing): ClinicServices {
    const { db, clock, logger, paths } = this;
    const cipher = new ColumnCipher(ring);
    const indexer = new BlindIndexer(ring);
    const accessLog = new AccessLog(ring, this.workstation.id, clock);
    const access = new AccessControl(db, accessLog);
    const settings = new SettingsService({ db, log: accessLog, access, clock });
    const signingKeys = new SigningKeyStore({
      db,
      log: accessLog,
      clock,
      ...(this.signingKdf ? { kdf: this.signingKdf } : {}),
    });
    const accounts = new AccountService({
      db,
      log: accessLog,
      access,
      clock,
      resealUnderNewPassword: (userId, oldPassword, newPassword) =>
        signingKeys.resealFor(userId, oldPassword, newPassword),
    });
    const sessions = new SessionManager({ db, accounts, settings, log: accessLog, clock });
    const encounters = new EncounterRepository(cipher);
    const patientRepository = new PatientRepository(cipher, indexer);
    const schedule = new ScheduleService({ db, log: accessLog, access, clock });
    const records = new VisitRecords({ encounters, patients: patientRepository, cipher });
    const waitlist = new WaitlistService({
      db,
      log: accessLog,
      access,
      clock,
      cipher,
      patients: patientRepository,
      schedule,
    });
    const visitDeps = { db, log: accessLog, access, clock, encounters, records, schedule };
    const recordings = new RecordingService({
      db,
      log: accessLog,
      access,
      clock,
      cipher,
      audioRoot: path.join(paths.root, 'audio'),
      logger,
      options: this.recordingOptions,
    });
    const speech = createSpeech({ paths, settings, logger, options: this.speechOptions });
    const transcription = new TranscriptionWorker({
      db,
      cipher,
      log: accessLog,
      clock,
      recordings,
      transcriber: speech.transcriber,
      settings: () => speech.settings(),
      logger,
    });
    recordings.onChunkStored(() => transcription.wake());
    speech.onChange(() => transcription.wake());
    const transcripts = new TranscriptService({
      db,
      cipher,
      log: accessLog,
      clock,
      recordings,
      worker: transcription,
    });
    const segments = (encounterId: string) => transcripts.segmentsForDrafting(encounterId);
    // The report view shows the drafting run; the drafting service stores into reports.
    let drafting: DraftingService | null = null;
    const reports = new ReportService({
      db,
      cipher,
      log: accessLog,
      access,
      clock,
      accounts,
      keys: signingKeys,
      checkEvidence,
      segments,
      job: (encounterId) => drafting?.job(encounterId) ?? null,
    });
    const checklist = new ChecklistService({
      db,
      cipher,
      log: accessLog,
      access,
      clock,
      reports,
      evaluate: evaluateChecklist,
      defaults: defaultChecklist,
      segments,
    });
    drafting = new DraftingService({
      db,
      log: accessLog,
      clock,
      logger,
      reports,
      segments,
      transcriptionComplete: (encounterId) => transcriptionComplete(db, encounterId),
      llm: engineLlmDrafter(speech, settings),
      aids: {
        draftFromExtractors: (transcript) => draftFromExtractors(transcript),
        checkEvidence,
        evaluateChecklist: (actor, encounterId, transcript) =>
          checklist.store(actor, encounterId, transcript),
      },
      template: (templateId) => checklist.template(templateId),
      templates: () => checklist.templateSummaries(),
    });
    return {
      ring,
      cipher,
      accessLog,
      access,
      settings,
      accounts,
      sessions,
      clinic: new ClinicService({ db, log: accessLog, access, clock }),
      patients: new PatientService({
        db,
        repository: patientRepository,
        indexer,
        log: accessLog,
        access,
        clock,
      }),
      encounters,
      schedule,
      visits: new VisitService({ ...visitDeps, waitlist }),
      calendar: new CalendarService(visitDeps),
      waitlist,
      audit: new AccessReportService({ db, log: accessLog, access, settings }),
      keys: new KeyRotationService({ db, ring, cipher, log: accessLog, access, clock, logger }),
      backup: new BackupService({ db, ring, log: accessLog, access, clock, logger, paths }),
      recordings,
      capture: new CaptureHub({
        recordings,
        keepAwake: this.keepAwake ?? null,
        clock,
        logger,
        chunkSeconds: () =>
          this.recordingOptions?.chunkSeconds ?? settings.get('recording.chunkSeconds'),
      }),
      speech,
      transcription,
      transcripts,
      signingKeys,
      reports,
      reportExport: new ReportExportService({
        db,
        log: accessLog,
        clock,
        reports,
        patients: patientRepository,
        keys: signingKeys,
        ...(this.resourcesDir ? { resourcesDir: this.resourcesDir } : {}),
      }),
      drafting,
      checklist,
    };
  }
}

/** Whether every chunk of the visit's recordings has been transcribed (or given up on). */
function transcriptionComplete(db: ClinicDatabase, encounterId: string): boolean {
  return db.read((tx) => {
    const waiting = tx.first(
      q
        .selectFrom('audio_chunks')
        .select('id')
        .where('encounter_id', '=', encounterId)
        .where('transcription_status', 'in', ['pending', 'processing'])
        .limit(1),
    );
    const live = tx.first(
      q
        .selectFrom('recordings')
        .select('id')
        .where('encounter_id', '=', encounterId)
        .where('state', 'in', ['recording', 'paused'])
        .limit(1),
    );
    return !waiting && !live;
  });
}
