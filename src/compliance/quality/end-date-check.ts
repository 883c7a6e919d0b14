/** An algorithm out of use has an end date; one still in use has none; an end never lies before the beginning. */
import { standardValue } from '../standard-values.ts';
import { outcomeOf, textOf, type Finding, type QualityCheck } from './types.ts';

const OUT_OF_USE = standardValue('status', 'Buiten gebruik');

export const endDateCheck: QualityCheck = {
  id: 'end-date',
  weight: 1,
  run(content) {
    const status = textOf(content, 'status');
    const end = textOf(content, 'end_date');
    const begin = textOf(content, 'begin_date');
    const findings: Finding[] = [];
    const finding = (severity: Finding['severity'], messageKey: Finding['messageKey'], params?: Finding['params']) => findings.push({ check: 'end-date', field: 'end_date', severity, messageKey, params });
    if (status === OUT_OF_USE && end === '') finding('warning', 'end-date.missing');
    if (status !== OUT_OF_USE && status !== '' && end !== '') finding('info', 'end-date.while-in-use');
    // yyyy-mm compares as text.
    if (end !== '' && begin !== '' && end < begin) finding('warning', 'end-date.before-begin', { begin, end });
    return outcomeOf(findings);
  },
};
