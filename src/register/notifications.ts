/**
 * Who hears what, by e-mail: the people who may approve, when a description is released to
 * them; its authors (who saved and who released the version), when it is rejected or
 * published; the people who handle error reports, when the public reports one; and the
 * organisation's editors, when a published description was not reviewed for a long time.
 * Whoever took the step hears nothing of their own step. Accounts without an e-mail address
 * are skipped.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, MANAGEMENT_NEEDS, type Need } from '../auth/policy.ts';
import type { Mailer } from '../mail/mailer.ts';
import { notificationTexts as T } from '../mail/messages-notifications.ts';
import type { Actor } from './actor.ts';
import type { Algorithm, Version } from './algorithms.ts';
import type { Organisation } from './organisations.ts';
import { FLOWS, type FlowName } from './states.ts';
import { recordEvent } from './audit.ts';

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

interface Recipient {
  userId: number;
  email: string;
}

/** Accounts with an address that the policy allows `need` in `org`: members with the right roles, and those who reach every organisation. */
async function accountsAllowed(db: Kysely<Database>, org: Organisation, need: Need): Promise<Recipient[]> {
  const users = await db.selectFrom('users').select(['id', 'email', 'roles', 'username']).where('email', 'is not', null).execute();
  const memberships = await db.selectFrom('user_organisations').select(['user_id', 'roles']).where('organisation_id', '=', org.id).execute();
  const inOrg = new Map(memberships.map((m) => [m.user_id, JSON.parse(m.roles) as string[]]));
  return users
    .filter((u) => {
      const roles = [...(JSON.parse(u.roles) as string[]), ...(inOrg.get(u.id) ?? [])];
      const principal = { id: `user:${u.id}`, name: u.username, username: u.username, firstName: null, lastName: null, roles, groups: inOrg.has(u.id) ? [org.code] : [] };
      return authorize(principal, need, { code: org.code, flow: org.flow as FlowName }).ok;
    })
    .map((u) => ({ userId: u.id, email: u.email! }));
}

/** Accounts by actor id (`user:N`), with an address. */
async function accountsOf(db: Kysely<Database>, actorIds: string[]): Promise<Recipient[]> {
  const ids = [...new Set(actorIds.map((a) => /^user:(\d+)$/.exec(a)?.[1]).filter((id): id is string => Boolean(id)).map(Number))];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).where('email', 'is not', null).execute();
  return rows.map((r) => ({ userId: r.id, email: r.email! }));
}

async function send(mailer: Mailer, to: Recipient[], except: Actor | undefined, subject: string, text: string): Promise<number> {
  const addresses = [...new Set(to.filter((r) => `user:${r.userId}` !== except?.id).map((r) => r.email))];
  for (const address of addresses) await mailer.send({ to: address, subject, text });
  return addresses.length;
}

const nameOf = (version: Version, algorithm: Algorithm) => (typeof version.content.name === 'string' && version.content.name ? version.content.name : algorithm.lars);

export interface FlowStep {
  algorithm: Algorithm;
  organisation: Organisation;
  /** The flow action taken (release, release_to_2, publish, reject_to_1, retract). */
  action: string;
  version: Version;
  actor: Actor;
  reason?: string;
}

/** Mails about a step of the flow; answers how many mails went out. */
export async function notifyFlowStep(db: Kysely<Database>, mailer: Mailer, publicUrl: string, step: FlowStep): Promise<number> {
  const { algorithm, organisation, action, version, actor } = step;
  const transition = FLOWS[organisation.flow as FlowName]?.[action];
  if (!transition) return 0;
  const values = {
    name: nameOf(version, algorithm),
    organisation: organisation.name,
    actor: actor.name,
    reason: step.reason ?? '',
    link: `${publicUrl}/beheer/algoritme/${algorithm.lars}`,
    public: `${publicUrl}/algoritme/${algorithm.lars}`,
  };
  if (transition.to === 'STATE_2') {
    const approvers = await accountsAllowed(db, organisation, { kind: 'state-change', action: 'publish' });
    return send(mailer, approvers, actor, fill(T.releasedSubject, values), fill(T.releasedText, values));
  }
  if (action === 'reject_to_1' || transition.to === 'PUBLISHED') {
    // The authors: who saved this version, and who released it.
    const released = await db
      .selectFrom('audit_events')
      .select('actor_id')
      .where('version_id', '=', version.id)
      .where('action', '=', 'released')
      .execute();
    const authors = await accountsOf(db, [version.created_by ?? '', ...released.map((r) => r.actor_id)]);
    const [subject, text] = action === 'reject_to_1' ? [T.rejectedSubject, T.rejectedText] : [T.publishedSubject, T.publishedText];
    return send(mailer, authors, actor, fill(subject, values), fill(text, values));
  }
  return 0;
}

/** Mails the people who handle error reports in the organisation about a new one. */
export async function notifyErrorReport(db: Kysely<Database>, mailer: Mailer, publicUrl: string, report: { organisation: Organisation; algorithmName: string; message: string }): Promise<number> {
  const handlers = await accountsAllowed(db, report.organisation, MANAGEMENT_NEEDS.readErrorReports);
  const values = { name: report.algorithmName, message: report.message, link: `${publicUrl}/beheer/foutmeldingen` };
  return send(mailer, handlers, undefined, fill(T.reportSubject, values), fill(T.reportText, values));
}

/**
 * Reminds the editors of each organisation of every published description whose latest version
 * is older than `maxAgeDays`, at most once per `everyDays` per algorithm (each reminder is an
 * audit event). Answers how many algorithms were reminded of.
 */
export async function sendReviewReminders(
  db: Kysely<Database>,
  mailer: Mailer,
  publicUrl: string,
  opts: { maxAgeDays: number; everyDays: number; now?: Date },
): Promise<number> {
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - opts.maxAgeDays * 86_400_000).toISOString();
  const remindedAfter = new Date(now.getTime() - opts.everyDays * 86_400_000).toISOString();
  const stale = await db
    .selectFrom('versions as v')
    .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .selectAll('o')
    .select(['a.id as algorithm_id', 'a.lars', 'v.content', 'v.create_dt'])
    .where('v.state', '=', 'PUBLISHED')
    .where('a.removed_at', 'is', null)
    // No newer version either (a draft in progress is a review under way).
    .where((eb) => eb.not(eb.exists(eb.selectFrom('versions as n').select('n.id').where('n.algorithm_id', '=', eb.ref('a.id')).where('n.id', '>', eb.ref('v.id')))))
    .where('v.create_dt', '<', staleBefore)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('audit_events as e').select('e.id').where('e.algorithm_id', '=', eb.ref('a.id')).where('e.action', '=', 'review_reminder_sent').where('e.at', '>', remindedAfter))),
    )
    .execute();
  let reminded = 0;
  for (const row of stale) {
    const { algorithm_id, lars, content, create_dt, ...organisation } = row;
    const editors = await accountsAllowed(db, organisation as unknown as Organisation, MANAGEMENT_NEEDS.editAlgorithm);
    const name = (JSON.parse(content) as { name?: unknown }).name;
    const values = { name: typeof name === 'string' && name ? name : lars, organisation: organisation.name, date: create_dt.slice(0, 10), link: `${publicUrl}/beheer/algoritme/${lars}` };
    const sent = await send(mailer, editors, undefined, fill(T.reviewSubject, values), fill(T.reviewText, values));
    await recordEvent(db, { action: 'review_reminder_sent', actor: { id: 'system', name: 'Algoritmeregister' }, organisationId: organisation.id, algorithmId: algorithm_id, detail: { recipients: sent } }, now.toISOString());
    reminded++;
  }
  return reminded;
}
