/**
 * The bare baseline of the search figure: the one full-text SQL query that a date-sorted search
 * like the national register's issues, the page of 20 newest matches and nothing else (no count,
 * no facet counts, no ranking, no typo tolerance, no synonyms), timed directly through the driver
 * (better-sqlite3, with the register's own connection settings; pg), one query at a time.
 *
 *   SQLite:     select … from search_fts join search_documents d on d.algorithm_id = search_fts.rowid
 *               where search_fts match ? order by d.published_at desc limit 20
 *   PostgreSQL: select … from search_text t join search_documents d on d.algorithm_id = t.algorithm_id
 *               where t.tsv @@ to_tsquery('simple', $1) order by d.published_at desc limit 20
 *
 * The words are the same words, folded and stemmed by the register's analyser (the index holds
 * stems, so the query must too); a phrase stays a phrase, `word*` a prefix as typed. Facet
 * filters are the plain `algorithm_id in (select … from search_facets where facet = ? and value
 * in (…))`; without text the query is the same select without the match.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { fold, indexText } from '../src/search/analyse.ts';
import type { BenchDatabase } from './database.ts';
import type { SearchQuery } from './search-queries.ts';

const COLUMNS = 'd.algorithm_id, d.lars, d.name, d.description_short, d.organisation_code, d.organisation_name, d.organisation_type, d.published_at';

interface Clause {
  stems: string[];
  prefix: boolean;
}

/** The typed text as clauses: "a phrase", word*, word. */
function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  for (const match of text.matchAll(/"([^"]*)"?|(\S+)/g)) {
    if (match[1] !== undefined) {
      const stems = indexText(match[1]).split(' ').filter(Boolean);
      if (stems.length) out.push({ stems, prefix: false });
    } else if (match[2].endsWith('*')) {
      const word = (fold(match[2]).match(/[a-z0-9]+/g) ?? []).join('');
      if (word) out.push({ stems: [word], prefix: true });
    } else {
      for (const stem of indexText(match[2]).split(' ').filter(Boolean)) out.push({ stems: [stem], prefix: false });
    }
  }
  return out;
}

const fts5 = (cs: Clause[]) => cs.map((c) => `"${c.stems.join(' ')}"${c.prefix ? '*' : ''}`).join(' AND ');
const tsquery = (cs: Clause[]) => cs.map((c) => c.stems.map((s, i) => (c.prefix && i === c.stems.length - 1 ? `${s}:*` : s)).join(' <-> ')).join(' & ');

/** The SQL and its parameters for one query, with `?` (SQLite) or `$n` (PostgreSQL) placeholders. */
export function bareSearchSql(engine: 'sqlite' | 'postgres', query: SearchQuery): { text: string; values: string[] } {
  const values: string[] = [];
  const param = (value: string) => {
    values.push(value);
    return engine === 'postgres' ? `$${values.length}` : '?';
  };
  const where: string[] = [];
  const cs = clauses(query.text);
  let from = 'search_documents d';
  if (cs.length && engine === 'sqlite') {
    from = 'search_fts join search_documents d on d.algorithm_id = search_fts.rowid';
    where.push(`search_fts match ${param(fts5(cs))}`);
  } else if (cs.length) {
    from = 'search_text t join search_documents d on d.algorithm_id = t.algorithm_id';
    where.push(`t.tsv @@ to_tsquery('simple', ${param(tsquery(cs))})`);
  }
  for (const [facet, list] of Object.entries(query.filters)) {
    if (!list?.length) continue;
    where.push(`d.algorithm_id in (select algorithm_id from search_facets where facet = ${param(facet)} and value in (${list.map(param).join(', ')}))`);
  }
  return { text: `select ${COLUMNS} from ${from}${where.length ? ` where ${where.join(' and ')}` : ''} order by d.published_at desc limit 20`, values };
}

export interface BareTimings {
  /** Milliseconds of every timed run, in order. */
  ms: number[];
  /** Rows of the first run of each query (0 where the bare query finds nothing, e.g. a typo). */
  rows: number[];
}

export interface BareSearch {
  /** Runs each query once untimed, then all of them in turn, timed, for at least `seconds` and `minRuns` rounds. */
  time(queries: SearchQuery[], seconds: number, minRuns: number): Promise<BareTimings>;
  close(): Promise<void>;
}

function sqliteBareSearch(file: string): BareSearch {
  const db = new SQLite(file, { readonly: true });
  // The register's own read settings (src/db/connect.ts): a 16 MB page cache, no memory map.
  db.pragma('cache_size = -16384');
  db.pragma('mmap_size = 0');
  return {
    async time(queries, seconds, minRuns) {
      const statements = queries.map((query) => {
        const { text, values } = bareSearchSql('sqlite', query);
        return { statement: db.prepare(text), values };
      });
      const rows = statements.map(({ statement, values }) => statement.all(values).length);
      const ms: number[] = [];
      const until = performance.now() + seconds * 1000;
      for (let round = 0; round < minRuns || performance.now() < until; round++) {
        for (const { statement, values } of statements) {
          const started = performance.now();
          statement.all(values);
          ms.push(performance.now() - started);
        }
      }
      return { ms, rows };
    },
    async close() {
      db.close();
    },
  };
}

function postgresBareSearch(url: string): BareSearch {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async time(queries, seconds, minRuns) {
      await connected;
      const sqls = queries.map((query) => bareSearchSql('postgres', query));
      const rows: number[] = [];
      for (const s of sqls) rows.push((await client.query(s.text, s.values)).rowCount ?? 0);
      const ms: number[] = [];
      const until = performance.now() + seconds * 1000;
      for (let round = 0; round < minRuns || performance.now() < until; round++) {
        for (const s of sqls) {
          const started = performance.now();
          await client.query(s.text, s.values);
          ms.push(performance.now() - started);
        }
      }
      return { ms, rows };
    },
    async close() {
      await connected.catch(() => {});
      await client.end();
    },
  };
}

export function openBareSearch(database: BenchDatabase): BareSearch {
  return database.engine === 'postgres' ? postgresBareSearch(database.url) : sqliteBareSearch(database.url);
}
