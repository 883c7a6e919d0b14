/**
 * The shape of a publication-standard definition. One definition per standard version
 * (see `v1_0.ts`); validation, normalisation, API schemas, forms, exports and page layout
 * are all derived from it, so a field is described in exactly one place.
 */

/** A text in both user-interface languages. */
export interface Label {
  nl: string;
  en: string;
}

/** Documented formats that the national register does not enforce: reported as warnings. */
export type TextFormat = 'yyyy-mm' | 'email-or-https-url' | 'https-url';

/** When the public page shows a field (the handbook's "Altijd tonen"). */
export type Visibility = 'always' | 'when-filled' | 'never';

interface FieldBase {
  /** The JSON key on the wire (aanleverapi, exports, storage). */
  key: string;
  label: Label;
  /** What to write here, in our own words. */
  help: Label;
  /** Present and not null on input (the empty string is accepted, as the reference does). */
  required: boolean;
  visibility: Visibility;
  /** Weight in the completeness score (0, 2 or 8, as the national management UI weighs them). */
  weight: number;
}

/** Plain text: any HTML is stripped to its visible text. */
export interface TextField extends FieldBase {
  kind: 'text';
  maxLength: number;
  format?: TextFormat;
}

/** Rich text limited to the standard's HTML allow-list; the limit counts visible text. */
export interface HtmlField extends FieldBase {
  kind: 'html';
  maxLength: number;
}

export interface EnumValue {
  value: string;
  label: Label;
}

/** One value of a closed list. */
export interface EnumField extends FieldBase {
  kind: 'enum';
  values: readonly EnumValue[];
  /** The value filled in when the input leaves it out or sends null. */
  default?: string;
}

/** Several values of a closed list (the themes). */
export interface EnumListField extends FieldBase {
  kind: 'enum-list';
  values: readonly EnumValue[];
}

export interface GroupingPart {
  required: boolean;
  /** Published limit; the reference does not enforce it, we do (422). */
  maxLength?: number;
  /** Whether the value is a link (checked as a URL warning). */
  isLink: boolean;
  label: Label;
}

/** A list of {title, link} objects. */
export interface GroupingField extends FieldBase {
  kind: 'grouping';
  item: { title: GroupingPart; link: GroupingPart };
  /** Suggested titles (not validated). */
  suggestions?: readonly string[];
}

/** Set by the register; accepted in input and ignored. */
export interface SystemField extends FieldBase {
  kind: 'system';
}

export type Field = TextField | HtmlField | EnumField | EnumListField | GroupingField | SystemField;

/** A tab of the public algorithm page. */
export interface LayoutSection {
  key: string;
  label: Label;
  fields: readonly string[];
}

export interface StandardDefinition {
  /** The wire value of `standard_version`. */
  version: string;
  fields: readonly Field[];
  /** HTML tags allowed in `html` fields; no attributes are allowed. */
  allowedHtmlTags: readonly string[];
  layout: {
    card: { main: string; sub: readonly string[] };
    sections: readonly LayoutSection[];
  };
}

/** One grouping item as stored and served. */
export interface GroupingItem {
  title: string;
  link: string | null;
}

/** A record as stored: every content key of the standard, null when absent. */
export type AlgorithmContent = Record<string, string | string[] | GroupingItem[] | null>;
