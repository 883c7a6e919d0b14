/**
 * The Algoritmekader requirements (vereisten) as data: data/requirements.json, checked strictly against the
 * tag vocabulary of data/label-tags.json. A tag value or exception token outside the vocabulary, a missing or
 * unknown key, or an exception that does not parse, is an error when the catalogue loads: a requirement that
 * silently never (or always) matched would be worse than no answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConditionSyntaxError } from './condition-tokens.ts';
import { ComplianceDataError, Place, array, object, string, strings } from './data-shape.ts';
import { loadLabelTags, type LabelTags } from './label-tags.ts';
import { parseTagExpression, tagsInExpression, type TagExpression } from './tag-expression.ts';

export const DEFAULT_REQUIREMENTS_PATH = fileURLToPath(new URL('./data/requirements.json', import.meta.url));

export interface Requirement {
  /** The page name in the Algoritmekader, e.g. `bzk-01-algoritmeregister`; measures and tools refer to it. */
  file: string;
  /** The URN, e.g. `urn:nl:ak:ver:bzk-01`. */
  id: string;
  /** The code before the number: the law or source it comes from (`aia` is the AI Act, `avg` the GDPR, …). */
  source: string;
  title: string;
  lifecycle: readonly string[];
  topics: readonly string[];
  roles: readonly string[];
  /** Per tag key, the values this requirement applies to. */
  tags: ReadonlyMap<string, ReadonlySet<string>>;
  /** When any of these holds, the requirement does not apply. */
  exceptions: readonly { text: string; expression: TagExpression }[];
  status?: readonly string[];
}

export interface RequirementsCatalogue {
  requirements: readonly Requirement[];
  labelTags: LabelTags;
}

const ID = /^urn:nl:ak:ver:([a-z]+)-\d+$/;

export function loadRequirementsCatalogue(
  path: string = DEFAULT_REQUIREMENTS_PATH,
  labelTags: LabelTags = loadLabelTags(),
): RequirementsCatalogue {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ComplianceDataError(`${path}: not readable JSON: ${(error as Error).message}`);
  }
  return parseRequirementsCatalogue(data, labelTags, path);
}

export function parseRequirementsCatalogue(data: unknown, labelTags: LabelTags, source = 'requirements'): RequirementsCatalogue {
  const place = new Place(source);
  const tagKeys = [...labelTags.vocabulary.keys()];
  const allowed = ['file', 'id', 'title', 'levenscyclus', 'onderwerp', 'rollen', ...tagKeys, 'uitzondering', 'status_vereiste'];
  const knownTokens = new Set(tagKeys.flatMap((key) => [...labelTags.vocabulary.get(key)!].map((value) => `${key}-${value}`)));
  const requirements = array(data, place, 1).map((item, i): Requirement => {
    const at = place.at(i);
    const shaped = object(item, at, allowed);
    const id = string(shaped.id, at.at('id'));
    const match = ID.exec(id);
    if (!match) return at.at('id').fail(`"${id}" is not a requirement URN like urn:nl:ak:ver:aia-01`);
    const tags = new Map(
      tagKeys.map((key) => {
        const values = strings(shaped[key], at.at(key), 1);
        for (const [v, value] of values.entries()) {
          if (!labelTags.vocabulary.get(key)!.has(value)) {
            at.at(key).at(v).fail(`unknown tag value "${value}" (known: ${[...labelTags.vocabulary.get(key)!].join(', ')})`);
          }
        }
        return [key, new Set(values)] as const;
      }),
    );
    const exceptions = (shaped.uitzondering === undefined ? [] : strings(shaped.uitzondering, at.at('uitzondering'))).map((text, e) => {
      const where = at.at('uitzondering').at(e);
      let expression: TagExpression;
      try {
        expression = parseTagExpression(text);
      } catch (error) {
        if (error instanceof ConditionSyntaxError) where.fail(error.message);
        throw error;
      }
      for (const token of tagsInExpression(expression)) {
        if (!knownTokens.has(token)) where.fail(`unknown tag "${token}" (a tag is <key>-<value> of the tag vocabulary)`);
      }
      return { text, expression };
    });
    const requirement: Requirement = {
      file: string(shaped.file, at.at('file')),
      id,
      source: match[1],
      title: string(shaped.title, at.at('title')),
      lifecycle: strings(shaped.levenscyclus, at.at('levenscyclus')),
      topics: strings(shaped.onderwerp, at.at('onderwerp')),
      roles: strings(shaped.rollen, at.at('rollen')),
      tags,
      exceptions,
    };
    if (shaped.status_vereiste !== undefined) requirement.status = strings(shaped.status_vereiste, at.at('status_vereiste'));
    return requirement;
  });
  requirements.forEach((r, i) => {
    if (requirements.findIndex((other) => other.id === r.id) !== i) place.at(i).fail(`id "${r.id}" is used twice`);
    if (requirements.findIndex((other) => other.file === r.file) !== i) place.at(i).fail(`file "${r.file}" is used twice`);
  });
  return { requirements, labelTags };
}
