/** Previous and next page links with "page N of M", for every paged list of the public site. */
import { fill, messages, type Lang } from './messages.ts';

export function Pagination({ lang, page, pages, href }: { lang: Lang; page: number; pages: number; href: (page: number) => string }) {
  const t = messages[lang];
  if (pages <= 1) return null;
  return (
    <nav class="pagination ams-pagination" aria-label={t.pagination}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {t.pagePrevious}
        </a>
      )}
      <span aria-current="page">{fill(t.pageOf, { page, pages })}</span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {t.pageNext}
        </a>
      )}
    </nav>
  );
}
