/**
 * Reading large text in bulk (the content of every published version, for a download), as fast
 * and as flat in memory as each engine allows.
 *
 * Such a column is read as bytes on both engines, and decoded here when its row is used:
 * - better-sqlite3 makes text into a string through V8's own UTF-8 decoder; Node decodes the same
 *   bytes several times as fast (the content of 100,000 versions: 3.0 s as text, 1.6 s as bytes).
 * - pg makes each text into a string in the JavaScript heap as a page arrives. A page outlives a
 *   young collection while it is written out, so its strings were moved to the old generation and
 *   piled up until a full one: a download of 100,000 versions grew the process by about 100 MB.
 *   As bytes (bytea, which pg decodes from hex natively) the page lives outside the heap: it grew
 *   by 10 MB, and the download took 4.6 s instead of 4.9 s.
 */
import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

const onSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** `column` (a trusted reference to a text column, such as `v.content`) for a select list, read as its UTF-8 bytes. */
export function bulkText(db: Kysely<any>, column: string): RawBuilder<Buffer> {
  return onSqlite(db) ? sql<Buffer>`cast(${sql.ref(column)} as blob)` : sql<Buffer>`convert_to(${sql.ref(column)}, 'UTF8')`;
}

/** The text of a value read through `bulkText`. */
export const bulkTextValue = (value: Buffer): string => value.toString('utf8');

/**
 * Rows per page when reading such rows page by page. On SQLite small pages die young: with 100 a
 * full download of 100,000 versions grew the process by 10 MB, with 500 by 200 MB (the rows of a
 * page that outlive a young collection are moved to the old generation and pile up until a full
 * one), and took longer. On PostgreSQL each page is a round trip; 250 measured fastest (100: 5.9 s,
 * 250: 4.7 s, 500: 4.6 s but 5 MB more).
 */
export const bulkPageSize = (db: Kysely<any>): number => (onSqlite(db) ? 100 : 250);
