/**
 * What the compliance storage tests share: a real register on an engine, organisations by code, and
 * algorithms made through the register's own import (published or not).
 */
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import type { Engine } from '../../src/db/connect.ts';
import { findAlgorithm } from '../../src/register/algorithms.ts';
import { importRecords } from '../../src/register/import.ts';
import { findOrganisation, type Organisation } from '../../src/register/organisations.ts';

export const editor = { id: 'user:1', name: 'Eva Editor' };
export const approver = { id: 'user:2', name: 'Anna Approver' };

export interface ComplianceRegister {
  r: TestRegister;
  /** Adds (once) and returns an organisation. */
  org(code: string, type?: string): Promise<Organisation>;
  /** A new algorithm of `org`, published when asked; returns its id. */
  algorithm(org: Organisation, overrides?: Record<string, unknown>, opts?: { publish?: boolean }): Promise<number>;
}

export async function complianceRegister(engine: Engine): Promise<ComplianceRegister> {
  const r = await startRegister(engine);
  const db = r.app.ctx.kysely;
  let n = 0;
  return {
    r,
    async org(code, type) {
      const found = await findOrganisation(db, code);
      if (found) return found;
      await r.org(code);
      if (type) await db.updateTable('organisations').set({ type }).where('code', '=', code).execute();
      return (await findOrganisation(db, code))!;
    },
    async algorithm(org, overrides = {}, opts = {}) {
      const report = await importRecords(db, [validRecord({ name: `Algoritme ${++n}`, ...overrides })], editor, { organisation: org.code, publish: opts.publish ?? false });
      if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
      return (await findAlgorithm(db, report.lars[0]))!.id;
    },
  };
}
