/**
 * Saving a description from the management form. A draft may be saved at any moment, also
 * incomplete (required fields still empty): what is filled in is kept, and what is missing is
 * reported. What cannot be stored as typed (too long, not one of the values) is not saved: the
 * form is shown again with everything as typed. A save based on a version that is no longer the
 * latest (someone else saved meanwhile) is refused, never silently overwriting theirs.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { StandardDefinition } from '../standard/types.ts';
import { checkRecord, type ValidationIssue } from '../standard/validate.ts';
import type { Actor } from './actor.ts';
import type { Organisation } from './organisations.ts';
import { createAlgorithm, latestVersion, updateAlgorithm, type Algorithm, type Version } from './algorithms.ts';
import { RegisterError } from './errors.ts';

export type DraftSave =
  | {
      outcome: 'saved' | 'unchanged';
      algorithm: Algorithm;
      version: Version;
      /** What keeps it from being released: required fields still empty. */
      incomplete: ValidationIssue[];
      warnings: ValidationIssue[];
    }
  | { outcome: 'invalid'; errors: ValidationIssue[]; warnings: ValidationIssue[] }
  | { outcome: 'conflict'; latest: Version; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/** An issue that only says a required value is not there yet. */
export function isIncompleteness(issue: ValidationIssue): boolean {
  return issue.type === 'missing' || ((issue.type === 'string_type' || issue.type === 'enum' || issue.type === 'list_type') && issue.input === null);
}

export interface DraftTarget {
  algorithm: Algorithm;
  /** The version the form was opened on. */
  basedOnVersionId: number;
}

/**
 * Saves `raw` (a record as the form reads it, locations relative to it) as a draft: a new
 * algorithm of `org` when `target` is undefined, else a new version of `target.algorithm`.
 */
export async function saveDraft(
  db: Kysely<Database>,
  def: StandardDefinition,
  org: Organisation,
  raw: Record<string, unknown>,
  actor: Actor,
  target?: DraftTarget,
  opts: { auditAction?: string } = {},
): Promise<DraftSave> {
  const { value, errors, warnings } = checkRecord(def, { ...raw, standard_version: def.version }, []);
  const incomplete = errors.filter(isIncompleteness);
  if (incomplete.length < errors.length) return { outcome: 'invalid', errors, warnings };
  if (!target) {
    const created = await createAlgorithm(db, org, value, actor);
    return { outcome: 'saved', algorithm: created.algorithm, version: created.version, incomplete, warnings };
  }
  try {
    const result = await updateAlgorithm(db, target.algorithm, value, actor, { expectedVersionId: target.basedOnVersionId, auditAction: opts.auditAction });
    return { outcome: result.changed ? 'saved' : 'unchanged', algorithm: target.algorithm, version: result.version, incomplete, warnings };
  } catch (error) {
    if (!(error instanceof RegisterError && error.kind === 'precondition_failed')) throw error;
    const latest = (await latestVersion(db, target.algorithm.id))!;
    return { outcome: 'conflict', latest, errors: incomplete, warnings };
  }
}
