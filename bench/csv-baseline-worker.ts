/**
 * Child process of bench/csv-export.ts: the bare baseline of the full CSV download. One SQL query
 * for the current published versions (better-sqlite3's row iterator; a PostgreSQL cursor fetched
 * 1,000 rows at a time, since pg would otherwise hold all rows at once), each row's JSON content
 * spread over the download's columns (null blank, strings as they are, the rest as JSON: the
 * rule of the register's tables), csv-stringify's stream straight into a file. No paging by
 * keyset, no framework, no HTTP. In its own process so that its memory can be read as the
 * register's is.
 */
import { createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { stringify } from 'csv-stringify';
import { DOWNLOAD_COLUMNS, DOWNLOAD_ID_COLUMNS } from '../src/opendata/downloads.ts';
import type { Engine } from '../src/db/connect.ts';

export interface CsvBaselineJob {
  engine: Engine;
  url: string;
  file: string;
}

export type CsvBaselineMessage = { started: true } | { done: { seconds: number; rows: number; bytes: number } } | { error: string };

interface Row {
  lars: string;
  code: string;
  standard_version: string | null;
  published_at: string | null;
  create_dt: string;
  state: string;
  id: number;
  content: string;
}

const QUERY = `select a.lars, o.code, v.standard_version, v.published_at, v.create_dt, v.state, v.id, v.content
  from versions v join algorithms a on a.id = v.algorithm_id join organisations o on o.id = a.organisation_id
  where v.state = 'PUBLISHED' and v.language = 'NLD' and a.removed_at is null order by v.id`;

const FIELDS = DOWNLOAD_COLUMNS.slice(DOWNLOAD_ID_COLUMNS.length);
const cell = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));

function cells(row: Row): (string | null)[] {
  const content = JSON.parse(row.content) as Record<string, unknown>;
  const standard = row.standard_version ?? (typeof content.standard_version === 'string' ? content.standard_version : null);
  return [row.lars, row.code, standard, row.published_at ?? row.create_dt, row.state, String(row.id), ...FIELDS.map((key) => cell(content[key]))];
}

async function* sqliteRows(file: string): AsyncGenerator<Row> {
  const db = new SQLite(file, { readonly: true });
  try {
    yield* db.prepare(QUERY).iterate() as IterableIterator<Row>;
  } finally {
    db.close();
  }
}

async function* postgresRows(url: string): AsyncGenerator<Row> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`declare bench_csv no scroll cursor for ${QUERY}`);
    for (;;) {
      const { rows } = await client.query<Row>('fetch forward 1000 from bench_csv');
      yield* rows;
      if (rows.length < 1000) break;
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
}

async function run(job: CsvBaselineJob): Promise<void> {
  process.send!({ started: true } satisfies CsvBaselineMessage);
  const started = performance.now();
  let rows = 0;
  const source = job.engine === 'postgres' ? postgresRows(job.url) : sqliteRows(job.url);
  async function* records() {
    yield [...DOWNLOAD_COLUMNS];
    for await (const row of source) {
      rows++;
      yield cells(row);
    }
  }
  // The register's CSV options: only empty strings are quoted when empty (src/standard/tabular-stream.ts).
  await pipeline(Readable.from(records()), stringify({ quoted_match: /^$/ }), createWriteStream(job.file));
  const seconds = (performance.now() - started) / 1000;
  process.send!({ done: { seconds, rows, bytes: statSync(job.file).size } } satisfies CsvBaselineMessage);
}

process.once('message', (job: CsvBaselineJob) => {
  run(job).then(
    () => process.disconnect(),
    (error: unknown) => {
      process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies CsvBaselineMessage);
      process.disconnect();
    },
  );
});
