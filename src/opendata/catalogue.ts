/**
 * The register as open data for data portals (data.overheid.nl, data.europa.eu): a DCAT-AP
 * catalogue in JSON-LD at `/api/v1/catalogue.jsonld`. One catalogue, one dataset (the published
 * register) with a distribution for each download (CSV, JSON, XLSX; current and with history),
 * the Atom feed and the JSON API, and the API as a data service. The published descriptions are
 * public data under CC0 1.0. Terms and code lists: DCAT 2, DCTERMS, FOAF, vCard and the EU
 * vocabularies (file types, languages, themes, frequencies, access rights).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { publicationSummary } from '../register/published.ts';
import { FEED_PATH } from './feeds.ts';

export const CATALOGUE_PATH = '/api/v1/catalogue.jsonld';

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  // Properties whose values are things (IRIs), not text.
  'dcat:dataset': { '@type': '@id' },
  'dcat:service': { '@type': '@id' },
  'dcat:servesDataset': { '@type': '@id' },
  'dcat:accessService': { '@type': '@id' },
  'dcat:distribution': { '@type': '@id' },
  'dcat:accessURL': { '@type': '@id' },
  'dcat:downloadURL': { '@type': '@id' },
  'dcat:endpointURL': { '@type': '@id' },
  'dcat:landingPage': { '@type': '@id' },
  'dcat:mediaType': { '@type': '@id' },
  'dcat:theme': { '@type': '@id' },
  'dct:format': { '@type': '@id' },
  'dct:license': { '@type': '@id' },
  'dct:language': { '@type': '@id' },
  'dct:accessRights': { '@type': '@id' },
  'dct:accrualPeriodicity': { '@type': '@id' },
  'dct:conformsTo': { '@type': '@id' },
  'dct:spatial': { '@type': '@id' },
  'foaf:homepage': { '@type': '@id' },
  'vcard:hasURL': { '@type': '@id' },
  'dct:issued': { '@type': 'xsd:dateTime' },
  'dct:modified': { '@type': 'xsd:dateTime' },
};

const EU = 'http://publications.europa.eu/resource/authority';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const IANA = 'https://www.iana.org/assignments/media-types';

const both = (nl: string, en: string) => [
  { '@value': nl, '@language': 'nl' },
  { '@value': en, '@language': 'en' },
];

interface Download {
  id: string;
  path: string;
  title: [string, string];
  mediaType: string;
  format: string;
}

function downloadsOf(): Download[] {
  const out: Download[] = [];
  const kinds = [
    { ext: 'csv', mediaType: 'text/csv', format: 'CSV', name: 'CSV' },
    { ext: 'json', mediaType: 'application/json', format: 'JSON', name: 'JSON' },
    { ext: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', format: 'XLSX', name: 'Excel (XLSX)' },
  ];
  for (const history of [false, true]) {
    for (const k of kinds) {
      out.push({
        id: `${k.ext}${history ? '-history' : ''}`,
        path: `/api/v1/downloads/algorithms.${k.ext}${history ? '?history=true' : ''}`,
        title: history
          ? [`Alle ooit gepubliceerde versies (${k.name})`, `Every version ever published (${k.name})`]
          : [`Huidige publicaties (${k.name})`, `Current publications (${k.name})`],
        mediaType: k.mediaType,
        format: k.format,
      });
    }
  }
  return out;
}

export function catalogue(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(CATALOGUE_PATH, { config: { access: 'public' } }, async (_request, reply) => {
      const base = ctx.config.publicUrl;
      const summary = await publicationSummary(ctx.kysely);
      const catalogId = `${base}${CATALOGUE_PATH}`;
      const datasetId = `${base}/api/v1/catalogue.jsonld#algoritmeregister`;
      const serviceId = `${base}/api/v1/catalogue.jsonld#api`;
      const publisher = {
        '@id': `${base}/#publisher`,
        '@type': 'foaf:Agent',
        'foaf:name': both('Algoritmeregister', 'Algorithm Register'),
        'foaf:homepage': `${base}/`,
      };
      const license = { '@id': CC0, '@type': 'dct:LicenseDocument', 'rdfs:label': 'CC0 1.0 Universal' };
      const dates = {
        ...(summary.first ? { 'dct:issued': summary.first } : {}),
        ...(summary.latest ? { 'dct:modified': summary.latest } : {}),
      };

      const distributions = [
        ...downloadsOf().map((d) => ({
          '@id': `${catalogId}#${d.id}`,
          '@type': 'dcat:Distribution',
          'dct:title': both(...d.title),
          'dct:description': both(
            'Per rij de vaste kenmerken (lars, organisation_code, standard_version, version_date, state, version_id) en alle velden van de publicatiestandaard.',
            'Each row holds the stable ids (lars, organisation_code, standard_version, version_date, state, version_id) and every field of the publication standard.',
          ),
          'dcat:accessURL': `${base}${d.path}`,
          'dcat:downloadURL': `${base}${d.path}`,
          'dcat:mediaType': `${IANA}/${d.mediaType}`,
          'dct:format': `${EU}/file-type/${d.format}`,
          'dct:license': license,
          ...(summary.latest ? { 'dct:modified': summary.latest } : {}),
        })),
        {
          '@id': `${catalogId}#atom`,
          '@type': 'dcat:Distribution',
          'dct:title': both('Nieuwe en gewijzigde publicaties (Atom-feed)', 'New and changed publications (Atom feed)'),
          'dcat:accessURL': `${base}${FEED_PATH}`,
          'dcat:downloadURL': `${base}${FEED_PATH}`,
          'dcat:mediaType': `${IANA}/application/atom+xml`,
          'dct:format': `${EU}/file-type/ATOM`,
          'dct:license': license,
          ...(summary.latest ? { 'dct:modified': summary.latest } : {}),
        },
        {
          '@id': `${catalogId}#api-distribution`,
          '@type': 'dcat:Distribution',
          'dct:title': both('Open-data-API (JSON)', 'Open data API (JSON)'),
          'dcat:accessURL': `${base}/api/v1/algorithms`,
          'dcat:accessService': serviceId,
          'dcat:mediaType': `${IANA}/application/json`,
          'dct:format': `${EU}/file-type/JSON`,
          'dct:license': license,
        },
      ];

      const dataset = {
        '@id': datasetId,
        '@type': 'dcat:Dataset',
        'dct:identifier': datasetId,
        'dct:title': both('Algoritmeregister', 'Algorithm Register'),
        'dct:description': both(
          'De algoritmes met impact en hoog-risico-AI-systemen die Nederlandse overheidsorganisaties gebruiken, zoals zij ze publiceren volgens de publicatiestandaard, met alle eerder gepubliceerde versies.',
          'The impactful algorithms and high-risk AI systems that Dutch government organisations use, as they publish them under the publication standard, with every version published before.',
        ),
        'dcat:keyword': [...both('algoritmes', 'algorithms'), ...both('AI-systemen', 'AI systems'), ...both('overheid', 'government'), ...both('transparantie', 'transparency')],
        'dcat:theme': `${EU}/data-theme/GOVE`,
        'dct:publisher': publisher,
        'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': 'Algoritmeregister', 'vcard:hasURL': `${base}/over` },
        'dcat:landingPage': `${base}/`,
        'dct:language': [`${EU}/language/NLD`],
        'dct:spatial': `${EU}/country/NLD`,
        'dct:accessRights': `${EU}/access-right/PUBLIC`,
        'dct:accrualPeriodicity': `${EU}/frequency/CONT`,
        ...dates,
        'dcat:distribution': distributions,
      };

      const service = {
        '@id': serviceId,
        '@type': 'dcat:DataService',
        'dct:title': both('Open-data-API van het algoritmeregister', 'Open data API of the algorithm register'),
        'dcat:endpointURL': `${base}/api/v1`,
        'dcat:servesDataset': datasetId,
        'dct:license': license,
        'dct:publisher': publisher,
      };

      const body = {
        '@context': CONTEXT,
        '@id': catalogId,
        '@type': 'dcat:Catalog',
        'dct:title': both('Catalogus van het algoritmeregister', 'Catalogue of the algorithm register'),
        'dct:description': both(
          'De open data van het algoritmeregister: downloads, feed en API.',
          'The open data of the algorithm register: downloads, feed and API.',
        ),
        'dct:publisher': publisher,
        'foaf:homepage': `${base}/`,
        'dct:language': [`${EU}/language/NLD`, `${EU}/language/ENG`],
        'dct:license': license,
        ...(summary.latest ? { 'dct:modified': summary.latest } : {}),
        'dcat:dataset': [dataset],
        'dcat:service': [service],
      };
      return reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(JSON.stringify(body, null, 2));
    });
  };
}
