/**
 * A management table: captioned, its columns named, and scrollable on its own on a narrow screen
 * (a focusable region, so a keyboard can scroll it too). The rows are the caller's.
 */
import type { ComponentChildren } from 'preact';

export function TableRegion({ id, caption, columns, children }: { id: string; caption: string; columns: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrapper" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="utrecht-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead class="utrecht-table__header">
          <tr>
            {columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}
