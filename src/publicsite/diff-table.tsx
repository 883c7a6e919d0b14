/**
 * Two versions of a description side by side, field by field: texts as one run of words with
 * what was removed and added marked (and named for screen readers), other values before and
 * after. The public history and management's review before publishing show the same table.
 */
import { plainText } from '../standard/html.ts';
import { wordDiff } from '../standard/word-diff.ts';
import type { FieldDiff } from '../standard/diff.ts';
import type { AlgorithmContent, Field, StandardDefinition } from '../standard/types.ts';
import type { Lang } from './messages.ts';
import { algorithmMessages } from './messages-algorithm.ts';
import { FieldValue, isEmpty } from './algorithm-view.tsx';

/** A value as text for a word diff: rich text by its visible text, lists one item per line. */
function asText(field: Field, value: AlgorithmContent[string]): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'html') return plainText(String(value));
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : [v.title, v.link].filter(Boolean).join(' – '))).join('\n');
  return String(value);
}

function Change({ field, from, to, lang, def }: { field: Field; from: AlgorithmContent[string]; to: AlgorithmContent[string]; lang: Lang; def: StandardDefinition }) {
  const t = algorithmMessages[lang];
  const textual = field.kind === 'text' || field.kind === 'html';
  return (
    <tr>
      <th scope="row">{field.label[lang]}</th>
      {textual ? (
        <td colSpan={2}>
          <p class="word-diff">
            {wordDiff(asText(field, from), asText(field, to)).map((part) =>
              part.kind === 'same' ? (
                part.text
              ) : part.kind === 'removed' ? (
                <del>
                  <span class="visually-hidden-heading">[{t.removed}: </span>
                  {part.text}
                  <span class="visually-hidden-heading">]</span>
                </del>
              ) : (
                <ins>
                  <span class="visually-hidden-heading">[{t.added}: </span>
                  {part.text}
                  <span class="visually-hidden-heading">]</span>
                </ins>
              ),
            )}
          </p>
        </td>
      ) : (
        <>
          <td>{isEmpty(from) ? t.empty : <FieldValue def={def} field={field} value={from} lang={lang} />}</td>
          <td>{isEmpty(to) ? t.empty : <FieldValue def={def} field={field} value={to} lang={lang} />}</td>
        </>
      )}
    </tr>
  );
}

/** The table of the changed `fields` (in the standard's order) of `changes`. */
export function DiffTable({ def, fields, changes, lang }: { def: StandardDefinition; fields: Field[]; changes: FieldDiff; lang: Lang }) {
  const t = algorithmMessages[lang];
  return (
    <table class="diff-table utrecht-table">
      <thead class="utrecht-table__header">
        <tr>
          <th scope="col">{t.field}</th>
          <th scope="col">{t.before}</th>
          <th scope="col">{t.after}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {fields.map((field) => (
          <Change field={field} from={changes[field.key].from as AlgorithmContent[string]} to={changes[field.key].to as AlgorithmContent[string]} lang={lang} def={def} />
        ))}
      </tbody>
    </table>
  );
}
