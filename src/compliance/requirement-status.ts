/**
 * What the organisation keeps per applicable requirement of an algorithm: open, in progress, done, or not
 * applicable (with a note saying why). The requirements that apply follow from the current classification and
 * duty assessment (applicable-requirements.ts); a status kept for a requirement that no longer applies stays
 * stored and is listed apart, so work done is not lost when a profile changes back.
 */
import type { Kysely } from 'kysely';
import type { Database, RequirementStatusTable } from '../db/schema.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import type { Label } from '../standard/types.ts';
import { applicableRequirements, PUBLICATION_DUTY_REQUIREMENT } from './applicable-requirements.ts';
import { currentDutyAssessment } from './assessments.ts';
import { currentClassification } from './classifications.ts';
import { ownedAlgorithm } from './owned-algorithm.ts';
import type { Requirement, RequirementsCatalogue } from './requirements-catalogue.ts';

export type RequirementStatus = RequirementStatusTable['status'];

export const REQUIREMENT_STATUSES: Readonly<Record<RequirementStatus, Label>> = {
  open: { nl: 'Open', en: 'Open' },
  in_progress: { nl: 'Mee bezig', en: 'In progress' },
  done: { nl: 'Voldaan', en: 'Done' },
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
};

export const NOTE_MAX = 2000;

const isStatus = (value: unknown): value is RequirementStatus => typeof value === 'string' && Object.hasOwn(REQUIREMENT_STATUSES, value);

export interface KeptStatus {
  requirementId: string;
  status: RequirementStatus;
  note: string | null;
  updatedBy: Actor | null;
  updatedAt: string | null;
}

export async function setRequirementStatus(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  catalogue: RequirementsCatalogue,
  input: { requirementId: string; status: string; note?: string | null },
  actor: Actor,
  at = new Date().toISOString(),
): Promise<KeptStatus> {
  if (!catalogue.requirements.some((r) => r.id === input.requirementId)) {
    throw new RegisterError('invalid', `requirementId: ${input.requirementId} is not a requirement of the Algoritmekader`);
  }
  if (!isStatus(input.status)) throw new RegisterError('invalid', `status: must be one of ${Object.keys(REQUIREMENT_STATUSES).join(', ')}`);
  const note = input.note?.trim() || null;
  if (note !== null && [...note].length > NOTE_MAX) throw new RegisterError('invalid', `note: at most ${NOTE_MAX} characters`);
  // "Not applicable" overrules the catalogue, so the organisation must say why.
  if (input.status === 'not_applicable' && note === null) throw new RegisterError('invalid', 'note: say why the requirement does not apply');
  const status = input.status;
  return db.transaction().execute(async (trx) => {
    await ownedAlgorithm(trx, organisationId, algorithmId);
    const before = await trx
      .selectFrom('requirement_statuses')
      .select(['status', 'note'])
      .where('algorithm_id', '=', algorithmId)
      .where('requirement_id', '=', input.requirementId)
      .executeTakeFirst();
    const values = { status, note, updated_by: actor.id, updated_by_name: actor.name, updated_at: at };
    await trx
      .insertInto('requirement_statuses')
      .values({ algorithm_id: algorithmId, requirement_id: input.requirementId, organisation_id: organisationId, ...values })
      .onConflict((oc) => oc.columns(['algorithm_id', 'requirement_id']).doUpdateSet(values))
      .execute();
    await recordEvent(
      trx,
      {
        action: 'requirement_status_set',
        actor,
        organisationId,
        algorithmId,
        detail: {
          requirement: input.requirementId,
          status: { from: before?.status ?? 'open', to: status },
          note: { from: before?.note ?? null, to: note },
        },
      },
      at,
    );
    return { requirementId: input.requirementId, status, note, updatedBy: actor, updatedAt: at };
  });
}

export interface RequirementOverviewItem extends KeptStatus {
  requirement: Requirement;
}

export interface RequirementOverview {
  /** Whether the AI Act classification is known; without it only the publication duty can be derived. */
  classified: boolean;
  dutyAssessed: boolean;
  /** The requirements that apply, each with the status kept (open when none was kept). */
  items: RequirementOverviewItem[];
  /** Statuses kept for requirements that no longer apply. */
  noLongerApplicable: KeptStatus[];
}

export async function requirementOverview(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  catalogue: RequirementsCatalogue,
): Promise<RequirementOverview> {
  const duty = await currentDutyAssessment(db, organisationId, algorithmId);
  const classification = await currentClassification(db, organisationId, algorithmId);
  const dutyApplies = duty?.assessment.dutyApplies ?? false;
  const applicable = classification
    ? applicableRequirements(catalogue, { profile: classification.classification.profile, duty: { dutyApplies } })
    : catalogue.requirements.filter((r) => r.id === PUBLICATION_DUTY_REQUIREMENT && dutyApplies);
  const rows = await db.selectFrom('requirement_statuses').selectAll().where('algorithm_id', '=', algorithmId).execute();
  const kept = new Map<string, KeptStatus>(
    rows.map((r) => [
      r.requirement_id,
      { requirementId: r.requirement_id, status: r.status, note: r.note, updatedBy: { id: r.updated_by, name: r.updated_by_name }, updatedAt: r.updated_at },
    ]),
  );
  const items = applicable.map((requirement) => ({
    requirement,
    ...(kept.get(requirement.id) ?? { requirementId: requirement.id, status: 'open' as const, note: null, updatedBy: null, updatedAt: null }),
  }));
  const applicableIds = new Set(applicable.map((r) => r.id));
  return {
    classified: classification !== undefined,
    dutyAssessed: duty !== undefined,
    items,
    noLongerApplicable: [...kept.values()].filter((k) => !applicableIds.has(k.requirementId)),
  };
}
