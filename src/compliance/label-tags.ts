/**
 * The link between the decision tree's label groups and the Algoritmekader's requirement tags
 * (data/label-tags.json): which tag key each group fills and which tag value each label stands for.
 * It turns an AI Act profile into the tags requirements are matched on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AiActProfile } from './ai-act-profile.ts';
import { ComplianceDataError, Place, array, object, record, string, strings } from './data-shape.ts';
import type { DecisionTree } from './decision-tree.ts';
import { labelGroupOf } from './decision-tree.ts';

export const DEFAULT_LABEL_TAGS_PATH = fileURLToPath(new URL('./data/label-tags.json', import.meta.url));

export interface LabelGroupTags {
  group: string;
  /** The requirement tag key this group fills; null for groups no requirement is tagged with. */
  key: string | null;
  /** Each label of the group and its tag value (null: the label has none). */
  labels: ReadonlyMap<string, string | null>;
  /** Tag values no label gives, that a requirement carries to say it applies when the tree left this group undecided. */
  undecidedValues: readonly string[];
}

export interface LabelTags {
  groups: readonly LabelGroupTags[];
  /** Every tag key with its allowed values. */
  vocabulary: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every tag key with the values its labels can give (the vocabulary without the undecided values). */
  labelValues: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every tag key with its undecided values. */
  undecidedValues: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The tags of a profile per key: `undefined` when the tree never decided that group (matches any value),
 * otherwise the values of its labels (empty when its labels have no value, so nothing matches).
 */
export type ProfileTags = ReadonlyMap<string, readonly string[] | undefined>;

export function loadLabelTags(path: string = DEFAULT_LABEL_TAGS_PATH): LabelTags {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ComplianceDataError(`${path}: not readable JSON: ${(error as Error).message}`);
  }
  return parseLabelTags(data, path);
}

export function parseLabelTags(data: unknown, source = 'label tags'): LabelTags {
  const place = new Place(source);
  const root = object(data, place, ['groups']);
  const groups = array(root.groups, place.at('groups'), 1).map((item, i): LabelGroupTags => {
    const at = place.at('groups').at(i);
    const shaped = object(item, at, ['group', 'key', 'labels', 'undecidedValues']);
    const key = shaped.key === null ? null : string(shaped.key, at.at('key'));
    const labels = record(shaped.labels, at.at('labels'));
    return {
      group: string(shaped.group, at.at('group')),
      key,
      labels: new Map(
        Object.entries(labels).map(([label, value]) => {
          if (value !== null) string(value, at.at('labels').at(label));
          if (key === null && value !== null) at.at('labels').at(label).fail('a group without a key has no tag values');
          return [label, value as string | null];
        }),
      ),
      undecidedValues: strings(shaped.undecidedValues, at.at('undecidedValues')),
    };
  });
  const vocabulary = new Map<string, Set<string>>();
  const labelValues = new Map<string, Set<string>>();
  const undecidedValues = new Map<string, Set<string>>();
  groups.forEach((group, i) => {
    if (groups.findIndex((g) => g.group === group.group) !== i) place.at('groups').at(i).fail(`group "${group.group}" appears twice`);
    if (group.key === null) return;
    if (vocabulary.has(group.key)) place.at('groups').at(i).fail(`key "${group.key}" is used by two groups`);
    const values = [...group.labels.values()].filter((v): v is string => v !== null);
    vocabulary.set(group.key, new Set([...values, ...group.undecidedValues]));
    labelValues.set(group.key, new Set(values));
    undecidedValues.set(group.key, new Set(group.undecidedValues));
  });
  return { groups, vocabulary, labelValues, undecidedValues };
}

/** Fails when the tree gives a label the mapping does not know, so no label is silently left out. */
export function checkTreeLabels(tree: DecisionTree, tags: LabelTags): void {
  for (const question of tree.questions.values()) {
    const group = labelGroupOf(tree, question.id)?.group;
    for (const answer of question.answers) {
      for (const label of answer.labels) {
        const mapped = tags.groups.find((g) => g.group === group);
        if (!mapped?.labels.has(label)) {
          throw new ComplianceDataError(
            `Tree ${tree.version}, question "${question.id}": label "${label}" of group "${group}" is not in the label tags`,
          );
        }
      }
    }
  }
}

export function profileTags(profile: AiActProfile, tags: LabelTags): ProfileTags {
  const result = new Map<string, readonly string[] | undefined>();
  for (const [group, labels] of Object.entries(profile.groups)) {
    const mapped = tags.groups.find((g) => g.group === group);
    if (!mapped) throw new ComplianceDataError(`Label group "${group}" of the profile is not in the label tags`);
    for (const label of labels) {
      if (!mapped.labels.has(label)) throw new ComplianceDataError(`Label "${label}" of group "${group}" is not in the label tags`);
    }
    if (mapped.key === null) continue;
    result.set(mapped.key, labels.length === 0 ? undefined : labels.map((l) => mapped.labels.get(l)).filter((v): v is string => v != null));
  }
  for (const key of tags.vocabulary.keys()) if (!result.has(key)) result.set(key, undefined);
  return result;
}
