/** Who did something: a stable id (token subject or user id) and a display name, for the audit trail. */
export interface Actor {
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system' };
