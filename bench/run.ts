/**
 * `npm run bench`: measures the delivery API's write throughput, its GET one at each database
 * size, and bulk import (figures 1–3), then the public side on a database whose records are all
 * published: search, the algorithm page, the full CSV download and the weight of each page type
 * (figures 4–7); on SQLite and PostgreSQL, each figure beside a baseline measured in the same
 * run, and writes them to BENCHMARKS.md. Settings: bench/settings.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Engine } from '../src/db/connect.ts';
import { ALL_PARTS, readSettings, type Settings } from './settings.ts';
import { freshDatabase, postgresReachable } from './database.ts';
import { startRegister } from './register.ts';
import { openBareSql } from './baseline-sql.ts';
import { recordGenerator, records, type RecordGenerator } from './data.ts';
import { completeImport, measureBareInsert, measureImport, measureValidation } from './import.ts';
import { measureGetOne, measureWrites } from './api.ts';
import { describeMachine } from './machine.ts';
import { measurePageWeightOnly, measurePublic, type PageWeightFigures, type PublicFigures } from './public.ts';
import { renderReport, type EngineFigures } from './report.ts';
import { mergeSections, type BulkRun } from './report-bulk.ts';
import { benchBulkImport } from './bulk-import.ts';

const started = performance.now();
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const ORGANISATIONS = 200;
const SEED = 1;

/** One fresh database of `size` algorithms: import, GET one and, on the largest, the write path. */
async function measureSize(engine: Engine, size: number, settings: Settings, generator: RecordGenerator, figures: EngineFigures, withWrites: boolean): Promise<void> {
  const database = await freshDatabase(engine);
  const register = await startRegister(database);
  const bare = openBareSql(database);
  try {
    {
      const spec = { seed: SEED, organisations: ORGANISATIONS, from: 0, count: size };
      log(`${engine} ${size}: importRecords`);
      const app = await measureImport(database, register.app.ctx.kysely, spec, settings.importLimitSeconds);
      if (app.complete) log(`${engine} ${size}: imported in ${app.seconds.toFixed(1)} s (${Math.round(app.perSecond)}/s)`);
      else {
        log(`${engine} ${size}: import stopped at ${settings.importLimitSeconds} s with ${app.records} records in; importing the rest with LARS codes given`);
        const seconds = await completeImport(database, { ...spec, from: app.records, count: size - app.records });
        log(`${engine} ${size}: the other ${size - app.records} records took ${seconds.toFixed(1)} s`);
      }
      log(`${engine} ${size}: bare INSERT baseline`);
      const baseline = await measureBareInsert(database, spec);
      log(`${engine} ${size}: bare INSERT in ${baseline.seconds.toFixed(1)} s`);
      figures.imports.push({ records: size, app, baseline });
      await bare.settle();
    }
    const org = generator.benchOrganisation.code;
    const lars = await register.app.ctx.kysely
      .selectFrom('algorithms')
      .innerJoin('organisations', 'organisations.id', 'algorithms.organisation_id')
      .select('algorithms.lars')
      .where('organisations.code', '=', org)
      .execute();
    const editorToken = await register.token(['role_1'], org);
    log(`${engine} ${size}: GET one (${lars.length} algorithms of ${org})`);
    const get = await measureGetOne(register.url, settings, { algorithms: size, organisation: org, lars: lars.map((l) => l.lars), token: editorToken });
    log(`${engine} ${size}: GET one ${Math.round(get.app.rate)} req/s p95 ${get.app.p95.toFixed(1)} ms; baseline ${Math.round(get.baseline.rate)} req/s`);
    figures.getOne.push(get);

    if (withWrites) {
      const publisherToken = await register.token(['ictu', 'all_groups'], null);
      const bodies = records(recordGenerator(2, ORGANISATIONS), 0, 1000).map(({ organisation_code: _code, ...record }) =>
        JSON.stringify({ ...record, organization: generator.benchOrganisation.name }),
      );
      log(`${engine} ${size}: creates and create+release+publish cycles`);
      const writes = await measureWrites(register.url, settings, bare, { organisation: org, editorToken, publisherToken, bodies });
      figures.writes = { algorithms: size, figures: writes };
      // The cycles must really have published: every counted cycle is a PUBLISHED version.
      const { n } = await register.app.ctx.kysely
        .selectFrom('versions')
        .select(sql<number>`count(*)`.as('n'))
        .where('state', '=', 'PUBLISHED')
        .executeTakeFirstOrThrow();
      if (Number(n) < (writes.cycles.app.cycles ?? 0)) throw new Error(`only ${n} published versions after ${writes.cycles.app.cycles} counted cycles`);
      log(`${engine} ${size}: ${Math.round(writes.creates.app.rate)} creates/s, ${((writes.cycles.app.cycles ?? 0) / writes.cycles.app.seconds).toFixed(1)} cycles/s`);
    }
  } finally {
    await bare.close();
    await register.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  const notes: string[] = [];
  if (settings.engines.includes('postgres') && !(await postgresReachable())) {
    settings.engines = settings.engines.filter((e) => e !== 'postgres');
    notes.push('PostgreSQL was not reachable: only SQLite was measured.');
    log('PostgreSQL not reachable; SQLite only');
  }
  const machine = await describeMachine(settings.engines.includes('postgres'));
  const generator = recordGenerator(SEED, ORGANISATIONS);

  const delivery = settings.parts.includes('delivery');
  let validation = null;
  if (delivery) {
    log('validateRecord alone');
    validation = measureValidation(records(generator, 0, Math.min(10_000, settings.sizes[0])));
  }

  const engines: EngineFigures[] = [];
  const publicSide: PublicFigures[] = [];
  const pageWeights: PageWeightFigures[] = [];
  const bulk: BulkRun[] = [];
  for (const engine of settings.engines) {
    const figures: EngineFigures = { engine, imports: [], getOne: [] };
    const largest = settings.sizes[settings.sizes.length - 1];
    if (delivery) for (const size of settings.sizes) await measureSize(engine, size, settings, generator, figures, size === largest);
    engines.push(figures);
    if (settings.parts.includes('public')) {
      for (const size of settings.sizes) publicSide.push(await measurePublic(engine, size, settings, { seed: SEED, organisations: ORGANISATIONS, log }));
    } else if (settings.parts.includes('weight')) {
      for (const size of settings.sizes) pageWeights.push(await measurePageWeightOnly(engine, size, { seed: SEED, organisations: ORGANISATIONS, log }));
    }
    if (settings.parts.includes('bulk')) {
      log(`${engine} bulk import in management: dry run and apply of 10,000 rows`);
      const figures = await benchBulkImport(engine);
      const scratch = await freshDatabase(engine);
      try {
        const baseline = await measureBareInsert(scratch, { seed: SEED, organisations: ORGANISATIONS, from: 0, count: figures.rows });
        bulk.push({ figures, baseline });
      } finally {
        await scratch.drop();
      }
      log(`${engine} bulk import: dry run ${Math.round(figures.dryRun.rowsPerSecond)} rows/s, apply ${Math.round(figures.apply.rowsPerSecond)} rows/s, peak ${Math.round(figures.peakRssMiB)} MiB`);
    }
  }

  const report = renderReport({
    date: new Date(),
    totalSeconds: (performance.now() - started) / 1000,
    machine,
    settings,
    organisations: ORGANISATIONS,
    validation,
    engines,
    publicSide,
    pageWeights,
    bulk,
    notes,
  });
  // A run of some parts replaces its sections in the report already there and keeps the rest.
  const partial = ALL_PARTS.some((part) => !settings.parts.includes(part)) && existsSync(settings.output);
  writeFileSync(settings.output, partial ? mergeSections(readFileSync(settings.output, 'utf8'), report, settings.parts) : report);
  log(`wrote ${settings.output}`);
}

await main();
