/**
 * Statistics at `/statistieken` (`/en/statistics`): publications per month, what is published
 * now by publication category and by organisation type, and how many organisations publish. Each
 * chart is inline SVG with its figures as a table; `?format=json` answers the same figures.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { html, otherLang, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatNumber, messages, type Lang } from './messages.ts';
import { BarChart, ColumnChart, type Datum } from './charts.tsx';
import { registerStatistics } from '../register/statistics.ts';
import { orgTypeLabel } from '../register/organisation-directory.ts';
import { CURRENT_STANDARD, fieldOf } from '../standard/index.ts';

const PATH: Record<Lang, string> = { nl: '/statistieken', en: '/en/statistics' };

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** `yyyy-mm` as "maart 2024" (long) or "mrt 2024" (short). */
function monthName(month: string, lang: Lang, style: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(locale(lang), { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

function categoryLabel(value: string | null, lang: Lang): string {
  if (value === null) return messages[lang].statsUnstated;
  const field = fieldOf(CURRENT_STANDARD, 'publication_category');
  const known = field && field.kind === 'enum' ? field.values.find((v) => v.value === value) : undefined;
  return known?.label[lang] ?? value;
}

/** "A: 3, B: 5" — what a bar chart shows, as one sentence for its description. */
const listed = (data: Datum[], lang: Lang) => data.map((d) => `${d.label}: ${formatNumber(d.value, lang)}`).join(', ') + '.';

export function statisticsPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    async function statistics(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = messages[lang];
      const stats = await registerStatistics(ctx.kysely);
      if (wantsJson(request)) {
        return reply.send({
          published_algorithms: stats.publishedAlgorithms,
          publishing_organisations: stats.publishingOrganisations,
          publications_per_month: stats.publicationsPerMonth,
          by_publication_category: stats.byCategory.map((c) => ({ ...c, label: categoryLabel(c.category, lang) })),
          by_organisation_type: stats.byOrganisationType.map((x) => ({ ...x, label: orgTypeLabel(x.type, lang) })),
        });
      }

      const months: Datum[] = stats.publicationsPerMonth.map((m) => ({ label: monthName(m.month, lang, 'long'), axisLabel: monthName(m.month, lang, 'short'), value: m.count }));
      const categories: Datum[] = stats.byCategory.map((c) => ({ label: categoryLabel(c.category, lang), value: c.count }));
      const types: Datum[] = stats.byOrganisationType.map((x) => ({ label: orgTypeLabel(x.type, lang), value: x.count }));
      const peak = months.reduce<Datum | undefined>((best, d) => (!best || d.value > best.value ? d : best), undefined);
      const nothing = <p>{t.statsNoData}</p>;
      return html(
        reply,
        200,
        <Page lang={lang} title={t.statsTitle} alternate={PATH[otherLang(lang)]}>
          <h1 class="nl-heading nl-heading--level-1">{t.statsTitle}</h1>
          <p class="nl-paragraph">{t.statsIntro}</p>
          <dl class="key-figures">
            <div>
              <dt>{t.statsPublishedAlgorithms}</dt>
              <dd>{formatNumber(stats.publishedAlgorithms, lang)}</dd>
            </div>
            <div>
              <dt>{t.statsPublishingOrganisations}</dt>
              <dd>{formatNumber(stats.publishingOrganisations, lang)}</dd>
            </div>
          </dl>

          <section aria-labelledby="per-maand">
            <h2 id="per-maand" class="nl-heading nl-heading--level-2">{t.statsPerMonth}</h2>
            <p>{t.statsPerMonthNote}</p>
            {months.length === 0 || !peak
              ? nothing
              : (
                <ColumnChart
                  id="grafiek-per-maand"
                  lang={lang}
                  title={t.statsPerMonth}
                  description={fill(t.statsMonthRange, { first: months[0].label, last: months[months.length - 1].label, peak: peak.label, max: formatNumber(peak.value, lang) })}
                  data={months}
                  labelHeading={t.statsMonth}
                  valueHeading={t.statsPublications}
                  tableToggle={t.statsAsTable}
                />
              )}
          </section>

          <section aria-labelledby="per-categorie">
            <h2 id="per-categorie" class="nl-heading nl-heading--level-2">{t.statsByCategory}</h2>
            {stats.publishedAlgorithms === 0
              ? nothing
              : (
                <BarChart
                  id="grafiek-per-categorie"
                  lang={lang}
                  title={t.statsByCategory}
                  description={listed(categories, lang)}
                  data={categories}
                  labelHeading={t.statsCategory}
                  valueHeading={t.statsAlgorithms}
                  tableToggle={t.statsAsTable}
                />
              )}
          </section>

          <section aria-labelledby="per-soort">
            <h2 id="per-soort" class="nl-heading nl-heading--level-2">{t.statsByOrgType}</h2>
            {types.length === 0
              ? nothing
              : (
                <BarChart
                  id="grafiek-per-soort"
                  lang={lang}
                  title={t.statsByOrgType}
                  description={listed(types, lang)}
                  data={types}
                  labelHeading={t.statsOrgType}
                  valueHeading={t.statsAlgorithms}
                  tableToggle={t.statsAsTable}
                />
              )}
          </section>
        </Page>,
      );
    }

    app.get(PATH.nl, { config: { access: 'public' } }, (request, reply) => statistics(request, reply, 'nl'));
    app.get(PATH.en, { config: { access: 'public' } }, (request, reply) => statistics(request, reply, 'en'));
  };
}
