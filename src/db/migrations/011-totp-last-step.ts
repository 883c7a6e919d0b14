/**
 * The time step of the last TOTP code an account used: a code is accepted once, so one seen
 * over a shoulder or read from a log cannot be used again within its validity window.
 */
import type { Kysely, Migration } from 'kysely';

export const totpLastStep: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  },
};
