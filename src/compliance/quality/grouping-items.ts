/** The {title, link} items of a grouping field, tolerant of what older or partial content holds. */
import type { AlgorithmContent } from '../../standard/types.ts';

export interface Item {
  /** 1-based, as an editor counts the rows. */
  item: number;
  title: string;
  link: string;
}

export function groupingItems(content: AlgorithmContent, key: string): Item[] {
  const value = content[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw, index) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const title = typeof raw.title === 'string' ? raw.title.trim() : '';
    const link = typeof raw.link === 'string' ? raw.link.trim() : '';
    return title === '' && link === '' ? [] : [{ item: index + 1, title, link }];
  });
}
