/** How BENCHMARKS.md writes numbers and tables; shared by every section. */
import type { Engine } from '../src/db/connect.ts';
import { failures, type LoadResult } from './load.ts';

export const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const rate = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));
export const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
export const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function failureNote(label: string, result: Pick<LoadResult, 'statuses'> & { errors?: number }): string | null {
  const bad = failures(result);
  return bad ? `${label}: answers other than 200: ${bad}.` : null;
}
