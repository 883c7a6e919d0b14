// Model-based tests of the algorithm state machine (src/register/algorithms.ts): random sequences
// of create, edit, state changes along both flows, archive/unarchive of any version id (this
// algorithm's, another algorithm's, unknown ones) and removal, run against a real database and
// against a small model (per algorithm: its versions with their states). After every step the
// database must equal the model exactly, and the register's invariants must hold: at most one
// PUBLISHED version, no version ever lost or altered, latest = highest id, a refused action
// changes nothing, and every change writes exactly the audit events it should.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import {
  archiveVersion,
  changeState,
  createAlgorithm,
  findAlgorithm,
  latestVersion,
  listSummaries,
  publishedVersion,
  removeAlgorithm,
  unarchiveVersion,
  updateAlgorithm,
  type Algorithm,
} from '../../src/register/algorithms.ts';
import { FLOWS, FLOW_NAMES, STATES, type FlowName, type State } from '../../src/register/states.ts';
import { createOrganisation, type Organisation } from '../../src/register/organisations.ts';
import { RegisterError, type RegisterErrorKind } from '../../src/register/errors.ts';
import type { Actor } from '../../src/register/actor.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { validateRecord } from '../../src/standard/validate.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';
import { validRecord } from '../fixtures/records.ts';

const ACTOR: Actor = { id: 'state-machine-test', name: 'Model Tester' };
const NUM_RUNS = 100;
const MAX_COMMANDS = 25;
/** Every action of both flows, plus one that no flow has. */
const ACTIONS = [...new Set(FLOW_NAMES.flatMap((f) => Object.keys(FLOWS[f]))), 'no_such_action'];
/** Version ids no version has: outside the int4 range of PostgreSQL's serial, zero, negative. */
const UNKNOWN_IDS = [0, -1, 2_147_483_647, 2_147_483_648, 2 ** 40, Number.MAX_SAFE_INTEGER];

// ---------------------------------------------------------------------------------------------
// Content: a few variants, so that edits often repeat the latest content (NO_CHANGES).

interface Variant {
  name: number;
  description: number;
  grouping: number;
}
const variantKey = (v: Variant) => `${v.name}/${v.description}/${v.grouping}`;
const variantArb: fc.Arbitrary<Variant> = fc.record({
  name: fc.nat({ max: 2 }),
  description: fc.nat({ max: 1 }),
  grouping: fc.nat({ max: 1 }),
});

function contentOf(v: Variant): AlgorithmContent {
  const record = validRecord({
    name: `Modelalgoritme ${v.name}`,
    description_short: v.description === 0 ? 'Controleert aanvragen.' : 'Controleert aanvragen en bezwaren.',
    lawful_basis_grouping:
      v.grouping === 0
        ? [{ title: 'Wegenverkeerswet 1994', link: 'https://wetten.overheid.nl/BWBR0006622' }]
        : [{ title: 'Algemene wet bestuursrecht', link: 'https://wetten.overheid.nl/BWBR0005537' }],
  });
  const result = validateRecord(CURRENT_STANDARD, record);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// The model.

interface MVersion {
  id: number;
  state: State;
  /** The state to restore on unarchive, while ARCHIVED. */
  beforeArchive: State | null;
  variant: string;
  /** The stored content and creation time, which must never change. */
  content: string;
  createDt: string;
}
interface MAlgorithm {
  id: number;
  lars: string;
  organisationId: number;
  flow: FlowName;
  versions: MVersion[];
  removed: boolean;
}
interface Model {
  algorithms: MAlgorithm[];
}

interface ExpectedEvent {
  action: string;
  algorithmId: number;
  organisationId: number;
  versionId: number | null;
  from?: State;
  to?: State;
}

/** What one engine's test keeps across runs. */
interface Real {
  db: Kysely<Database>;
  orgs: Record<FlowName, Organisation>;
  /** Audit events up to this id have been checked. */
  auditCursor: number;
  /** Version rows per state outside the current run's algorithms (earlier runs). */
  baseline: Map<string, number>;
  versionCount: number;
  maxVersionId: number;
  stats: Record<string, number>;
  /** Every version any run made: id → its algorithm and content, checked once more at the end. */
  made: Map<number, { algorithmId: number; content: string }>;
  /** Every algorithm any run made: id → lars, removed. */
  algorithms: Map<number, { lars: string; organisationId: number; removed: boolean }>;
}

const latestOf = (a: MAlgorithm) => a.versions[a.versions.length - 1];
const publishedOf = (a: MAlgorithm) => a.versions.find((v) => v.state === 'PUBLISHED');
const live = (m: Readonly<Model>) => m.algorithms.filter((a) => !a.removed);
const count = (real: Real, what: string) => (real.stats[what] = (real.stats[what] ?? 0) + 1);

// ---------------------------------------------------------------------------------------------
// Checks.

async function expectRegisterError(kind: RegisterErrorKind, run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof RegisterError)) throw new Error(`${what}: expected RegisterError ${kind}, got ${String(error)}`, { cause: error });
    assert.equal(error.kind, kind, `${what}: ${error.detail}`);
    return;
  }
  assert.fail(`${what}: expected RegisterError ${kind}, but it succeeded`);
}

async function algorithmRow(db: Kysely<Database>, id: number): Promise<Algorithm> {
  return db.selectFrom('algorithms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * The database equals the model, the invariants hold, and exactly `events` were written since
 * the last check. `touched` is the algorithm the step acted on (its latest/published/lookup are
 * checked through the domain's own read functions).
 */
async function verify(model: Model, real: Real, events: ExpectedEvent[], touched?: MAlgorithm): Promise<void> {
  const { db } = real;
  const ids = model.algorithms.map((a) => a.id);

  // Versions of this run's algorithms: exactly the model's, unchanged content, model states.
  if (ids.length) {
    const rows = await db.selectFrom('versions').selectAll().where('algorithm_id', 'in', ids).orderBy('id').execute();
    for (const alg of model.algorithms) {
      const mine = rows.filter((r) => r.algorithm_id === alg.id);
      assert.deepEqual(
        mine.map((r) => r.id),
        alg.versions.map((v) => v.id),
        `versions of algorithm ${alg.id}`,
      );
      mine.forEach((row, i) => {
        const v = alg.versions[i];
        assert.ok((STATES as readonly string[]).includes(row.state), `state ${row.state} of version ${row.id} is one of STATES`);
        assert.equal(row.state, v.state, `state of version ${row.id}`);
        assert.equal(row.state_before_archive, v.state === 'ARCHIVED' ? v.beforeArchive : null, `state_before_archive of version ${row.id}`);
        assert.equal(row.content, v.content, `content of version ${row.id} never changes`);
        assert.equal(row.create_dt, v.createDt, `create_dt of version ${row.id} never changes`);
        assert.equal(row.language, 'NLD');
        if (row.state === 'PUBLISHED') assert.ok(row.published_at, `published version ${row.id} has published_at`);
      });
      assert.ok(mine.filter((r) => r.state === 'PUBLISHED').length <= 1, `at most one PUBLISHED version of algorithm ${alg.id}`);
      // Latest = highest id = newest: creation times never go backwards.
      for (let i = 1; i < mine.length; i++) assert.ok(mine[i - 1].create_dt <= mine[i].create_dt, 'create_dt follows id');
    }
    const algRows = await db.selectFrom('algorithms').select(['id', 'removed_at', 'removed_by']).where('id', 'in', ids).execute();
    for (const alg of model.algorithms) {
      const row = algRows.find((r) => r.id === alg.id);
      assert.ok(row, `algorithm ${alg.id} row exists (soft delete only)`);
      assert.equal(row.removed_at !== null, alg.removed, `removed_at of algorithm ${alg.id}`);
      if (alg.removed) assert.equal(row.removed_by, ACTOR.id);
    }
  }

  // The whole table: no version lost or added, no state changed outside this run's algorithms,
  // never two PUBLISHED versions of one algorithm, no state outside STATES.
  const byState = await db.selectFrom('versions').select((eb) => ['state', eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const expectedByState = new Map(real.baseline);
  for (const alg of model.algorithms) for (const v of alg.versions) expectedByState.set(v.state, (expectedByState.get(v.state) ?? 0) + 1);
  const actualByState = new Map(byState.map((r) => [r.state, Number(r.n)]));
  assert.deepEqual(actualByState, new Map([...expectedByState].filter(([, n]) => n > 0)), 'version rows per state, whole table');
  const total = [...actualByState.values()].reduce((a, b) => a + b, 0);
  assert.equal(total, real.versionCount, 'version rows, whole table');
  const doubles = await db
    .selectFrom('versions')
    .select('algorithm_id')
    .where('state', '=', 'PUBLISHED')
    .groupBy(['algorithm_id', 'language'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  assert.deepEqual(doubles, [], 'no algorithm has two PUBLISHED versions');

  // Exactly the expected audit events, in order.
  const written = await db.selectFrom('audit_events').selectAll().where('id', '>', real.auditCursor).orderBy('id').execute();
  const got = written.map((e) => {
    const detail = e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>);
    const ev: ExpectedEvent = { action: e.action, algorithmId: e.algorithm_id!, organisationId: e.organisation_id!, versionId: e.version_id };
    if (detail && typeof detail.to === 'string') Object.assign(ev, { from: detail.from, to: detail.to });
    assert.equal(e.actor_id, ACTOR.id, 'audit actor');
    assert.equal(e.actor_name, ACTOR.name, 'audit actor name');
    return ev;
  });
  assert.deepEqual(got, events, 'audit events of the step');
  if (written.length) real.auditCursor = written[written.length - 1].id;

  // The domain's own reads agree with the model.
  if (touched) {
    const latest = await latestVersion(db, touched.id);
    assert.equal(latest?.id, latestOf(touched).id, 'latestVersion is the highest id');
    const published = await publishedVersion(db, touched.id);
    assert.equal(published?.id, publishedOf(touched)?.id, 'publishedVersion');
    const found = await findAlgorithm(db, touched.lars);
    assert.equal(found?.id, touched.removed ? undefined : touched.id, 'findAlgorithm hides removed algorithms only');
  }
}

// ---------------------------------------------------------------------------------------------
// Commands.

type VersionPick =
  | { kind: 'own'; i: number }
  /** One of this algorithm's archived versions when it has one (so unarchive often finds one). */
  | { kind: 'archived'; i: number }
  /** A version of another algorithm of the run (removed ones included). */
  | { kind: 'other'; i: number }
  | { kind: 'unknown'; id: number }
  /** An id past the highest in the table. */
  | { kind: 'past-max'; k: number };

type Step =
  | { op: 'create'; flow: FlowName; variant: Variant }
  | { op: 'update'; alg: number; variant: Variant | 'same'; guard: 'none' | 'latest' | 'stale' }
  /**
   * An action that the model says is possible now (by index; drives runs deep into the flows),
   * any action of the algorithm's flow (by index), or any name: the other flow's, or none.
   */
  | { op: 'state'; alg: number; action: { possible: number } | { flowAction: number } | string }
  | { op: 'archive' | 'unarchive'; alg: number; version: VersionPick }
  | { op: 'remove'; alg: number };

/** The i-th live algorithm from the newest: small indices (which fast-check favours) act on recent ones. */
function pickAlgorithm(model: Model, i: number): MAlgorithm {
  const candidates = live(model);
  return candidates[candidates.length - 1 - (i % candidates.length)];
}

/** The version id a pick names, and the model's version when it is one of `alg`'s. */
function pickVersion(model: Model, real: Real, alg: MAlgorithm, pick: VersionPick): { id: number; own?: MVersion; kind: string } {
  const archived = alg.versions.filter((v) => v.state === 'ARCHIVED');
  if (pick.kind === 'archived' && archived.length) {
    const own = archived[pick.i % archived.length];
    return { id: own.id, own, kind: 'own' };
  }
  if (pick.kind === 'own' || pick.kind === 'archived') {
    const own = alg.versions[pick.i % alg.versions.length];
    return { id: own.id, own, kind: 'own' };
  }
  if (pick.kind === 'other') {
    const others = model.algorithms.filter((a) => a !== alg).flatMap((a) => a.versions);
    if (others.length) return { id: others[pick.i % others.length].id, kind: 'other' };
    return { id: real.maxVersionId + 1, kind: 'unknown' };
  }
  if (pick.kind === 'past-max') return { id: real.maxVersionId + pick.k, kind: 'unknown' };
  return { id: pick.id, kind: 'unknown' };
}

async function runCreate(step: Extract<Step, { op: 'create' }>, model: Model, real: Real): Promise<void> {
  const org = real.orgs[step.flow];
  const { algorithm, version } = await createAlgorithm(real.db, org, contentOf(step.variant), ACTOR);
  assert.ok(version.id > real.maxVersionId, 'a new version has the highest id');
  assert.equal(version.state, 'STATE_1');
  const row = await real.db.selectFrom('versions').select(['content', 'create_dt']).where('id', '=', version.id).executeTakeFirstOrThrow();
  const alg: MAlgorithm = {
    id: algorithm.id,
    lars: algorithm.lars,
    organisationId: org.id,
    flow: step.flow,
    removed: false,
    versions: [{ id: version.id, state: 'STATE_1', beforeArchive: null, variant: variantKey(step.variant), content: row.content, createDt: row.create_dt }],
  };
  model.algorithms.push(alg);
  real.versionCount++;
  real.maxVersionId = version.id;
  real.made.set(version.id, { algorithmId: alg.id, content: row.content });
  real.algorithms.set(alg.id, { lars: alg.lars, organisationId: org.id, removed: false });
  count(real, 'created');
  await verify(model, real, [{ action: 'created', algorithmId: alg.id, organisationId: org.id, versionId: version.id }], alg);
}

async function runUpdate(step: Extract<Step, { op: 'update' }>, model: Model, real: Real): Promise<void> {
  const alg = pickAlgorithm(model, step.alg);
  const latest = latestOf(alg);
  const variant = step.variant === 'same' ? latest.variant : variantKey(step.variant);
  const content = step.variant === 'same' ? (JSON.parse(latest.content) as AlgorithmContent) : contentOf(step.variant);
  const expectedVersionId = step.guard === 'none' ? undefined : step.guard === 'latest' ? latest.id : latest.id - 1;
  const algorithm = await algorithmRow(real.db, alg.id);

  if (step.guard === 'stale') {
    await expectRegisterError('precondition_failed', () => updateAlgorithm(real.db, algorithm, content, ACTOR, { expectedVersionId }), 'stale edit');
    count(real, 'stale edit refused');
    return verify(model, real, [], alg);
  }
  const result = await updateAlgorithm(real.db, algorithm, content, ACTOR, { expectedVersionId });
  if (variant === latest.variant) {
    assert.equal(result.changed, false, 'same content → NO_CHANGES');
    assert.equal(result.version.id, latest.id);
    count(real, 'no changes');
    return verify(model, real, [], alg);
  }
  assert.equal(result.changed, true, 'different content → a new version');
  assert.ok(result.version.id > real.maxVersionId, 'a new version has the highest id');
  assert.equal(result.version.state, 'STATE_1');
  const events: ExpectedEvent[] = [];
  // A draft the edit replaces expires; a published (or archived, or expired) version stays as it is.
  if (latest.state === 'STATE_1' || latest.state === 'STATE_2') {
    events.push({ action: 'superseded', algorithmId: alg.id, organisationId: alg.organisationId, versionId: latest.id, from: latest.state, to: 'EXPIRED' });
    latest.state = 'EXPIRED';
  }
  const row = await real.db.selectFrom('versions').select(['content', 'create_dt']).where('id', '=', result.version.id).executeTakeFirstOrThrow();
  alg.versions.push({ id: result.version.id, state: 'STATE_1', beforeArchive: null, variant, content: row.content, createDt: row.create_dt });
  events.push({ action: 'new_version', algorithmId: alg.id, organisationId: alg.organisationId, versionId: result.version.id });
  real.versionCount++;
  real.maxVersionId = result.version.id;
  real.made.set(result.version.id, { algorithmId: alg.id, content: row.content });
  count(real, 'new version');
  await verify(model, real, events, alg);
}

async function runState(step: Extract<Step, { op: 'state' }>, model: Model, real: Real): Promise<void> {
  const alg = pickAlgorithm(model, step.alg);
  const algorithm = await algorithmRow(real.db, alg.id);
  const actions = Object.keys(FLOWS[alg.flow]);
  const possible = actions.filter((a) => (FLOWS[alg.flow][a].from === 'PUBLISHED' ? !!publishedOf(alg) : FLOWS[alg.flow][a].from === latestOf(alg).state));
  const action =
    typeof step.action === 'string'
      ? step.action
      : 'possible' in step.action && possible.length
        ? possible[step.action.possible % possible.length]
        : actions[('possible' in step.action ? step.action.possible : step.action.flowAction) % actions.length];
  const transition = Object.hasOwn(FLOWS[alg.flow], action) ? FLOWS[alg.flow][action] : undefined;
  const act = () => changeState(real.db, algorithm, alg.flow, action, ACTOR, { reason: 'model test' });
  const what = `${action} in ${alg.flow}`;
  const event = (action: string, v: MVersion, from: State, to: State): ExpectedEvent => ({
    action,
    algorithmId: alg.id,
    organisationId: alg.organisationId,
    versionId: v.id,
    from,
    to,
  });

  if (!transition) {
    await expectRegisterError('not_found', act, what);
    count(real, 'unknown action refused');
    return verify(model, real, [], alg);
  }
  const latest = latestOf(alg);
  const published = publishedOf(alg);

  if (transition.from === 'PUBLISHED') {
    // Retract needs something published. The live version leaves the register: back into the
    // flow's working state when it is the newest, expired when a newer version exists.
    if (!published) {
      await expectRegisterError('conflict', act, `${what} with nothing published`);
      count(real, 'retract refused');
      return verify(model, real, [], alg);
    }
    const to: State = published === latest ? transition.to : 'EXPIRED';
    const result = await act();
    assert.equal(result.id, published.id);
    assert.equal(result.state, to);
    published.state = to;
    count(real, `${action} in ${alg.flow}`);
    count(real, to === 'EXPIRED' ? 'retracted (newer version exists)' : 'retracted to working state');
    return verify(model, real, [event(transition.audit, published, 'PUBLISHED', to)], alg);
  }

  if (latest.state !== transition.from) {
    await expectRegisterError('conflict', act, `${what} from ${latest.state}`);
    count(real, 'wrong origin refused');
    return verify(model, real, [], alg);
  }
  const result = await act();
  assert.equal(result.id, latest.id, 'a flow action moves the latest version');
  assert.equal(result.state, transition.to);
  const events: ExpectedEvent[] = [];
  if (transition.to === 'PUBLISHED' && published) {
    // Publishing replaces the live version, which expires.
    events.push(event('superseded', published, 'PUBLISHED', 'EXPIRED'));
    published.state = 'EXPIRED';
    count(real, 'published over a published version');
  }
  events.push(event(transition.audit, latest, transition.from, transition.to));
  latest.state = transition.to;
  count(real, `${action} in ${alg.flow}`);
  await verify(model, real, events, alg);
  if (transition.to === 'PUBLISHED' && events.length === 2) {
    const old = await real.db.selectFrom('versions').select('state').where('id', '=', events[0].versionId!).executeTakeFirstOrThrow();
    assert.equal(old.state, 'EXPIRED', 'publish makes the previously published version EXPIRED');
  }
}

async function runArchive(step: Extract<Step, { op: 'archive' | 'unarchive' }>, model: Model, real: Real): Promise<void> {
  const alg = pickAlgorithm(model, step.alg);
  const algorithm = await algorithmRow(real.db, alg.id);
  const target = pickVersion(model, real, alg, step.version);
  const fn = step.op === 'archive' ? archiveVersion : unarchiveVersion;
  const act = () => fn(real.db, algorithm, target.id, ACTOR);
  const what = `${step.op} of ${target.kind} version ${target.id}`;

  const v = target.own;
  if (!v) {
    await expectRegisterError('not_found', act, what);
    count(real, `${step.op} of ${target.kind} version refused`);
    return verify(model, real, [], alg);
  }
  if (step.op === 'archive') {
    if (v.state === 'ARCHIVED' || v.state === 'PUBLISHED') {
      await expectRegisterError('conflict', act, `${what} in ${v.state}`);
      count(real, `archive of ${v.state} refused`);
      return verify(model, real, [], alg);
    }
    const result = await act();
    assert.equal(result.state, 'ARCHIVED');
    const from = v.state;
    v.beforeArchive = from;
    v.state = 'ARCHIVED';
    count(real, 'archived');
    return verify(model, real, [{ action: 'archived', algorithmId: alg.id, organisationId: alg.organisationId, versionId: v.id, from, to: 'ARCHIVED' }], alg);
  }
  if (v.state !== 'ARCHIVED') {
    await expectRegisterError('conflict', act, `${what} in ${v.state}`);
    count(real, 'unarchive refused');
    return verify(model, real, [], alg);
  }
  // Unarchive restores the state the version had before it was archived.
  const restored = v.beforeArchive!;
  const result = await act();
  assert.equal(result.state, restored, 'unarchive restores the pre-archive state');
  v.state = restored;
  v.beforeArchive = null;
  count(real, 'unarchived');
  await verify(model, real, [{ action: 'unarchived', algorithmId: alg.id, organisationId: alg.organisationId, versionId: v.id, from: 'ARCHIVED', to: restored }], alg);
}

async function runRemove(step: Extract<Step, { op: 'remove' }>, model: Model, real: Real): Promise<void> {
  const alg = pickAlgorithm(model, step.alg);
  const algorithm = await algorithmRow(real.db, alg.id);
  await removeAlgorithm(real.db, algorithm, ACTOR);
  alg.removed = true;
  real.algorithms.get(alg.id)!.removed = true;
  count(real, 'removed');
  // Soft delete: verify finds every version of the removed algorithm still there, unchanged.
  await verify(model, real, [{ action: 'removed', algorithmId: alg.id, organisationId: alg.organisationId, versionId: null }], alg);
}

class StepCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly step: Step) {}
  check(model: Readonly<Model>): boolean {
    return this.step.op === 'create' || live(model).length > 0;
  }
  async run(model: Model, real: Real): Promise<void> {
    const step = this.step;
    count(real, 'steps');
    switch (step.op) {
      case 'create':
        return runCreate(step, model, real);
      case 'update':
        return runUpdate(step, model, real);
      case 'state':
        return runState(step, model, real);
      case 'archive':
      case 'unarchive':
        return runArchive(step, model, real);
      case 'remove':
        return runRemove(step, model, real);
    }
  }
  toString(): string {
    return JSON.stringify(this.step);
  }
}

const algIndex = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 4 }) });
const versionPick: fc.Arbitrary<VersionPick> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('own' as const), i: fc.nat({ max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('archived' as const), i: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('other' as const), i: fc.nat({ max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), id: fc.constantFrom(...UNKNOWN_IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('past-max' as const), k: fc.integer({ min: 1, max: 1000 }) }) },
);

const stepArb = (step: fc.Arbitrary<Step>, weight: number) => ({ weight, arbitrary: step.map((s) => new StepCommand(s)) });
const commandArbs: fc.Arbitrary<StepCommand>[] = [
  fc.oneof(
    stepArb(fc.record({ op: fc.constant('create' as const), flow: fc.constantFrom(...FLOW_NAMES), variant: variantArb }), 1),
    stepArb(
      fc.record({
        op: fc.constant('update' as const),
        alg: algIndex,
        variant: fc.oneof({ weight: 1, arbitrary: fc.constant('same' as const) }, { weight: 3, arbitrary: variantArb }),
        guard: fc.constantFrom('none' as const, 'none' as const, 'none' as const, 'latest' as const, 'stale' as const),
      }),
      4,
    ),
    stepArb(
      fc.record({
        op: fc.constant('state' as const),
        alg: algIndex,
        action: fc.oneof(
          // Index 0 is the forward move (release before reject, publish before retract).
          { weight: 6, arbitrary: fc.record({ possible: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }) }) },
          { weight: 2, arbitrary: fc.record({ flowAction: fc.nat({ max: 3 }) }) },
          { weight: 1, arbitrary: fc.constantFrom(...ACTIONS) },
        ),
      }),
      12,
    ),
    stepArb(fc.record({ op: fc.constantFrom('archive' as const, 'unarchive' as const), alg: algIndex, version: versionPick }), 3),
    stepArb(fc.record({ op: fc.constant('remove' as const), alg: algIndex }), 1),
  ),
];

/**
 * Two hand-written runs that fast-check always tries first, so that every path below is taken in
 * every test run (random runs reach the deep ones only a few times each). In a run, algorithm 0
 * is the newest (set up in self_publish_two) and algorithm 1 the one in ictu_last.
 */
const scenarios: StepCommand[][] = [
  [
    { op: 'state', alg: 1, action: 'release' },
    { op: 'state', alg: 1, action: 'reject_to_1' },
    { op: 'state', alg: 1, action: 'release' },
    { op: 'state', alg: 1, action: 'publish' },
    { op: 'archive', alg: 1, version: { kind: 'own', i: 0 } }, // published: refused
    { op: 'update', alg: 1, variant: { name: 1, description: 0, grouping: 0 }, guard: 'none' },
    { op: 'update', alg: 1, variant: 'same', guard: 'none' }, // NO_CHANGES
    { op: 'update', alg: 1, variant: { name: 2, description: 0, grouping: 0 }, guard: 'stale' },
    { op: 'state', alg: 1, action: 'release' },
    { op: 'state', alg: 1, action: 'publish' }, // the first published version expires
    { op: 'update', alg: 1, variant: { name: 2, description: 1, grouping: 1 }, guard: 'latest' },
    { op: 'state', alg: 1, action: 'retract' }, // a newer draft exists: the published one expires
    { op: 'state', alg: 1, action: 'retract' }, // nothing published: refused
    { op: 'state', alg: 1, action: 'publish' }, // wrong origin
    { op: 'state', alg: 1, action: 'release_to_2' }, // not an action of ictu_last
    { op: 'archive', alg: 1, version: { kind: 'own', i: 2 } },
    { op: 'archive', alg: 1, version: { kind: 'own', i: 2 } }, // already archived
    { op: 'unarchive', alg: 1, version: { kind: 'archived', i: 0 } },
    { op: 'unarchive', alg: 1, version: { kind: 'own', i: 2 } }, // not archived
    { op: 'archive', alg: 1, version: { kind: 'other', i: 0 } },
    { op: 'unarchive', alg: 1, version: { kind: 'other', i: 0 } },
    { op: 'archive', alg: 1, version: { kind: 'unknown', id: 2_147_483_648 } },
    { op: 'unarchive', alg: 1, version: { kind: 'past-max', k: 1 } },
    { op: 'state', alg: 1, action: 'release' },
    { op: 'state', alg: 1, action: 'publish' },
    { op: 'state', alg: 1, action: 'retract' }, // the newest: back to STATE_1
  ],
  [
    { op: 'state', alg: 0, action: 'release_to_2' },
    { op: 'state', alg: 0, action: 'reject_to_1' },
    { op: 'state', alg: 0, action: 'release_to_2' },
    { op: 'state', alg: 0, action: 'publish' },
    { op: 'state', alg: 0, action: 'retract' }, // the newest: back to STATE_2
    { op: 'state', alg: 0, action: 'publish' },
    { op: 'state', alg: 0, action: 'release' }, // not an action of self_publish_two
    { op: 'remove', alg: 0 },
    { op: 'archive', alg: 0, version: { kind: 'other', i: 0 } }, // a removed algorithm's version
  ],
].map((steps) => (steps as Step[]).map((step) => new StepCommand(step)));

// ---------------------------------------------------------------------------------------------

for (const engine of ENGINES) {
  describe(`algorithm state machine, model-based (${engine})`, () => {
    let database: FreshDatabase;
    let db: Db;
    let real: Real;

    before(async () => {
      database = await freshDatabase(engine);
      db = openDb(database.url);
      await migrate(db);
      const orgs = {
        ictu_last: await createOrganisation(db.kysely, { code: 'model-ictu', name: 'Model ictu_last', flow: 'ictu_last' }, ACTOR),
        self_publish_two: await createOrganisation(db.kysely, { code: 'model-self', name: 'Model self_publish_two', flow: 'self_publish_two' }, ACTOR),
      };
      real = { db: db.kysely, orgs, auditCursor: 0, baseline: new Map(), versionCount: 0, maxVersionId: 0, stats: {}, made: new Map(), algorithms: new Map() };
    });
    after(async () => {
      await db?.close();
      await database?.drop();
    });

    /**
     * Each run starts with a model of one new algorithm per flow; what earlier runs left in the
     * database is the baseline.
     */
    async function setup(): Promise<{ model: Model; real: Real }> {
      const { db: k } = real;
      const byState = await k.selectFrom('versions').select((eb) => ['state', eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
      real.baseline = new Map(byState.map((r) => [r.state, Number(r.n)]));
      real.versionCount = [...real.baseline.values()].reduce((a, b) => a + b, 0);
      const maxes = await k
        .selectFrom('versions')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      real.maxVersionId = Number(maxes?.id ?? 0);
      const lastEvent = await k.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      real.auditCursor = Number(lastEvent?.id ?? 0);
      const model: Model = { algorithms: [] };
      for (const flow of FLOW_NAMES) await runCreate({ op: 'create', flow, variant: { name: 0, description: 0, grouping: 0 } }, model, real);
      return { model, real };
    }

    it('keeps the database equal to the model and the invariants true after every step', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }), (cmds) => fc.asyncModelRun(setup, cmds)),
        { numRuns: NUM_RUNS, examples: scenarios.map((cmds): [StepCommand[]] => [cmds]) },
      );

      // The generator must reach every interesting case, or the property says little.
      const stats = real.stats;
      for (const flow of FLOW_NAMES) {
        for (const action of Object.keys(FLOWS[flow])) assert.ok(stats[`${action} in ${flow}`] > 0, `${action} in ${flow} succeeded at least once: ${JSON.stringify(stats)}`);
      }
      for (const key of [
        'new version',
        'no changes',
        'stale edit refused',
        'published over a published version',
        'retract refused',
        'retracted to working state',
        'retracted (newer version exists)',
        'wrong origin refused',
        'unknown action refused',
        'archived',
        'unarchived',
        'archive of PUBLISHED refused',
        'archive of ARCHIVED refused',
        'unarchive refused',
        'archive of other version refused',
        'unarchive of other version refused',
        'archive of unknown version refused',
        'unarchive of unknown version refused',
        'removed',
      ]) {
        assert.ok(stats[key] > 0, `"${key}" happened at least once: ${JSON.stringify(stats)}`);
      }
    });

    it('lost no version and no algorithm over all runs; removed ones are hidden, not deleted', async () => {
      assert.ok(real.made.size > 0);
      const rows = await db.kysely.selectFrom('versions').select(['id', 'algorithm_id', 'content']).execute();
      const stored = new Map(rows.map((r) => [r.id, r]));
      for (const [id, v] of real.made) {
        const row = stored.get(id);
        assert.ok(row, `version ${id} still exists`);
        assert.equal(row.algorithm_id, v.algorithmId);
        assert.equal(row.content, v.content, `content of version ${id} unchanged`);
      }
      assert.equal(rows.length, real.made.size, 'no version appeared that no step made');
      const algRows = await db.kysely.selectFrom('algorithms').select(['id', 'removed_at']).execute();
      assert.equal(algRows.length, real.algorithms.size);
      for (const row of algRows) assert.equal(row.removed_at !== null, real.algorithms.get(row.id)!.removed);
      // The delivery API's list shows exactly the algorithms that are not removed.
      for (const org of Object.values(real.orgs)) {
        const listed = (await listSummaries(db.kysely, org.id)).map((s) => s.lars).sort();
        const expected = [...real.algorithms.values()].filter((a) => a.organisationId === org.id && !a.removed).map((a) => a.lars).sort();
        assert.deepEqual(listed, expected, `summaries of ${org.code}`);
      }
    });
  });
}
