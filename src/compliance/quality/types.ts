/**
 * The shape every quality check shares. A check is a pure function of a description's content and a small
 * context (the date, when it was last published or reviewed, what the link checker found), so editors see the
 * same findings while they edit as the stored score says afterwards.
 */
import type { AlgorithmContent } from '../../standard/types.ts';
import type { QualityMessageKey } from './messages.ts';

/** error: the description falls short; warning: it should be better; info: a hint that never lowers the score by itself. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  check: string;
  /** The standard's field key the finding is about. */
  field: string;
  severity: Severity;
  messageKey: QualityMessageKey;
  /** Values for the message's placeholders. */
  params?: Readonly<Record<string, string | number>>;
}

export interface LinkStatus {
  ok: boolean;
  statusCode: number | null;
}

export interface QualityContext {
  now: Date;
  /** When the current public version was published, if any (ISO). */
  lastPublishedAt?: string | null;
  /** The organisation's last explicit review, if any (ISO). */
  reviewedAt?: string | null;
  /** How recent a review must be; 12 months unless set. */
  reviewMonths?: number;
  /** The link checker's last results by URL; links not in it count as unchecked. */
  links?: ReadonlyMap<string, LinkStatus>;
}

export interface CheckOutcome {
  findings: Finding[];
  /** 0 to 1: how well the description does on this check. */
  score: number;
}

export interface QualityCheck {
  id: string;
  /** The check's share in the summary score. */
  weight: number;
  run(content: AlgorithmContent, context: QualityContext): CheckOutcome;
}

/** The usual score: full without findings that count, none with an error, half with warnings only. */
export function outcomeOf(findings: Finding[]): CheckOutcome {
  const score = findings.some((f) => f.severity === 'error') ? 0 : findings.some((f) => f.severity === 'warning') ? 0.5 : 1;
  return { findings, score };
}

/** A field's value as plain trimmed text ('' for empty, lists and groupings). */
export function textOf(content: AlgorithmContent, key: string): string {
  const value = content[key];
  return typeof value === 'string' ? value.trim() : '';
}
