/**
 * The public side (figures 4–7) on one engine and size: a fresh database whose records are all
 * published by the import (`importRecords(…, { publish: true })` in its own process), so that the
 * search index holds every one; the register in a process of its own (bench/register-process.ts);
 * then the page weights, the search mix (also on a second register with its search cache off),
 * the algorithm page and the full CSV download, each beside its baseline.
 */
import { sql } from 'kysely';
import type { Engine } from '../src/db/connect.ts';
import { openDb } from '../src/db/connect.ts';
import { freshDatabase } from './database.ts';
import { startRegisterProcess, type RegisterProcess } from './register-process.ts';
import { openBareSql } from './baseline-sql.ts';
import { measurePublishedImport, type ImportRun } from './import.ts';
import { measurePageSizes, type PageSize } from './page-sizes.ts';
import { measureSearch, type SearchFigures } from './search-api.ts';
import { measureAlgorithmPage, type AlgorithmPageFigures } from './algorithm-page.ts';
import { measureCsvExport, type CsvFigures } from './csv-export.ts';
import { random } from './data.ts';
import { measureCompliance, type ComplianceFigures } from './compliance.ts';
import type { Settings } from './settings.ts';

export interface PublicFigures {
  engine: Engine;
  size: number;
  import: ImportRun;
  pages: PageSize[];
  search: SearchFigures;
  algorithmPage: AlgorithmPageFigures;
  csv: CsvFigures;
  compliance: ComplianceFigures;
}

/** Figure 7 on its own: the page weights, on a register whose import published every record. */
export interface PageWeightFigures {
  engine: Engine;
  size: number;
  pages: PageSize[];
}

/** One of each type of public page; for algorithm and history pages 20 random published algorithms. */
function measurePageWeights(url: string, size: number, lars: string[]): Promise<PageSize[]> {
  const pick = random(size);
  const sample = Array.from({ length: 20 }, () => lars[Math.floor(pick() * lars.length)]);
  return measurePageSizes(url, [
    { name: 'home', paths: ['/'] },
    { name: 'search with facets', paths: ['/algoritmes?q=gegevens&theme=Sociale+zekerheid'] },
    { name: 'algorithm page', paths: sample.map((l) => `/algoritme/${l}`) },
    { name: 'history page', paths: sample.map((l) => `/algoritme/${l}/versies`) },
    { name: 'organisation index', paths: ['/organisaties'] },
    { name: 'organisation page', paths: ['/organisatie/gm0001'] },
    { name: 'statistics', paths: ['/statistieken'] },
    { name: 'about', paths: ['/over'] },
  ]);
}

/** `BENCH_PARTS=weight`: figure 7 alone, without the timed figures of the public side. */
export async function measurePageWeightOnly(engine: Engine, size: number, opts: { seed: number; organisations: number; log: (message: string) => void }): Promise<PageWeightFigures> {
  const database = await freshDatabase(engine);
  let register: RegisterProcess | undefined;
  try {
    register = await startRegisterProcess(database);
    opts.log(`${engine} ${size} page weight: importRecords with publish`);
    await measurePublishedImport(database, { seed: opts.seed, organisations: opts.organisations, from: 0, count: size });
    const db = openDb(database.url);
    let lars: string[];
    try {
      lars = (await db.kysely.selectFrom('search_documents').select('lars').orderBy('algorithm_id').execute()).map((d) => d.lars);
    } finally {
      await db.close();
    }
    opts.log(`${engine} ${size} page weight: measuring`);
    return { engine, size, pages: await measurePageWeights(register.url, size, lars) };
  } finally {
    await register?.close();
    await database.drop();
  }
}

export async function measurePublic(
  engine: Engine,
  size: number,
  settings: Settings,
  opts: { seed: number; organisations: number; log: (message: string) => void },
): Promise<PublicFigures> {
  const { log } = opts;
  const database = await freshDatabase(engine);
  let register: RegisterProcess | undefined;
  try {
    // The register first, as a serving register next to which the import runs: it migrates the
    // empty database and marks the (empty) search index as built by the current analysis.
    register = await startRegisterProcess(database);
    log(`${engine} ${size} public: importRecords with publish`);
    const imported = await measurePublishedImport(database, { seed: opts.seed, organisations: opts.organisations, from: 0, count: size });
    log(`${engine} ${size} public: imported and published in ${imported.seconds.toFixed(1)} s (${Math.round(imported.perSecond)}/s)`);
    const bare = openBareSql(database);
    await bare.settle();
    await bare.close();

    const db = openDb(database.url);
    let lars: string[];
    let rareCodes: string[];
    try {
      const documents = await db.kysely.selectFrom('search_documents').select('lars').orderBy('algorithm_id').execute();
      if (documents.length !== size) throw new Error(`the search index holds ${documents.length} documents, not ${size}`);
      lars = documents.map((d) => d.lars);
      // The smallest organisations: their codes are the rare words of the search mix.
      const smallest = await db.kysely
        .selectFrom('search_documents')
        .select(['organisation_code', sql<number>`count(*)`.as('n')])
        .groupBy('organisation_code')
        .orderBy(sql`count(*)`)
        .orderBy('organisation_code')
        .limit(5)
        .execute();
      rareCodes = smallest.map((s) => s.organisation_code);
    } finally {
      await db.close();
    }

    log(`${engine} ${size} public: page weights`);
    const pages = await measurePageWeights(register.url, size, lars);

    // The search figure also on a second register with its search cache off: the bench repeats a
    // fixed set of queries, which the register (cache on, the default) would mostly answer from memory.
    log(`${engine} ${size} public: search API mix (a second register with SEARCH_CACHE_ENTRIES=0 beside the default one)`);
    const uncached = await startRegisterProcess(database, { SEARCH_CACHE_ENTRIES: '0' });
    let search: SearchFigures;
    try {
      search = await measureSearch({ cacheOff: uncached.url, cacheOn: register.url }, database, settings, { documents: size, rareCodes });
    } finally {
      await uncached.close();
    }
    log(
      `${engine} ${size} public: search under load p95 ${search.loadedUncached.p95.toFixed(1)} ms at ${Math.round(search.loadedUncached.rate)} req/s cache off, ` +
        `p95 ${search.loaded.p95.toFixed(1)} ms at ${Math.round(search.loaded.rate)} req/s cache on; ` +
        `one at a time (cache off) p95 ${search.singleOverall.p95.toFixed(1)} ms; bare query p95 ${search.bareOverall.p95.toFixed(1)} ms`,
    );

    log(`${engine} ${size} public: algorithm page`);
    const algorithmPage = await measureAlgorithmPage(register.url, settings, lars);
    log(
      `${engine} ${size} public: algorithm page one at a time p95 ${algorithmPage.single.p95.toFixed(1)} ms; ` +
        `under load ${Math.round(algorithmPage.app.rate)} req/s p95 ${algorithmPage.app.p95.toFixed(1)} ms; bare ${Math.round(algorithmPage.baseline.rate)} req/s`,
    );

    // The download on a freshly started register, left idle a while (measureCsvExport): its memory
    // then is the download's own, not what the load runs above or starting left in the heap.
    await register.close();
    register = await startRegisterProcess(database);
    log(`${engine} ${size} public: full CSV download`);
    const csv = await measureCsvExport(register.url, register.pid, database, size);
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    log(
      `${engine} ${size} public: CSV ${csv.app.seconds.toFixed(1)} s, peak RSS ${mb(csv.app.memory.peakBytes)} (anonymous ${mb(csv.app.memory.peakAnonBytes)}; ` +
        `${mb(csv.startBytes)} after start, ${mb(csv.app.memory.beforeBytes)} before); bare ${csv.baseline.seconds.toFixed(1)} s`,
    );

    // The compliance figures last: the quality refresh writes scores the figures above must not see.
    await register.close();
    register = undefined;
    log(`${engine} ${size} public: quality checks and dashboards`);
    const compliance = await measureCompliance(database);
    log(`${engine} ${size} public: quality checks ${compliance.qualitySeconds.toFixed(1)} s (bare read ${compliance.qualityBaselineSeconds.toFixed(1)} s); organisation dashboard p95 ${compliance.organisationDashboard.p95.toFixed(1)} ms`);

    return { engine, size, import: imported, pages, search, algorithmPage, csv, compliance };
  } finally {
    await register?.close();
    await database.drop();
  }
}
