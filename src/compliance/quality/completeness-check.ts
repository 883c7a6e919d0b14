/** Weighted completeness (src/standard/completeness.ts): one finding per empty weighted field, the score its share. */
import { completeness } from '../../standard/completeness.ts';
import { CURRENT_STANDARD, fieldOf } from '../../standard/index.ts';
import type { QualityCheck } from './types.ts';

/** Fields every reader needs weigh 8 in the standard; an empty one is a warning, the rest a hint. */
const HEAVY = 8;

export const completenessCheck: QualityCheck = {
  id: 'completeness',
  weight: 4,
  run(content) {
    const result = completeness(CURRENT_STANDARD, content);
    const findings = result.missing.map((field) => ({
      check: 'completeness',
      field,
      severity: (fieldOf(CURRENT_STANDARD, field)?.weight ?? 0) >= HEAVY ? ('warning' as const) : ('info' as const),
      messageKey: 'completeness.missing' as const,
      params: { percent: result.percent },
    }));
    return { findings, score: result.percent / 100 };
  },
};
