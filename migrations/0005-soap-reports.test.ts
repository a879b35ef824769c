import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../electron/core/db/database';
import { makeTempDir, removeDir } from '../electron/core/testing/fixtures';
import { databaseAt, seedConsentedVisit } from './test-support';

describe('0005 soap reports', () => {
  let dir: string;
  let db: ClinicDatabase;
  beforeEach(() => {
    dir = makeTempDir('helssa-m0005');
    db = databaseAt(dir, 5);
    seedConsentedVisit(db);
    db.raw.exec(`
      INSERT INTO signing_keys (id, user_id, algorithm, public_key, fingerprint, sealed_private_key, created_at)
        VALUES ('k1', 'u1', 'Ed25519', 'pub', 'AB12', '{}', 'now');
    `);
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  const report = (content: unknown, flags: unknown = Buffer.alloc(3)) =>
    db.raw
      .prepare(
        `INSERT INTO soap_reports (id, encounter_id, patient_id, doctor_id, status, draft_content, draft_flags,
           generation_method, created_at, updated_at, updated_by)
         VALUES ('r1', 'e1', 'p1', 'u1', 'draft', ?, ?, 'ai', 'now', 'now', 'u1')`,
      )
      .run(content, flags);

  const version = (n: number, previous: string | null, reason: Buffer | null) =>
    db.raw
      .prepare(
        `INSERT INTO soap_report_versions (id, report_id, version, content, generation_method, flags,
           amendment_reason, doctor_id, signed_at, key_id, signature, payload_hash, previous_version_hash, created_at)
         VALUES (?, 'r1', ?, randomblob(9), 'hybrid', randomblob(5), ?, 'u1', 'now', 'k1', 'sig', 'hash', ?, 'now')`,
      )
      .run(`v${n}-${String(previous)}`, n, reason, previous);

  it('keeps the draft sealed: plaintext content or flags are refused', () => {
    expect(() => report('{"subjective":"سردرد"}')).toThrow(/cannot store TEXT value in BLOB/);
    expect(() => report(Buffer.alloc(3), '[]')).toThrow(/cannot store TEXT value in BLOB/);
    expect(() => report(Buffer.alloc(3))).not.toThrow();
  });

  it('one report per visit', () => {
    report(Buffer.alloc(3));
    expect(() =>
      db.raw
        .exec(`INSERT INTO soap_reports (id, encounter_id, patient_id, doctor_id, status, draft_content,
        draft_flags, generation_method, created_at, updated_at, updated_by)
        VALUES ('r2', 'e1', 'p1', 'u1', 'draft', randomblob(3), randomblob(3), 'ai', 'now', 'now', 'u1')`),
    ).toThrow(/UNIQUE/);
  });

  it('version 1 has no predecessor or reason; amendments need both; numbers are unique', () => {
    report(Buffer.alloc(3));
    expect(() => version(1, 'h0', null)).toThrow(/CHECK/);
    expect(() => version(1, null, Buffer.alloc(4))).toThrow(/CHECK/);
    expect(() => version(1, null, null)).not.toThrow();
    expect(() => version(2, null, Buffer.alloc(4))).toThrow(/CHECK/);
    expect(() => version(2, 'h1', null)).toThrow(/CHECK/);
    expect(() => version(2, 'h1', Buffer.alloc(4))).not.toThrow();
    expect(() => version(2, 'h1b', Buffer.alloc(4))).toThrow(/UNIQUE/);
  });

  it('a doctor has at most one active signing key; retired keys stay', () => {
    const add = (id: string, retired: string | null) =>
      db.raw
        .prepare(
          `INSERT INTO signing_keys (id, user_id, algorithm, public_key, fingerprint, sealed_private_key, created_at, retired_at)
           VALUES (?, 'u1', 'Ed25519', 'pub', 'CD34', '{}', 'now', ?)`,
        )
        .run(id, retired);
    expect(() => add('k2', null)).toThrow(/UNIQUE/);
    db.raw.exec(`UPDATE signing_keys SET retired_at = 'now' WHERE id = 'k1'`);
    expect(() => add('k2', null)).not.toThrow();
    expect(() => add('k3', 'then')).not.toThrow();
  });

  it('checklist items and templates: valid keywords, one default template, one evaluation per item', () => {
    const item = (id: string, keywords: string) =>
      db.raw
        .prepare(
          `INSERT INTO checklist_items (id, code, title, title_en, category, priority, keywords, created_at, updated_at)
           VALUES (?, ?, 'حساسیت', 'Allergy', 'subjective', 'critical', ?, 'now', 'now')`,
        )
        .run(id, `code_${id}`, keywords);
    expect(() => item('i0', 'not json')).toThrow(/CHECK/);
    item('i1', '{"any":["حساسیت"],"details":[]}');
    const template = (id: string, isDefault: number) =>
      db.raw
        .prepare(
          `INSERT INTO specialty_templates (id, code, name, name_en, specialty, is_default, sections, created_at, updated_at)
           VALUES (?, ?, 'عمومی', 'General', 'GP', ?, '["subjective"]', 'now', 'now')`,
        )
        .run(id, `t_${id}`, isDefault);
    template('t1', 1);
    expect(() => template('t2', 1)).toThrow(/UNIQUE/);
    template('t3', 0);
    const evaluation = (id: string) =>
      db.raw
        .prepare(
          `INSERT INTO checklist_evaluations (id, encounter_id, item_id, status, confidence, evidence, evaluated_at)
           VALUES (?, 'e1', 'i1', 'covered', 0.9, randomblob(8), 'now')`,
        )
        .run(id);
    evaluation('x1');
    expect(() => evaluation('x2')).toThrow(/UNIQUE/);
  });
});
