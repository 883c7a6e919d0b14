/**
 * Version states and the publication flows: which action moves a version from which state to
 * which. Who may take an action is policy, in `auth/policy.ts`.
 */
export const STATES = ['STATE_1', 'STATE_2', 'PUBLISHED', 'EXPIRED', 'ARCHIVED'] as const;
export type State = (typeof STATES)[number];

export const FLOW_NAMES = ['ictu_last', 'self_publish_two'] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

export interface Transition {
  from: State;
  to: State;
  /** The audit action recorded for it. */
  audit: string;
}

/**
 * ictu_last: an editor releases, a central publisher publishes (or sends back).
 * self_publish_two: an editor releases, an approver of the organisation publishes or rejects.
 * Retracting takes the published version off the public register and puts it back in the
 * flow's working state, as the national register does.
 */
export const FLOWS: Record<FlowName, Record<string, Transition>> = {
  ictu_last: {
    release: { from: 'STATE_1', to: 'STATE_2', audit: 'released' },
    publish: { from: 'STATE_2', to: 'PUBLISHED', audit: 'published' },
    reject_to_1: { from: 'STATE_2', to: 'STATE_1', audit: 'rejected' },
    retract: { from: 'PUBLISHED', to: 'STATE_1', audit: 'retracted' },
  },
  self_publish_two: {
    release_to_2: { from: 'STATE_1', to: 'STATE_2', audit: 'released' },
    publish: { from: 'STATE_2', to: 'PUBLISHED', audit: 'published' },
    reject_to_1: { from: 'STATE_2', to: 'STATE_1', audit: 'rejected' },
    retract: { from: 'PUBLISHED', to: 'STATE_2', audit: 'retracted' },
  },
};

/**
 * The delivery API's fixed action names, resolved in the organisation's flow. The national
 * register answers `release` with 403/500 for self_publish_two organisations; we map it to that
 * flow's release so unchanged clients work in both flows.
 */
export function resolveAction(flow: FlowName, action: string): string {
  if (action === 'release' && flow === 'self_publish_two') return 'release_to_2';
  if (action === 'release_to_2' && flow === 'ictu_last') return 'release';
  return action;
}

export function isFlowName(value: unknown): value is FlowName {
  return typeof value === 'string' && (FLOW_NAMES as readonly string[]).includes(value);
}
