import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  checklistItemInputSchema,
  setChecklistStatusSchema,
  specialtyTemplateInputSchema,
  type ChecklistEntry,
  type SpecialtyTemplate,
  type VisitChecklist,
} from '../../shared/reports';
import type { Actor } from '../../shared/roles';
import {
  checklistEvidenceSchema,
  checklistKeywordsSchema,
  soapSections,
  type ChecklistEvaluation,
  type ChecklistItem,
  type DraftingSegment,
} from '../../shared/soap';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import { jsonColumn, textColumn, type ColumnCipher } from '../crypto/column-cipher';
import { q, type ClinicDatabase, type ReadTx, type WriteTx } from '../db/database';
import type { ChecklistItemsTable, SpecialtyTemplatesTable } from '../db/schema';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { parseInput } from '../validation';
import type { ReportService } from '../review/report-service';

const evidenceColumn = jsonColumn('checklist_evaluations', 'evidence', checklistEvidenceSchema);
const noteColumn = textColumn('checklist_evaluations', 'doctor_note');

/** The checklist evaluation (checklist/evaluate): pure, fast enough to run on every poll. */
export type ChecklistEvaluator = (
  items: readonly ChecklistItem[],
  segments: readonly DraftingSegment[],
) => ChecklistEvaluation[];

/** A default item or template as shipped (checklist/defaults), inserted into an empty clinic. */
export interface DefaultChecklist {
  readonly items: readonly Omit<ChecklistItem, 'id'>[];
  readonly templates: readonly {
    readonly code: string;
    readonly name: string;
    readonly nameEn: string;
    readonly specialty: string;
    readonly description: string;
    readonly isDefault: boolean;
    readonly prompt: string;
    readonly sections: readonly (typeof soapSections)[number][];
    readonly itemCodes: readonly string[];
  }[];
}

interface ChecklistDeps {
  readonly db: ClinicDatabase;
  readonly cipher: ColumnCipher;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly reports: ReportService;
  readonly evaluate: ChecklistEvaluator;
  readonly defaults: DefaultChecklist;
  readonly segments: (encounterId: string) => DraftingSegment[];
}

function toItem(row: Selectable<ChecklistItemsTable>): ChecklistItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    category: row.category,
    priority: row.priority,
    keywords: checklistKeywordsSchema.parse(JSON.parse(row.keywords)),
    questionTemplate: row.question_template,
    isActive: row.is_active === 1,
  };
}

/**
 * The clinic's checklist (seed 003): the catalog and the specialty templates (admins edit them),
 * and each visit's evaluation — covered, partial, missing or unclear, with evidence anchors and
 * a question for what is missing — stored after drafting, or evaluated live while recording.
 * The doctor's own status for an item wins over the evaluation's.
 */
export class ChecklistService {
  private readonly deps: ChecklistDeps;

  constructor(deps: ChecklistDeps) {
    this.deps = deps;
  }

  /** Inserts the shipped catalog and templates into a clinic that has none (first start). */
  ensureDefaults(): void {
    const { db, clock, defaults } = this.deps;
    db.write((tx) => {
      const now = clock.now();
      const hasItems = tx.first(q.selectFrom('checklist_items').select('id').limit(1));
      if (!hasItems) {
        for (const item of defaults.items) {
          tx.run(
            q.insertInto('checklist_items').values({
              id: uuidv7(now.getTime()),
              ...this.itemColumns(item),
              created_at: now.toISOString(),
              updated_at: now.toISOString(),
              updated_by: null,
            }),
          );
        }
      }
      const hasTemplates = tx.first(q.selectFrom('specialty_templates').select('id').limit(1));
      if (hasTemplates) return;
      const byCode = new Map(
        tx.all(q.selectFrom('checklist_items').select(['id', 'code'])).map((r) => [r.code, r.id]),
      );
      for (const template of defaults.templates) {
        const id = uuidv7(now.getTime());
        tx.run(
          q.insertInto('specialty_templates').values({
            id,
            code: template.code,
            name: template.name,
            name_en: template.nameEn,
            specialty: template.specialty,
            description: template.description,
            is_default: template.isDefault ? 1 : 0,
            prompt: template.prompt,
            sections: JSON.stringify(template.sections),
            is_active: 1,
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
            updated_by: null,
          }),
        );
        const ids = template.itemCodes.flatMap((code) => byCode.get(code) ?? []);
        this.writeTemplateItems(tx, id, ids);
      }
    });
  }

  items(actor: Actor): ChecklistItem[] {
    this.requireReader(actor);
    return this.deps.db.read((tx) =>
      tx
        .all(q.selectFrom('checklist_items').selectAll().orderBy('category').orderBy('code'))
        .map(toItem),
    );
  }

  saveItem(actor: Actor, input: z.input<typeof checklistItemInputSchema>): ChecklistItem {
    const data = parseInput(checklistItemInputSchema, input);
    this.requireManager(actor, data.id ?? data.code);
    const { db, clock, log } = this.deps;
    return db.write((tx) => {
      const taken = tx.first(
        q.selectFrom('checklist_items').select('id').where('code', '=', data.code),
      );
      if (taken && taken.id !== data.id) throw new AppError('conflict', 'checklist.codeTaken');
      const now = clock.now();
      const columns = {
        ...this.itemColumns(data),
        updated_at: now.toISOString(),
        updated_by: actor.userId,
      };
      let id = data.id;
      if (id) {
        const result = tx.run(q.updateTable('checklist_items').set(columns).where('id', '=', id));
        if (result.changes === 0) throw new AppError('not_found', 'checklist.itemNotFound');
      } else {
        id = uuidv7(now.getTime());
        tx.run(
          q.insertInto('checklist_items').values({ id, ...columns, created_at: now.toISOString() }),
        );
      }
      log.append(tx, {
        actor,
        action: data.id ? 'update' : 'create',
        resourceType: 'checklist',
        resourceId: id,
        granted: true,
        detail: { code: data.code },
      });
      return toItem(tx.first(q.selectFrom('checklist_items').selectAll().where('id', '=', id))!);
    });
  }

  templates(actor: Actor): SpecialtyTemplate[] {
    this.requireReader(actor);
    return this.deps.db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('specialty_templates')
            .selectAll()
            .orderBy('is_default', 'desc')
            .orderBy('name'),
        )
        .map((row) => this.toTemplate(tx, row)),
    );
  }

  saveTemplate(
    actor: Actor,
    input: z.input<typeof specialtyTemplateInputSchema>,
  ): SpecialtyTemplate {
    const data = parseInput(specialtyTemplateInputSchema, input);
    this.requireManager(actor, data.id ?? data.code);
    const { db, clock, log } = this.deps;
    return db.write((tx) => {
      const taken = tx.first(
        q.selectFrom('specialty_templates').select('id').where('code', '=', data.code),
      );
      if (taken && taken.id !== data.id) throw new AppError('conflict', 'template.codeTaken');
      const known = new Set(
        tx.all(q.selectFrom('checklist_items').select('id')).map((row) => row.id),
      );
      const unknown = data.itemIds.find((itemId) => !known.has(itemId));
      if (unknown) throw new AppError('not_found', 'checklist.itemNotFound', { detail: unknown });
      const now = clock.now().toISOString();
      if (data.isDefault) {
        tx.run(
          q.updateTable('specialty_templates').set({ is_default: 0 }).where('is_default', '=', 1),
        );
      }
      const columns = {
        code: data.code,
        name: data.name,
        name_en: data.nameEn,
        specialty: data.specialty,
        description: data.description,
        is_default: data.isDefault ? (1 as const) : (0 as const),
        prompt: data.prompt,
        sections: JSON.stringify(data.sections),
        is_active: data.isActive ? (1 as const) : (0 as const),
        updated_at: now,
        updated_by: actor.userId,
      };
      let id = data.id;
      if (id) {
        const result = tx.run(
          q.updateTable('specialty_templates').set(columns).where('id', '=', id),
        );
        if (result.changes === 0) throw new AppError('not_found', 'template.notFound');
      } else {
        id = uuidv7(clock.now().getTime());
        tx.run(q.insertInto('specialty_templates').values({ id, ...columns, created_at: now }));
      }
      this.writeTemplateItems(tx, id, data.itemIds);
      log.append(tx, {
        actor,
        action: data.id ? 'update' : 'create',
        resourceType: 'specialty_template',
        resourceId: id,
        granted: true,
        detail: { code: data.code, items: data.itemIds.length },
      });
      const row = tx.first(q.selectFrom('specialty_templates').selectAll().where('id', '=', id))!;
      return this.toTemplate(tx, row);
    });
  }

  /** The active templates, for the drafting dialog's choice. */
  templateSummaries(): {
    id: string;
    code: string;
    name: string;
    nameEn: string;
    isDefault: boolean;
  }[] {
    return this.deps.db.read((tx) =>
      tx
        .all(
          q
            .selectFrom('specialty_templates')
            .select(['id', 'code', 'name', 'name_en', 'is_default'])
            .where('is_active', '=', 1)
            .orderBy('is_default', 'desc')
            .orderBy('name'),
        )
        .map((row) => ({
          id: row.id,
          code: row.code,
          name: row.name,
          nameEn: row.name_en,
          isDefault: row.is_default === 1,
        })),
    );
  }

  /** The drafting prompt of a template, or of the default one (null when there is none). */
  template(
    templateId: string | null,
  ): { id: string; prompt: string; sections: SpecialtyTemplate['sections'] } | null {
    return this.deps.db.read((tx) => {
      const row = this.templateRow(tx, templateId);
      return row
        ? { id: row.id, prompt: row.prompt, sections: this.toTemplate(tx, row).sections }
        : null;
    });
  }

  /** The stored evaluation of the visit (evaluated now, not stored, when there is none yet). */
  forVisit(actor: Actor, encounterId: string): VisitChecklist {
    const visit = this.deps.reports.requireVisit(actor, encounterId, 'report.view', 'view', false);
    const stored = this.stored(encounterId);
    if (stored) {
      this.logView(actor, visit.id, visit.patient_id, 'stored');
      return stored;
    }
    return this.live(actor, encounterId);
  }

  /** Evaluates the transcript so far without storing it (while recording). */
  live(actor: Actor, encounterId: string): VisitChecklist {
    const visit = this.deps.reports.requireVisit(actor, encounterId, 'report.view', 'view', false);
    const { items, templateId } = this.visitItems(encounterId);
    const evaluations = this.deps.evaluate(items, this.deps.segments(encounterId));
    this.logView(actor, visit.id, visit.patient_id, 'live');
    const byItem = new Map(evaluations.map((evaluation) => [evaluation.itemId, evaluation]));
    return {
      encounterId,
      templateId,
      evaluatedAt: null,
      entries: items.flatMap((item) => {
        const evaluation = byItem.get(item.id);
        return evaluation ? [{ item, evaluation, doctorStatus: null, doctorNote: null }] : [];
      }),
    };
  }

  evaluate(actor: Actor, encounterId: string): VisitChecklist {
    this.deps.reports.requireVisit(actor, encounterId, 'report.write', 'update', true);
    this.store(actor, encounterId, this.deps.segments(encounterId));
    return this.stored(encounterId)!;
  }

  /** Evaluates and stores the visit's checklist on `segments` (after a draft). */
  store(actor: Actor, encounterId: string, segments: readonly DraftingSegment[]): void {
    const { db, cipher, clock, log } = this.deps;
    const { items } = this.visitItems(encounterId);
    const evaluations = this.deps.evaluate(items, segments);
    db.write((tx) => {
      const now = clock.now();
      const visit = tx.first(
        q.selectFrom('encounters').select('patient_id').where('id', '=', encounterId),
      );
      for (const evaluation of evaluations) {
        const existing = tx.first(
          q
            .selectFrom('checklist_evaluations')
            .select('id')
            .where('encounter_id', '=', encounterId)
            .where('item_id', '=', evaluation.itemId),
        );
        const id = existing?.id ?? uuidv7(now.getTime());
        const evidence = cipher.seal(evidenceColumn, id, {
          evidenceText: evaluation.evidenceText,
          anchors: evaluation.anchors,
          generatedQuestion: evaluation.generatedQuestion,
        });
        const values = {
          status: evaluation.status,
          confidence: evaluation.confidence,
          evidence,
          evaluated_at: now.toISOString(),
        };
        if (existing) {
          tx.run(q.updateTable('checklist_evaluations').set(values).where('id', '=', id));
        } else {
          tx.run(
            q.insertInto('checklist_evaluations').values({
              id,
              encounter_id: encounterId,
              item_id: evaluation.itemId,
              doctor_status: null,
              doctor_note: null,
              updated_by: null,
              ...values,
            }),
          );
        }
      }
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'checklist',
        resourceId: encounterId,
        patientId: visit?.patient_id ?? null,
        granted: true,
        detail: { step: 'evaluate', items: evaluations.length },
      });
    });
  }

  setStatus(actor: Actor, input: z.input<typeof setChecklistStatusSchema>): VisitChecklist {
    const data = parseInput(setChecklistStatusSchema, input);
    const visit = this.deps.reports.requireVisit(
      actor,
      data.encounterId,
      'report.write',
      'update',
      true,
    );
    if (!this.stored(data.encounterId))
      this.store(actor, data.encounterId, this.deps.segments(data.encounterId));
    const { db, cipher, log } = this.deps;
    db.write((tx) => {
      const row = tx.first(
        q
          .selectFrom('checklist_evaluations')
          .select('id')
          .where('encounter_id', '=', data.encounterId)
          .where('item_id', '=', data.itemId),
      );
      if (!row) throw new AppError('not_found', 'checklist.itemNotFound');
      tx.run(
        q
          .updateTable('checklist_evaluations')
          .set({
            doctor_status: data.status,
            doctor_note: data.note ? cipher.seal(noteColumn, row.id, data.note) : null,
            updated_by: actor.userId,
          })
          .where('id', '=', row.id),
      );
      log.append(tx, {
        actor,
        action: 'update',
        resourceType: 'checklist',
        resourceId: data.encounterId,
        patientId: visit.patient_id,
        granted: true,
        detail: { step: 'doctor_status', status: data.status ?? 'cleared' },
      });
    });
    return this.stored(data.encounterId)!;
  }

  // --- internals ---------------------------------------------------------------------------------

  private requireReader(actor: Actor): void {
    this.deps.access.require(actor, 'report.view', {
      action: 'view',
      resourceType: 'checklist',
      resourceId: 'catalog',
    });
  }

  private requireManager(actor: Actor, what: string): void {
    this.deps.access.require(actor, 'checklist.manage', {
      action: 'update',
      resourceType: 'checklist',
      resourceId: what,
    });
  }

  private logView(actor: Actor, encounterId: string, patientId: string, step: string): void {
    this.deps.log.record(this.deps.db, {
      actor,
      action: 'view',
      resourceType: 'checklist',
      resourceId: encounterId,
      patientId,
      granted: true,
      detail: { step },
    });
  }

  private itemColumns(item: Omit<ChecklistItem, 'id'>) {
    return {
      code: item.code,
      title: item.title,
      title_en: item.titleEn,
      description: item.description,
      category: item.category,
      priority: item.priority,
      keywords: JSON.stringify(item.keywords),
      question_template: item.questionTemplate,
      is_active: item.isActive ? (1 as const) : (0 as const),
    };
  }

  private writeTemplateItems(tx: WriteTx, templateId: string, itemIds: readonly string[]): void {
    tx.run(q.deleteFrom('specialty_template_items').where('template_id', '=', templateId));
    [...new Set(itemIds)].forEach((itemId, position) =>
      tx.run(
        q
          .insertInto('specialty_template_items')
          .values({ template_id: templateId, item_id: itemId, position }),
      ),
    );
  }

  private templateRow(tx: ReadTx, templateId: string | null) {
    const base = q.selectFrom('specialty_templates').selectAll();
    return templateId
      ? tx.first(base.where('id', '=', templateId))
      : tx.first(base.where('is_default', '=', 1));
  }

  private toTemplate(tx: ReadTx, row: Selectable<SpecialtyTemplatesTable>): SpecialtyTemplate {
    const itemIds = tx
      .all(
        q
          .selectFrom('specialty_template_items')
          .select('item_id')
          .where('template_id', '=', row.id)
          .orderBy('position'),
      )
      .map((item) => item.item_id);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      specialty: row.specialty,
      description: row.description,
      isDefault: row.is_default === 1,
      prompt: row.prompt,
      sections: (JSON.parse(row.sections) as SpecialtyTemplate['sections']).filter((section) =>
        (soapSections as readonly string[]).includes(section),
      ),
      itemIds,
      isActive: row.is_active === 1,
    };
  }

  /** The active items of the visit's template (the report's, else the default; else all). */
  private visitItems(encounterId: string): { items: ChecklistItem[]; templateId: string | null } {
    return this.deps.db.read((tx) => {
      const report = tx.first(
        q.selectFrom('soap_reports').select('template_id').where('encounter_id', '=', encounterId),
      );
      const template = this.templateRow(tx, report?.template_id ?? null);
      const all = tx
        .all(q.selectFrom('checklist_items').selectAll().where('is_active', '=', 1))
        .map(toItem);
      if (!template) return { items: all, templateId: null };
      const order = new Map(this.toTemplate(tx, template).itemIds.map((id, index) => [id, index]));
      const items = all
        .filter((item) => order.has(item.id))
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return { items, templateId: template.id };
    });
  }

  private stored(encounterId: string): VisitChecklist | null {
    const { db, cipher } = this.deps;
    return db.read((tx) => {
      const rows = tx.all(
        q
          .selectFrom('checklist_evaluations as e')
          .innerJoin('checklist_items as i', 'i.id', 'e.item_id')
          .selectAll('e')
          .where('e.encounter_id', '=', encounterId),
      );
      if (rows.length === 0) return null;
      const { items, templateId } = this.visitItems(encounterId);
      const byItem = new Map(rows.map((row) => [row.item_id, row]));
      const entries: ChecklistEntry[] = items.flatMap((item) => {
        const row = byItem.get(item.id);
        if (!row) return [];
        const evidence = cipher.open(evidenceColumn, row.id, row.evidence);
        return [
          {
            item,
            evaluation: {
              itemId: item.id,
              code: item.code,
              status: row.status,
              confidence: row.confidence,
              ...evidence,
            },
            doctorStatus: row.doctor_status,
            doctorNote:
              row.doctor_note === null ? null : cipher.open(noteColumn, row.id, row.doctor_note),
          },
        ];
      });
      const evaluatedAt =
        rows
          .map((row) => row.evaluated_at)
          .sort()
          .at(-1) ?? null;
      return { encounterId, templateId, entries, evaluatedAt };
    });
  }
}
