/**
 * Who may do what: the one place that decides. Every route names what it needs; this module
 * answers yes, or no with the reference's `detail` string. The matrix test walks this table.
 *
 * Roles: role_1 editor, role_2 approver, ictu central publisher, admin platform administrator,
 * all_groups access to every organisation, orgdetail may edit organisation details, disabled
 * blocks everything.
 */
import type { FlowName } from '../register/states.ts';
import type { Principal } from './principal.ts';

export const ROLES = ['disabled', 'all_groups', 'admin', 'orgdetail', 'ictu', 'role_1', 'role_2'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT';

interface FlowRights {
  /** Which roles may read (GET), create (POST) and edit (PUT) the organisation's algorithms. */
  permissions: Partial<Record<Role, readonly Method[]>>;
  /** Which roles may take each state action. */
  actions: Record<string, readonly Role[]>;
}

export const FLOW_RIGHTS: Record<FlowName, FlowRights> = {
  ictu_last: {
    permissions: { role_1: ['GET', 'POST', 'PUT'], ictu: ['GET', 'PUT'] },
    actions: { release: ['role_1'], publish: ['ictu'], reject_to_1: ['ictu'], retract: ['role_1', 'ictu'] },
  },
  self_publish_two: {
    permissions: { role_1: ['GET', 'POST', 'PUT'], role_2: ['GET', 'PUT'] },
    actions: { release_to_2: ['role_1'], publish: ['role_2'], reject_to_1: ['role_2'], retract: ['role_2'] },
  },
};

export type Need =
  | { kind: 'authenticated' }
  | { kind: 'member' }
  | { kind: 'permission'; method: Method }
  | { kind: 'state-change'; action: string }
  | { kind: 'organisation-details' }
  | { kind: 'admin' };

export interface OrgContext {
  code: string;
  flow: FlowName;
}

export type Decision = { ok: true } | { ok: false; detail: string };

const allow: Decision = { ok: true };
const deny = (detail: string): Decision => ({ ok: false, detail });

/** Roles that reach every organisation without belonging to it. */
export function reachesAllOrganisations(roles: readonly string[]): boolean {
  return roles.includes('admin') || roles.includes('all_groups');
}

export function isMember(p: Principal, orgCode: string): boolean {
  return reachesAllOrganisations(p.roles) || p.groups.includes(orgCode);
}

/** Decides whether `p` may do what `need` names, in organisation `org` where it applies. */
export function authorize(p: Principal, need: Need, org?: OrgContext): Decision {
  if (p.roles.includes('disabled')) return deny('USER_NOT_ACTIVATED');
  if (p.roles.includes('admin')) return allow;
  switch (need.kind) {
    case 'authenticated':
      return allow;
    case 'admin':
      return deny('REQUIRED_ROLE_ADMIN_MISSING');
    case 'member':
    case 'permission':
    case 'state-change':
    case 'organisation-details': {
      if (!org) return deny('ORGANISATION_REQUIRED');
      if (!isMember(p, org.code)) return deny(`REQUIRED_ORGANISATION_${org.code.toUpperCase()}_MISSING`);
      if (need.kind === 'member') return allow;
      if (need.kind === 'organisation-details') {
        return p.roles.includes('orgdetail') ? allow : deny('REQUIRED_ROLE_ORGDETAIL_MISSING');
      }
      const rights = FLOW_RIGHTS[org.flow];
      if (need.kind === 'permission') {
        const granted = p.roles.some((r) => rights.permissions[r as Role]?.includes(need.method));
        return granted ? allow : deny(`REQUIRED_PERMISSION_${need.method}_MISSING`);
      }
      const roles = rights.actions[need.action] ?? [];
      return p.roles.some((r) => roles.includes(r as Role)) ? allow : deny('REQUIRED_STATE_CHANGE_PERMISSION_MISSING');
    }
  }
}

/** The state actions `p` may take in `org`, for showing only the buttons a user may use. */
export function allowedActions(p: Principal, org: OrgContext): string[] {
  return Object.keys(FLOW_RIGHTS[org.flow].actions).filter((action) => authorize(p, { kind: 'state-change', action }, org).ok);
}

/**
 * What each management page and action needs (src/beheer), in the organisation the person works
 * in: the same rights as the delivery API gives for the same data.
 */
export const MANAGEMENT_NEEDS = {
  /** The organisation's algorithms, in every state. */
  listAlgorithms: { kind: 'permission', method: 'GET' },
  /** The public error reports about the organisation's algorithms. */
  readErrorReports: { kind: 'permission', method: 'GET' },
  markErrorReportHandled: { kind: 'permission', method: 'PUT' },
  /** The publication duty, AI Act classification, requirements, exclusions and quality of the organisation's algorithms, and its dashboard. */
  readCompliance: { kind: 'permission', method: 'GET' },
  /**
   * Answering the duty questionnaire and the decision tree, keeping requirement statuses, recording, approving and
   * ending exclusion grounds, and the EU registration facts: the editors' right to change a description. That the
   * approver of an exclusion is someone other than who recorded it, the domain decides (four eyes).
   */
  keepCompliance: { kind: 'permission', method: 'PUT' },
  /** A new description (empty, from a template, or a copy). */
  createAlgorithm: { kind: 'permission', method: 'POST' },
  /** Saving a new version of a description as a draft. */
  editAlgorithm: { kind: 'permission', method: 'PUT' },
  /** The organisation's own templates: make, change, share with all organisations. */
  maintainTemplates: { kind: 'permission', method: 'POST' },
  /** Bulk import: new algorithms and new draft versions from a file (the editors' right to create). */
  importAlgorithms: { kind: 'permission', method: 'POST' },
  /** The organisation's algorithms in every state as a file. */
  exportAlgorithms: { kind: 'permission', method: 'GET' },
  /** Choosing the organisation to work in. */
  workIn: { kind: 'member' },
  /** The organisation's people and their roles there, its flow, profile and API clients. */
  administerOrganisation: { kind: 'organisation-details' },
  /** Organisations, all accounts and the audit log of the whole register. */
  administerPlatform: { kind: 'admin' },
} as const satisfies Record<string, Need>;
export type ManagementNeed = keyof typeof MANAGEMENT_NEEDS;

/**
 * The roles `p` may give a person within one organisation. An organisation admin hands out the
 * organisation's own roles (editor, approver, organisation admin); the central publisher's role
 * only the platform admin, as it decides about publication for others. Roles that reach beyond
 * one organisation (admin, all_groups) or block an account (disabled) are never given per
 * organisation: they belong to the account, and only the platform admin sets `disabled`.
 */
export function grantableMemberRoles(p: Principal): Role[] {
  if (p.roles.includes('disabled')) return [];
  return p.roles.includes('admin') ? ['role_1', 'role_2', 'orgdetail', 'ictu'] : ['role_1', 'role_2', 'orgdetail'];
}

/**
 * The roles `p` may give an API client of an organisation with `flow`: only roles that flow
 * uses for the delivery API, and of those only what `p` may hand out (so an organisation admin
 * cannot make a client that publishes past the central publisher of ictu_last).
 */
export function grantableClientRoles(p: Principal, flow: FlowName): Role[] {
  const rights = FLOW_RIGHTS[flow];
  const used = new Set<Role>([...(Object.keys(rights.permissions) as Role[]), ...Object.values(rights.actions).flat()]);
  return grantableMemberRoles(p).filter((role) => used.has(role) && role !== 'orgdetail');
}
