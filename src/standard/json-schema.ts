/**
 * The standard as JSON Schema (for the OpenAPI documents of the delivery API and the open-data
 * API): one schema per field, and the named schemas of its closed lists and grouping items.
 * The register's own keywords (lengths counted on visible text, allowed HTML, English labels)
 * are `x-` extensions, so strict validators accept the documents.
 */
import type { EnumValue, Field, GroupingField, StandardDefinition } from './types.ts';

export type Schema = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (schema: Schema) => ({ anyOf: [schema, { type: 'null' }] });
export const pascal = (key: string) => key.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

function enumSchemaName(def: StandardDefinition, field: Field) {
  return `v${def.version.replace(/\./g, '_')}__Enum${pascal(field.key)}`;
}
function groupingSchemaName(def: StandardDefinition, field: Field) {
  return `v${def.version.replace(/\./g, '_')}__Object${pascal(field.key)}`;
}

function enumSchema(values: readonly EnumValue[], title: string): Schema {
  return { type: 'string', title, enum: values.map((v) => v.value), 'x-labels-en': values.map((v) => v.label.en) };
}

function groupingItemSchema(field: GroupingField): Schema {
  const part = (name: 'title' | 'link') => {
    const spec = field.item[name];
    const base: Schema = { type: 'string', title: spec.label.nl, description: spec.label.en };
    // Counted on visible text, as for the top-level fields: JSON Schema's maxLength counts the raw
    // string and would refuse `&amp;` or tags that the register accepts.
    if (spec.maxLength !== undefined) base['x-max-length-without-html'] = spec.maxLength;
    return spec.required ? base : nullable(base);
  };
  return {
    type: 'object',
    title: field.label.nl,
    properties: { title: part('title'), link: part('link') },
    required: (['title', 'link'] as const).filter((p) => field.item[p].required),
  };
}

/** The JSON Schema of one field of the standard, as input. */
export function fieldSchema(def: StandardDefinition, field: Field): Schema {
  const docs: Schema = {
    title: field.label.nl,
    description: `${field.help.nl}\n\n${field.label.en}: ${field.help.en}`,
    'x-label-en': field.label.en,
    'x-show': field.visibility,
  };
  let schema: Schema;
  switch (field.kind) {
    case 'text':
    case 'html':
      schema = { type: 'string', 'x-max-length-without-html': field.maxLength };
      if (field.kind === 'html') schema['x-allowed-html-tags'] = def.allowedHtmlTags;
      if (field.kind === 'text' && field.format) schema['x-format'] = field.format;
      break;
    case 'enum':
      schema = ref(enumSchemaName(def, field));
      break;
    case 'enum-list':
      schema = { type: 'array', items: ref(enumSchemaName(def, field)) };
      break;
    case 'grouping':
      schema = { type: 'array', items: ref(groupingSchemaName(def, field)) };
      if (field.suggestions) docs['x-recommended-items'] = field.suggestions;
      break;
    case 'system':
      schema = { type: 'string', description: 'Set by the register; ignored in input.' };
      break;
  }
  const optional = !field.required;
  const out: Schema = optional ? { ...nullable(schema), ...docs } : { ...schema, ...docs };
  if (field.kind === 'enum' && field.default !== undefined) out.default = field.default;
  return out;
}

/** The named schemas fields refer to: each closed list and each grouping item. */
export function componentSchemas(def: StandardDefinition): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const field of def.fields) {
    if (field.kind === 'enum' || field.kind === 'enum-list') schemas[enumSchemaName(def, field)] = enumSchema(field.values, enumSchemaName(def, field));
    if (field.kind === 'grouping') schemas[groupingSchemaName(def, field)] = groupingItemSchema(field);
  }
  return schemas;
}
