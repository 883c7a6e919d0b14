/** Writes the figures of one run as BENCHMARKS.md: a table per figure, each beside its baseline. */
import { renderCompliance } from './report-compliance.ts';
import { renderBulk, type BulkRun } from './report-bulk.ts';
import type { Engine } from '../src/db/connect.ts';
import type { Machine } from './machine.ts';
import type { Settings } from './settings.ts';
import type { GetOneFigures, WriteFigures } from './api.ts';
import type { ImportRun, Timed } from './import.ts';
import { ENGINE_NAME, failureNote, int, ms, rate, ratio, row } from './report-format.ts';
import type { PageWeightFigures, PublicFigures } from './public.ts';
import { renderPageWeight, renderPublic } from './report-public.ts';

export interface EngineFigures {
  engine: Engine;
  imports: { records: number; app: ImportRun; baseline: Timed }[];
  getOne: GetOneFigures[];
  writes?: { algorithms: number; figures: WriteFigures };
}

export interface RunFigures {
  date: Date;
  totalSeconds: number;
  machine: Machine;
  settings: Settings;
  organisations: number;
  /** Null when the delivery part (figures 1–3) did not run. */
  validation: Timed | null;
  engines: EngineFigures[];
  /** Figures 4–8, per engine and size. */
  publicSide: PublicFigures[];
  /** Figure 7 alone (BENCH_PARTS=weight). */
  pageWeights: PageWeightFigures[];
  /** Figure 9, per engine. */
  bulk: BulkRun[];
  notes: string[];
}

export function renderReport(run: RunFigures): string {
  const { machine, settings } = run;
  const notes = [...run.notes];
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    `Written by \`npm run bench\` (\`bench/run.ts\`) on ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${Math.round(run.totalSeconds / 60)} min.`,
    `Machine: ${machine.cores} cores (\`nproc\`), ${machine.cpu}, ${machine.memoryGiB} GiB RAM; Node ${machine.node}; SQLite ${machine.sqlite} (better-sqlite3, WAL)` +
      (machine.postgres ? `; PostgreSQL ${machine.postgres} on the same machine (pg, pool of ${process.env.DB_POOL_SIZE ?? 10}).` : '.'),
    '',
    `Every figure stands next to a baseline measured in the same run on the same machine. HTTP figures: the register built by ` +
      `\`buildApp(loadConfig(…))\` as \`npm start\` builds it (rate limit off, no demo data), on a fresh database per engine and size, settled after the import (PostgreSQL VACUUM ANALYZE, SQLite WAL checkpoint), ` +
      `loaded over loopback by autocannon ${machine.autocannon} with ${settings.connections} keep-alive connections from its own process, ` +
      `${settings.warmupSeconds} s warm-up then ${settings.seconds} s measured. Server, load generator and PostgreSQL share the ${machine.cores} cores. ` +
      `Data: generated standard-1.0 records (\`bench/data.ts\`): sentences from the 27 supplier templates, short descriptions of 100–400 characters, ` +
      `HTML texts with paragraphs and lists, 1–3 themes, law, data-source and assessment groupings, over ${run.organisations} organisations of Zipf-like size ` +
      `(about 6 kB of JSON per record), imported with \`importRecords\` itself. Ratios are register ÷ baseline: below 1 the register is slower.`,
    '',
  );

  if (run.validation) renderDelivery(run, run.validation, out, notes);
  if (run.publicSide.length) out.push(...renderPublic(run, notes), ...renderCompliance(run.publicSide));
  else if (run.pageWeights.length) out.push(...renderPageWeight(run.pageWeights));
  if (run.bulk.length) out.push(...renderBulk(run.bulk));

  if (notes.length) out.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

/** Figures 1–3: the delivery API and bulk import. */
function renderDelivery(run: RunFigures, validation: Timed, out: string[], notes: string[]): void {
  out.push('## 1. Delivery API: create and publish throughput', '');
  out.push(
    'Through real HTTP: `POST /aanleverapi/v1_0/organizations/{org}/algorithms` with a client token of role_1 (flow `ictu_last`); a cycle is that POST, ' +
      '`PUT …/{lars}/release` (role_1) and `PUT …/{lars}/publish` (a platform client with `ictu`, `all_groups`), one after the other on each connection. ' +
      'Baseline: a bare Node `http` server that parses the posted JSON and inserts it as one row of a scratch table, and on release/publish updates that row\'s ' +
      'state, through the same driver (bare HTTP + bare SQL). Measured on the database with the most algorithms.',
    '',
  );
  out.push(row(['engine', 'algorithms in database', 'figure', 'register', 'baseline', 'ratio']), row(['---', '---:', '---', '---:', '---:', '---:']));
  for (const e of run.engines) {
    if (!e.writes) continue;
    const { creates, cycles } = e.writes.figures;
    out.push(row([ENGINE_NAME[e.engine], int(e.writes.algorithms), 'creates/s', rate(creates.app.rate), rate(creates.baseline.rate), ratio(creates.app.rate, creates.baseline.rate)]));
    const cyclesApp = (cycles.app.cycles ?? 0) / cycles.app.seconds;
    const cyclesBase = (cycles.baseline.cycles ?? 0) / cycles.baseline.seconds;
    out.push(row([ENGINE_NAME[e.engine], int(e.writes.algorithms), 'create+release+publish cycles/s', rate(cyclesApp), rate(cyclesBase), ratio(cyclesApp, cyclesBase)]));
    out.push(row([ENGINE_NAME[e.engine], int(e.writes.algorithms), 'create p50 / p95 / p99 ms', `${ms(creates.app.p50)} / ${ms(creates.app.p95)} / ${ms(creates.app.p99)}`, `${ms(creates.baseline.p50)} / ${ms(creates.baseline.p95)} / ${ms(creates.baseline.p99)}`, '']));
    if (!cycles.app.cycles) {
      notes.push(
        `${ENGINE_NAME[e.engine]}: not one create+release+publish cycle completed in the measured run ` +
          `(${int(cycles.app.requests)} answers in ${cycles.app.seconds.toFixed(0)} s from ${run.settings.connections} connections, p99 ${ms(cycles.app.p99)} ms).`,
      );
    }
    for (const [label, r] of [['create', creates.app], ['cycle', cycles.app], ['create baseline', creates.baseline], ['cycle baseline', cycles.baseline]] as const) {
      const note = failureNote(`${ENGINE_NAME[e.engine]} ${label}`, r);
      if (note) notes.push(note);
    }
  }
  out.push('');

  out.push('## 2. Delivery API: GET one', '');
  out.push(
    '`GET /aanleverapi/v1_0/organizations/{org}/algorithms/{lars}` with a role_1 client token, each request for a random algorithm of the ' +
      'benchmark organisation (a tenth of all algorithms). Baseline: a bare Node `http` server answering the same requests with a JSON body of the ' +
      'size of an average answer. Aim (issue): the register sustains at least half the bare server\'s request rate.',
    '',
  );
  out.push(
    row(['engine', 'algorithms', 'register req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'baseline req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'body bytes (register / baseline)', 'rate ratio', 'aim ≥ 0.5']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  );
  for (const e of run.engines) {
    for (const g of e.getOne) {
      const r = g.app.rate / g.baseline.rate;
      out.push(
        row([
          ENGINE_NAME[e.engine], int(g.algorithms),
          int(g.app.rate), ms(g.app.p50), ms(g.app.p95), ms(g.app.p99),
          int(g.baseline.rate), ms(g.baseline.p50), ms(g.baseline.p95), ms(g.baseline.p99),
          `${int(g.appBodyBytes)} / ${int(g.baselineBodyBytes)}`, ratio(g.app.rate, g.baseline.rate), r >= 0.5 ? 'met' : '**not met**',
        ]),
      );
      for (const [label, res] of [['GET one', g.app], ['GET one baseline', g.baseline]] as const) {
        const note = failureNote(`${ENGINE_NAME[e.engine]} ${int(g.algorithms)} ${label}`, res);
        if (note) notes.push(note);
      }
    }
  }
  out.push('');

  out.push('## 3. Bulk import', '');
  out.push(
    '`importRecords` (src/register/import.ts) of generated records into an empty register, as `algoritmeregister import FILE` runs it. ' +
      'Baseline: the same records\' JSON as plain rows of a scratch table, one multi-row INSERT per 500 records (importRecords\' batch size), ' +
      'each in its own transaction, through the same driver. importRecords also validates and sanitises every field, writes an algorithm, a version ' +
      'and an audit event (with the field diff) per record and keeps seven indexes. Aim (issue): 100k records in under a minute.',
    '',
  );
  out.push(row(['engine', 'records', 'importRecords s', 'records/s', 'baseline s', 'records/s', 'ratio', 'aim: 100k < 60 s']), row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---']));
  for (const e of run.engines) {
    for (const i of e.imports) {
      const aim = i.records === 100_000 || i.app.requested === 100_000 ? (i.app.complete && i.app.seconds < 60 ? 'met' : '**not met**') : '';
      const seconds = i.app.complete ? i.app.seconds.toFixed(1) : `stopped at ${i.app.seconds.toFixed(0)} s after ${int(i.app.records)}`;
      out.push(row([ENGINE_NAME[e.engine], int(i.app.requested), seconds, int(i.app.perSecond), i.baseline.seconds.toFixed(1), int(i.baseline.perSecond), ratio(i.app.perSecond, i.baseline.perSecond), aim]));
    }
  }
  const tenths = run.engines.flatMap((e) => e.imports.map((i) => `${ENGINE_NAME[e.engine]} ${int(i.app.requested)}: ${i.app.ratePerTenth.map((r) => int(r)).join(' → ')}`));
  out.push('', `importRecords' rate (records/s) in each tenth of the run: ${tenths.join('; ')}.`);
  for (const e of run.engines) {
    for (const i of e.imports.filter((x) => !x.app.complete)) {
      notes.push(
        `${ENGINE_NAME[e.engine]}: the import of ${int(i.app.requested)} records was stopped at the time limit (${run.settings.importLimitSeconds} s, BENCH_IMPORT_LIMIT_SECONDS) ` +
          `with ${int(i.app.records)} imported (its rate over the run: the tenths above). The rest was imported with free LARS codes given in the records ` +
          '(untimed), so that the GET-one figure has its full database.',
      );
    }
  }
  out.push(
    '',
    `\`validateRecord\` alone (validation, HTML sanitising, normalisation; no database) on ${int(validation.records)} of the same records: ` +
      `${((validation.seconds * 1000) / validation.records).toFixed(2)} ms per record, ${int(validation.perSecond)} records/s, ` +
      `so ${((100_000 / validation.perSecond)).toFixed(0)} s of any 100k import.`,
    '',
  );
}
