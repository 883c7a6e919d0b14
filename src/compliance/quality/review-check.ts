/**
 * A description is looked at again at least every 12 months (configurable): counted from the later of its
 * last publication and the organisation's last explicit review.
 */
import { outcomeOf, type QualityCheck } from './types.ts';

export const DEFAULT_REVIEW_MONTHS = 12;

/** The moment `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/** When the description was last looked at: the later of publication and explicit review, or null. */
export function lastLookedAt(lastPublishedAt: string | null | undefined, reviewedAt: string | null | undefined): string | null {
  const dates = [lastPublishedAt, reviewedAt].filter((d): d is string => typeof d === 'string' && d !== '');
  return dates.length === 0 ? null : dates.sort().at(-1)!;
}

export const reviewCheck: QualityCheck = {
  id: 'review',
  weight: 1,
  run(_content, context) {
    const months = context.reviewMonths ?? DEFAULT_REVIEW_MONTHS;
    const since = lastLookedAt(context.lastPublishedAt, context.reviewedAt);
    if (since === null) return outcomeOf([{ check: 'review', field: 'publication_dt', severity: 'info', messageKey: 'review.never' }]);
    if (since >= monthsBefore(context.now, months).toISOString()) return outcomeOf([]);
    return outcomeOf([{ check: 'review', field: 'publication_dt', severity: 'warning', messageKey: 'review.overdue', params: { since: since.slice(0, 10), months } }]);
  },
};
