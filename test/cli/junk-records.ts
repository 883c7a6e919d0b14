/**
 * Records with junk in them, for property checks of the import: valid records with some fields
 * replaced by random values or left out, objects of random keys, and values that are no record
 * at all. Every one of them must be either imported or reported, never crash the import.
 */
import fc from 'fast-check';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { contentKeys } from '../../src/standard/validate.ts';
import { validRecord } from '../fixtures/records.ts';

/** Every key an import looks at: the standard's, our export's, 0.4's and a few that bite in JavaScript. */
export const KEYS = [
  ...contentKeys(CURRENT_STANDARD),
  'lars', 'organisation_code', 'state', 'version_date', 'publication_dt',
  'type', 'uuid', 'id', 'lawful_basis_link', 'source_data_link', 'iama_description',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty',
];

const NASTY = [
  '', ' ', '\t\n', '\u0000', '\u0000gm0001', 'x'.repeat(101), 'y'.repeat(5001), '<script>alert(1)</script>', '<p onclick="x()">a</p>',
  '&amp;', '<', '2023-13', 'In gebruik', 'Verkeer', 'Financiën', 'constructor', '__proto__', 'NLD', 'nld', '0.4', '1.0', '12345678',
  '11111113', '11111115', 'gm0001', 'bad code', 'https://example.org', 'mailto:x', '🙂', '\uD800', 'null', '[]', '{}', '[{"title":"a"}]',
];

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NASTY),
);

const groupingItem = fc.oneof(
  fc.record({ title: scalar, link: scalar }, { requiredKeys: [] }),
  scalar,
);

export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(fc.oneof(scalar, groupingItem), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('title', 'link', 'a', '__proto__'), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A valid record with a few fields replaced by junk and a few left out. */
const damaged = fc
  .record({
    overrides: fc.dictionary(fc.constantFrom(...KEYS), junkValue, { maxKeys: 4 }),
    removed: fc.subarray(KEYS, { maxLength: 3 }),
  })
  .map(({ overrides, removed }) => {
    const record = validRecord();
    for (const key of removed) delete record[key];
    for (const [key, value] of Object.entries(overrides)) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record;
  });

/**
 * A valid record whose organisation is hard to find or make: codes that cannot be codes, names
 * that make the same code, names with characters the databases store differently.
 */
const awkwardOrganisation = fc
  .record(
    {
      organization: fc.constantFrom('Gemeente A', 'Gemeente-A', 'gemeente a', 'Gemeente Å', 'z', 'Z', '', '  ', '---', '\u0000', 'Gemeente \uD800', 'Gemeente Voorbeeld'),
      organisation_code: fc.constantFrom('gm0001', 'GM0001', 'bad code', '', ' ', '-x', 'x'.repeat(101), 'gemeente-a', 'gm\u0000', '\uD800', 7, null),
    },
    { requiredKeys: ['organization'] },
  )
  .map((org) => ({ ...validRecord(), ...org }));

export const junkRecord: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null).map(() => validRecord()) },
  { weight: 6, arbitrary: damaged },
  { weight: 2, arbitrary: awkwardOrganisation },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), junkValue, { maxKeys: 8 }) },
  { weight: 1, arbitrary: junkValue },
);

export const junkRecords = fc.array(junkRecord, { minLength: 1, maxLength: 6 });
