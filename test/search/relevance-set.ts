/**
 * The relevance test set: a small register of realistic published algorithms and the queries
 * people type, each with the algorithms it must return among its first results. Every change
 * to analysis, synonyms, typo tolerance or ranking must keep these.
 */
import { validRecord } from '../fixtures/records.ts';

const r = (organization: string, name: string, description_short: string, extra: Record<string, unknown> = {}) =>
  validRecord({ organization, name, description_short, impacttoetsen_grouping: null, lawful_basis_grouping: null, goal: null, human_intervention: null, ...extra });

export const CORPUS = [
  r('Gemeente Utrecht', 'Risicomodel bijstandsuitkeringen', 'Het model schat welke aanvragen voor een uitkering extra controle nodig hebben.', { category: ['Sociale zekerheid'] }),
  r('Sociale Verzekeringsbank', 'Toekenning ouderdomspensioen', 'Berekent het recht op de Algemene Ouderdomswet-uitkering voor iedereen die de pensioenleeftijd bereikt.', { category: ['Sociale zekerheid'] }),
  r('Gemeente Amsterdam', 'Parkeercontrole met scanauto', 'Scanauto’s herkennen kentekens en controleren of er voor het geparkeerde voertuig is betaald.', { category: ['Verkeer'], impacttoetsen_grouping: [{ title: 'Data Protection Impact Assessment (DPIA)', link: null }] }),
  r('Gemeente Rotterdam', 'Beoordeling aanvraag maatwerkvoorziening', 'Helpt consulenten bij aanvragen voor ondersteuning thuis onder de Wet maatschappelijke ondersteuning.', { category: ['Zorg en gezondheid'] }),
  r('Uitvoeringsinstituut Werknemersverzekeringen', 'Signalering WW-fraude', 'Zoekt naar patronen die wijzen op misbruik van de werkloosheidsuitkering.', { category: ['Werk'], status: 'Buiten gebruik', begin_date: '2019-03' }),
  r('Waterschap Aa en Maas', 'Voorspelling waterpeil', 'Een rekenmodel voorspelt het waterpeil in beken na zware regenval, zodat gemalen op tijd aanslaan.', { category: ['Natuur en milieu'], publication_category: 'Overige algoritmes' }),
  r('Provincie Utrecht', 'Vergunningverlening natuur', 'Toetst aanvragen voor een natuurvergunning aan de stikstofregels.', { category: ['Natuur en milieu'] }),
  r('Gemeente Utrecht', 'Chatbot Gemeente Utrecht', 'Een virtuele assistent beantwoordt vragen van inwoners over afval, parkeren en paspoorten.', { category: ['Organisatie en bedrijfsvoering'] }),
  r('Gemeente Den Haag', 'Algoritme voor schuldhulpverlening', 'Vroegsignalering van betalingsachterstanden bij huur en energie, zodat de gemeente hulp kan aanbieden.', { category: ['Sociale zekerheid'] }),
  r('Belastingdienst', 'Selectie aangiften inkomstenbelasting', 'Selecteert aangiften die een inspecteur met de hand controleert.', { category: ['Overheidsfinanciën'], begin_date: '2021-06' }),
  r('Gemeente Amsterdam', 'Handhaving vakantieverhuur', 'Berekent welke adressen mogelijk vaker dan toegestaan verhuurd worden aan toeristen.', { category: ['Wonen'] }),
  r('Dienst Uitvoering Onderwijs', 'Controle uitwonendenbeurs', 'Bepaalt welke studenten met een uitwonendenbeurs een huisbezoek krijgen.', { category: ['Onderwijs en wetenschap'] }),
];

/** A query and the names that must be among its first `top` results. */
export interface RelevanceCase {
  query: string;
  expect: string[];
  top: number;
  why: string;
}

export const CASES: RelevanceCase[] = [
  { query: 'uitkeringen', expect: ['Risicomodel bijstandsuitkeringen', 'Toekenning ouderdomspensioen'], top: 2, why: 'Dutch stemming: plural finds singular' },
  { query: 'gemeenten', expect: ['Chatbot Gemeente Utrecht'], top: 3, why: 'stemming of gemeente' },
  { query: 'AOW', expect: ['Toekenning ouderdomspensioen'], top: 1, why: 'abbreviation to its full name' },
  { query: 'Algemene Ouderdomswet', expect: ['Toekenning ouderdomspensioen'], top: 1, why: 'full name' },
  { query: 'WMO', expect: ['Beoordeling aanvraag maatwerkvoorziening'], top: 1, why: 'abbreviation in the text spelt out' },
  { query: 'werkloosheidswet', expect: ['Signalering WW-fraude'], top: 1, why: 'synonym of WW and werkloosheidsuitkering' },
  { query: 'algoritem schuldhulpverlening', expect: ['Algoritme voor schuldhulpverlening'], top: 1, why: 'a misspelt stop word is left out' },
  { query: 'schuldhulpverlning', expect: ['Algoritme voor schuldhulpverlening'], top: 1, why: 'typo tolerance: a letter missing' },
  { query: 'parkeerkontrole', expect: ['Parkeercontrole met scanauto'], top: 1, why: 'typo tolerance: a letter changed' },
  { query: 'parkeer*', expect: ['Parkeercontrole met scanauto', 'Chatbot Gemeente Utrecht'], top: 3, why: 'prefix query' },
  { query: '"virtuele assistent"', expect: ['Chatbot Gemeente Utrecht'], top: 1, why: 'phrase query' },
  { query: '"virtuele assist*"', expect: ['Chatbot Gemeente Utrecht'], top: 1, why: 'phrase ending in a prefix' },
  { query: 'waterpeil', expect: ['Voorspelling waterpeil'], top: 1, why: 'name outweighs body' },
  { query: 'vakantieverhuur toeristen', expect: ['Handhaving vakantieverhuur'], top: 1, why: 'all words must match' },
  { query: 'DUO huisbezoek', expect: ['Controle uitwonendenbeurs'], top: 1, why: 'organisation abbreviation' },
];
