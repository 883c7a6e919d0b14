/** The quality distribution as a table of score bands: the public dashboard and management's show the same. */
import { SCORE_BANDS } from '../compliance/index.ts';
import { formatNumber, type Lang } from './messages.ts';

export function QualityBandsTable({ bands, lang, bandLabel, countLabel }: { bands: Record<string, number>; lang: Lang; bandLabel: string; countLabel: string }) {
  return (
    <table class="utrecht-table dashboard-table">
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">{bandLabel}</th>
          <th class="utrecht-table__header-cell" scope="col">{countLabel}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {SCORE_BANDS.map((band) => (
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="row">{band.key}</th>
            <td class="utrecht-table__cell">{formatNumber(bands[band.key] ?? 0, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
