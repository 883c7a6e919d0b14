/**
 * The public version history at `/algoritme/{lars}/versies` (`/en/algoritme/{lars}/versions`):
 * every version that was ever published, with its date, and a field-by-field comparison of any
 * two (`?van=ID&naar=ID`, in English `?from=ID&to=ID`), changed words marked. Only published
 * versions are ever shown; drafts never are.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { findAlgorithm, publicHistory, type Version } from '../register/algorithms.ts';
import { diffContent } from '../standard/diff.ts';
import { CURRENT_STANDARD, STANDARDS } from '../standard/index.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatDate, messages, type Lang } from './messages.ts';
import { algorithmMessages } from './messages-algorithm.ts';
import { DiffTable } from './diff-table.tsx';

export const historyPath = (lang: Lang, lars: string) => (lang === 'nl' ? `/algoritme/${lars}/versies` : `/en/algoritme/${lars}/versions`);
const PARAMS: Record<Lang, { from: string; to: string }> = { nl: { from: 'van', to: 'naar' }, en: { from: 'from', to: 'to' } };

export function historyPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    async function page(request: FastifyRequest<{ Params: { lars: string } }>, reply: FastifyReply, lang: Lang) {
      const t = algorithmMessages[lang];
      const lars = request.params.lars;
      const algorithm = await findAlgorithm(ctx.kysely, lars);
      const history = algorithm ? await publicHistory(ctx.kysely, algorithm.id) : [];
      if (!algorithm || history.length === 0) {
        if (wantsJson(request)) return reply.code(404).send({ detail: 'There is no published algorithm with this LARS code.' });
        return html(
          reply,
          404,
          <Page lang={lang} title={messages[lang].notFound} alternate={historyPath(otherLang(lang), lars)}>
            <h1 class="nl-heading nl-heading--level-1">{messages[lang].notFound}</h1>
            <p>{messages[lang].notFoundText}</p>
          </Page>,
        );
      }
      const query = (request.query ?? {}) as Record<string, unknown>;
      const pick = (key: string): Version | undefined => history.find((v) => String(v.id) === query[key]);
      const asked = query[PARAMS[lang].from] !== undefined || query[PARAMS[lang].to] !== undefined;
      let from = pick(PARAMS[lang].from);
      let to = pick(PARAMS[lang].to);
      if (from && to && from.id > to.id) [from, to] = [to, from];
      const latest = history[history.length - 1];
      const name = typeof latest.content.name === 'string' ? latest.content.name : lars;
      const def = STANDARDS[latest.standard_version ?? ''] ?? CURRENT_STANDARD;
      const keys = def.fields.filter((f) => f.kind !== 'system').map((f) => f.key);
      const changes = from && to ? diffContent(from.content, to.content, keys) : undefined;

      if (wantsJson(request)) {
        if (asked && !changes) return reply.code(400).send({ detail: `${PARAMS[lang].from} and ${PARAMS[lang].to}: give two version ids of this algorithm.` });
        return {
          lars,
          versions: history.map((v) => ({ version_id: v.id, published_at: v.published_at, current: v.state === 'PUBLISHED', name: v.content.name })),
          ...(changes && from && to ? { from: from.id, to: to.id, changes } : {}),
        };
      }

      const label = (v: Version) => `${t.version} ${history.indexOf(v) + 1} (${formatDate(v.published_at!, lang)})`;
      const alternateQuery = from && to ? `?${PARAMS[otherLang(lang)].from}=${from.id}&${PARAMS[otherLang(lang)].to}=${to.id}` : '';
      const changed = changes ? def.fields.filter((f) => f.key in changes) : [];
      return html(
        reply,
        asked && !changes ? 400 : 200,
        <Page lang={lang} title={fill(t.historyTitle, { name })} alternate={`${historyPath(otherLang(lang), lars)}${alternateQuery}`}>
          <p class="breadcrumb utrecht-breadcrumb-nav">
            <a href={`${prefix(lang)}/algoritme/${lars}`}>{t.backToAlgorithm}</a>
          </p>
          <h1 class="nl-heading nl-heading--level-1">{fill(t.historyTitle, { name })}</h1>
          <p>{t.historyIntro}</p>
          <ol class="version-list utrecht-ordered-list">
            {history.map((v) => (
              <li>
                {label(v)}
                {v.state === 'PUBLISHED' && <strong> – {t.current}</strong>}
              </li>
            ))}
          </ol>
          {history.length > 1 && (
            <form method="get" action={historyPath(lang, lars)} class="compare-form">
              <h2 class="nl-heading nl-heading--level-2">{t.compare}</h2>
              {asked && !changes && (
                <p class="notice utrecht-alert utrecht-alert--error" role="alert">
                  {t.badVersion}
                </p>
              )}
              <p>
                <label for="from" class="utrecht-form-label">{t.compareFrom}</label>{' '}
                <select id="from" name={PARAMS[lang].from} class="utrecht-select utrecht-select--html-select">
                  {history.map((v, i) => (
                    <option value={String(v.id)} selected={from ? v.id === from.id : i === history.length - 2}>
                      {label(v)}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <label for="to" class="utrecht-form-label">{t.compareTo}</label>{' '}
                <select id="to" name={PARAMS[lang].to} class="utrecht-select utrecht-select--html-select">
                  {history.map((v, i) => (
                    <option value={String(v.id)} selected={to ? v.id === to.id : i === history.length - 1}>
                      {label(v)}
                    </option>
                  ))}
                </select>
              </p>
              <button type="submit" class="utrecht-button utrecht-button--primary-action">
                {t.compareButton}
              </button>
            </form>
          )}
          {changes && from && to && (
            <section aria-labelledby="changes">
              <h2 id="changes" class="nl-heading nl-heading--level-2">{fill(t.changesTitle, { from: label(from), to: label(to) })}</h2>
              {changed.length === 0 ? (
                <p>{t.noChanges}</p>
              ) : (
                <DiffTable def={def} fields={changed} changes={changes} lang={lang} />
              )}
            </section>
          )}
        </Page>,
      );
    }
    type Route = { Params: { lars: string } };
    app.get<Route>('/algoritme/:lars/versies', { config: { access: 'public' } }, (request, reply) => page(request, reply, 'nl'));
    app.get<Route>('/en/algoritme/:lars/versions', { config: { access: 'public' } }, (request, reply) => page(request, reply, 'en'));
  };
}
