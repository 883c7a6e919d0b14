/**
 * The dry run of a bulk import as a page section: the counts, a table with what happens to
 * each row, and per row with something to say a table of its fields (what it is now, what it
 * becomes, the error or warning at that field). Messages are the form's own (field-issues.ts)
 * where the standard's validator found them, and this page's for the import's own checks.
 */
import type { Lang } from '../publicsite/messages.ts';
import { fill } from '../publicsite/messages.ts';
import type { ImportPlan, PlannedRow, RowAction, RowIssue } from '../register/bulk-import.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import type { TableFormat } from '../standard/tabular-read.ts';
import { issuesByField } from './form/field-issues.ts';
import { importMessages, type ImportMessages } from './messages-import.ts';

/** Rows shown field by field: enough to see every problem of a usual file, small enough to render quickly. */
export const DETAIL_LIMIT = 300;
/** Characters of a value shown in the field table. */
const VALUE_CHARS = 240;

/** The number a person sees for a row: the spreadsheet's row (the header is row 1), or the record's position in a JSON list. */
export const rowNumber = (format: TableFormat, index: number) => (format === 'json' ? index + 1 : index + 2);

const formatter = { nl: new Intl.NumberFormat('nl-NL'), en: new Intl.NumberFormat('en-GB') };

export function actionLabel(t: ImportMessages, action: RowAction): string {
  return { create: t.actionCreate, update: t.actionUpdate, unchanged: t.actionUnchanged, refused: t.actionRefused }[action];
}

function fieldLabel(t: ImportMessages, key: string, lang: Lang): string {
  if (key === '') return t.rowLevel;
  const field = CURRENT_STANDARD.fields.find((f) => f.key === key);
  return field ? `${field.label[lang]} (${key})` : key;
}

/** An issue in the person's language. */
export function issueText(issue: RowIssue, lang: Lang, format: TableFormat): string {
  const t = importMessages[lang];
  switch (issue.type) {
    case 'model_attributes_type':
      return t.msgNotARecord;
    case 'unknown_field':
      return t.msgUnknownField;
    case 'other_organisation':
      return fill(t.msgOtherOrganisation, { code: String(issue.ctx?.code ?? '') });
    case 'lars_format':
      return t.msgLarsFormat;
    case 'not_of_organisation':
      return t.msgNotOfOrganisation;
    case 'duplicate_row':
      return fill(t.msgDuplicateRow, { row: rowNumber(format, Number(issue.ctx?.row ?? 0)) });
    case 'other_organisation_name':
      return fill(t.msgOtherOrganisationName, { organisation: String(issue.ctx?.organisation ?? '') });
    default: {
      const key = String(issue.loc[0] ?? '');
      const messages = issuesByField(CURRENT_STANDARD, [issue], [], lang)[key]?.errors[0];
      return messages ? (messages.row !== undefined ? `${messages.row + 1}${messages.part ? ` (${messages.part})` : ''}: ${messages.text}` : messages.text) : issue.msg;
    }
  }
}

function shown(value: unknown, t: ImportMessages): string {
  if (value === null || value === undefined || value === '') return t.empty_value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}

/** The keys a row's field table lists: changed fields and fields with messages, in the standard's order, the rest after. */
function fieldsOf(row: PlannedRow): string[] {
  const keys = new Set<string>([...Object.keys(row.changes), ...row.errors.map((e) => String(e.loc[0] ?? '')), ...row.warnings.map((w) => String(w.loc[0] ?? ''))]);
  const order = ['', 'lars', 'organisation_code', ...CURRENT_STANDARD.fields.map((f) => f.key)];
  return [...keys].sort((a, b) => (order.indexOf(a) + 1 || 1e6) - (order.indexOf(b) + 1 || 1e6));
}

const rowId = (index: number) => `rij-${index + 1}`;

function RowDetails({ row, lang, format }: { row: PlannedRow; lang: Lang; format: TableFormat }) {
  const t = importMessages[lang];
  const n = rowNumber(format, row.index);
  const heading = fill(t.rowHeading, { row: n, name: row.name ?? t.unnamed });
  const showNow = row.action === 'update';
  return (
    <section class="import-row" aria-labelledby={`${rowId(row.index)}-kop`} id={rowId(row.index)}>
      <h3 id={`${rowId(row.index)}-kop`} class="nl-heading nl-heading--level-3">
        {heading} <span class={`import-action import-action--${row.action}`}>{actionLabel(t, row.action)}</span>
        {row.lars && <span class="meta"> LARS {row.lars}</span>}
      </h3>
      <div class="table-wrapper" role="region" aria-labelledby={`${rowId(row.index)}-caption`} tabindex={0}>
        <table class="utrecht-table">
          <caption id={`${rowId(row.index)}-caption`}>{fill(t.rowCaption, { row: n })}</caption>
          <thead class="utrecht-table__header">
            <tr>
              <th scope="col">{t.colField}</th>
              {showNow && <th scope="col">{t.colNow}</th>}
              <th scope="col">{t.colBecomes}</th>
              <th scope="col">{t.colFieldMessages}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {fieldsOf(row).map((key) => {
              const change = row.changes[key];
              const errors = row.errors.filter((e) => String(e.loc[0] ?? '') === key);
              const warnings = row.warnings.filter((w) => String(w.loc[0] ?? '') === key);
              return (
                <tr class={errors.length ? 'import-field--error' : warnings.length ? 'import-field--warning' : undefined}>
                  <th scope="row">{fieldLabel(t, key, lang)}</th>
                  {showNow && <td class="import-value">{change ? shown(change.from, t) : ''}</td>}
                  <td class="import-value">{change ? shown(change.to, t) : row.given && key in row.given ? shown(row.given[key], t) : ''}</td>
                  <td>
                    {errors.map((e) => (
                      <p class="field-error utrecht-form-field-error-message">
                        <strong>{t.errorPrefix}</strong> {issueText(e, lang, format)}
                      </p>
                    ))}
                    {warnings.map((w) => (
                      <p class="field-warning">
                        <strong>{t.warningPrefix}</strong> {issueText(w, lang, format)}
                      </p>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ImportReport({ plan, lang, format }: { plan: ImportPlan; lang: Lang; format: TableFormat }) {
  const t = importMessages[lang];
  const number = (n: number) => formatter[lang].format(n);
  const counts: [string, number][] = [
    [t.countCreate, plan.counts.create],
    [t.countUpdate, plan.counts.update],
    [t.countUnchanged, plan.counts.unchanged],
    [t.countRefused, plan.counts.refused],
    [t.countWarnings, plan.counts.warnings],
  ];
  const worthShowing = plan.rows.filter((r) => r.action === 'create' || r.action === 'update' || r.errors.length || r.warnings.length);
  const details = worthShowing.slice(0, DETAIL_LIMIT);
  const detailed = new Set(details);
  return (
    <>
      <section aria-labelledby="import-summary">
        <h2 id="import-summary" class="nl-heading nl-heading--level-2">{t.summaryTitle}</h2>
        <dl class="import-counts">
          {counts.map(([label, n]) => (
            <div>
              <dt>{label}</dt>
              <dd>{number(n)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="import-rows">
        <h2 id="import-rows" class="nl-heading nl-heading--level-2">{t.rowsTitle}</h2>
        <div class="table-wrapper" role="region" aria-labelledby="import-rows-caption" tabindex={0}>
          <table class="utrecht-table">
            <caption id="import-rows-caption">{t.rowsCaption}</caption>
            <thead class="utrecht-table__header">
              <tr>
                <th scope="col" class="numeric">{t.colRow}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colAction}</th>
                <th scope="col">{t.colLars}</th>
                <th scope="col">{t.colMessages}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {plan.rows.map((row) => {
                const linked = detailed.has(row);
                return (
                  <tr>
                    <td class="numeric">{linked ? <a class="nl-link" href={`#${rowId(row.index)}`}>{rowNumber(format, row.index)}</a> : rowNumber(format, row.index)}</td>
                    <th scope="row">{row.name ?? t.unnamed}</th>
                    <td>{actionLabel(t, row.action)}</td>
                    <td>{row.lars ?? ''}</td>
                    <td>
                      {[row.errors.length ? fill(t.errorsCount, { n: row.errors.length }) : '', row.warnings.length ? fill(t.warningsCount, { n: row.warnings.length }) : ''].filter(Boolean).join(', ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {details.length > 0 && (
        <section aria-labelledby="import-details">
          <h2 id="import-details" class="nl-heading nl-heading--level-2">{t.detailsTitle}</h2>
          {worthShowing.length > details.length && <p class="nl-paragraph">{fill(t.detailsLimited, { shown: number(details.length), total: number(worthShowing.length) })}</p>}
          {details.map((row) => (
            <RowDetails row={row} lang={lang} format={format} />
          ))}
        </section>
      )}
    </>
  );
}
