/**
 * Which Algoritmekader requirements apply to an algorithm, from its AI Act profile and its publication duty.
 *
 * A requirement applies when, for every tag key, one of the profile's values is one the requirement lists.
 * For a group the tree never decided (a general-purpose AI model gets no risk group, an importer no
 * transparency duty), the requirement applies when it lists the key's "undecided" value
 * (`niet-van-toepassing`) or does not depend on the key at all, listing every value a label can give. So
 * the GDPR still applies to a general-purpose model, and the ban on prohibited practices is not read into it.
 * (The Algoritmekader site lets an undecided group match any value and then patches the model case.)
 * Exceptions (`uitzondering`) are evaluated over the tags the profile actually has: an undecided group never
 * triggers one.
 *
 * Two rules come from the law rather than the tags:
 * - The AI Act's own requirements (source `aia`) need an AI application: a profile without an application type
 *   (the tree found no AI system or model) gets none of them, while the other laws still apply to it.
 * - bzk-01, publishing in the algorithm register, applies exactly when the publication duty does.
 */
import type { AiActProfile } from './ai-act-profile.ts';
import { ComplianceDataError } from './data-shape.ts';
import { profileTags } from './label-tags.ts';
import type { Requirement, RequirementsCatalogue } from './requirements-catalogue.ts';
import { evaluateTagExpression } from './tag-expression.ts';

/** The requirement that says impactful algorithms and high-risk AI systems are published in the register. */
export const PUBLICATION_DUTY_REQUIREMENT = 'urn:nl:ak:ver:bzk-01';
/** The source code of the AI Act's requirements. */
export const AI_ACT_SOURCE = 'aia';
/** The tag key for the type of application (AI system, general-purpose AI system or model). */
export const APPLICATION_TYPE_KEY = 'soort-toepassing';

export interface RequirementInput {
  profile: AiActProfile;
  duty: { dutyApplies: boolean };
}

export function applicableRequirements(catalogue: RequirementsCatalogue, input: RequirementInput): Requirement[] {
  if (!catalogue.requirements.some((r) => r.id === PUBLICATION_DUTY_REQUIREMENT)) {
    throw new ComplianceDataError(`The requirements catalogue has no ${PUBLICATION_DUTY_REQUIREMENT}`);
  }
  if (!catalogue.labelTags.vocabulary.has(APPLICATION_TYPE_KEY)) {
    throw new ComplianceDataError(`The label tags have no key "${APPLICATION_TYPE_KEY}"`);
  }
  const tags = profileTags(input.profile, catalogue.labelTags);
  const present = new Set([...tags].flatMap(([key, values]) => (values ?? []).map((value) => `${key}-${value}`)));
  const isAiApplication = (tags.get(APPLICATION_TYPE_KEY) ?? []).length > 0;
  return catalogue.requirements.filter((requirement) => {
    if (requirement.id === PUBLICATION_DUTY_REQUIREMENT) return input.duty.dutyApplies;
    if (requirement.source === AI_ACT_SOURCE && !isAiApplication) return false;
    const tagsMatch = [...requirement.tags].every(([key, allowed]) => {
      const values = tags.get(key);
      if (values !== undefined) return values.some((value) => allowed.has(value));
      const listsUndecided = [...catalogue.labelTags.undecidedValues.get(key)!].some((value) => allowed.has(value));
      const dependsOnKey = [...catalogue.labelTags.labelValues.get(key)!].some((value) => !allowed.has(value));
      return listsUndecided || !dependsOnKey;
    });
    return tagsMatch && !requirement.exceptions.some((e) => evaluateTagExpression(e.expression, present));
  });
}

export interface RequirementsDiff {
  added: Requirement[];
  removed: Requirement[];
  unchanged: Requirement[];
}

/** What changes in the applicable requirements between two derivations, e.g. before and after a new profile. */
export function requirementsDiff(before: readonly Requirement[], after: readonly Requirement[]): RequirementsDiff {
  const beforeIds = new Set(before.map((r) => r.id));
  const afterIds = new Set(after.map((r) => r.id));
  return {
    added: after.filter((r) => !beforeIds.has(r.id)),
    removed: before.filter((r) => !afterIds.has(r.id)),
    unchanged: after.filter((r) => beforeIds.has(r.id)),
  };
}
