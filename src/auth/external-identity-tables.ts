/** The tables of migration 010 (external sign-in), merged into the Database interface of `db/schema.ts`. */
import type {} from '../db/schema.ts';

/** A provider identity (issuer and subject) linked to an account. */
export interface ExternalIdentityTable {
  issuer: string;
  subject: string;
  user_id: number;
  created_at: string;
}

/** A sign-in at an external provider under way, bound to the pre-sign-in session (its id's sha256). */
export interface ExternalSignInTable {
  session_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_path: string;
  created_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    external_identities: ExternalIdentityTable;
    external_sign_ins: ExternalSignInTable;
  }
}
