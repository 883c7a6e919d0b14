/**
 * The publication-duty questionnaire, in our own words, in Dutch and English: the questions in the order they
 * are asked, what role each plays in the outcome, the answers, the outcomes with the publication category
 * each suggests, and the statuses that defer the duty. Changing a question's meaning means raising
 * DUTY_QUESTIONS_VERSION, so stored assessments made with the old questions are asked again.
 */
import type { Label } from '../standard/types.ts';
import { standardValue } from './standard-values.ts';

export const DUTY_QUESTIONS_VERSION = '1';

/**
 * scope: "no" puts the algorithm outside the register; high-risk: "yes" means category A;
 * impact: "yes" means category B. "Not sure" on a high-risk or impact question counts as impactful.
 */
export type DutyQuestionRole = 'scope' | 'high-risk' | 'impact';

export type DutyAnswer = 'yes' | 'no' | 'unsure';

export interface DutyQuestion {
  id: string;
  role: DutyQuestionRole;
  question: Label;
  help: Label;
}

const l = (nl: string, en: string): Label => ({ nl, en });

export const DUTY_QUESTIONS: readonly DutyQuestion[] = [
  {
    id: 'algorithm-in-scope',
    role: 'scope',
    question: l(
      'Gaat het om een algoritme dat uw organisatie gebruikt of laat maken voor haar eigen taken?',
      'Is this an algorithm that your organisation uses, or has made, for its own tasks?',
    ),
    help: l(
      'Een algoritme is een set regels of een model dat uit gegevens een uitkomst maakt: van een rekenregel tot een AI-systeem. Gewone kantoorsoftware zonder rol in uw besluiten of werkwijze hoort er niet bij.',
      'An algorithm is a set of rules or a model that turns data into an outcome: from a calculation rule to an AI system. Ordinary office software with no part in your decisions or way of working is not included.',
    ),
  },
  {
    id: 'high-risk-ai',
    role: 'high-risk',
    question: l(
      'Is het een hoog-risico AI-systeem volgens de AI-verordening?',
      'Is it a high-risk AI system under the AI Act?',
    ),
    help: l(
      'Weet u het niet zeker, gebruik dan de beslishulp AI-verordening. Tot dat duidelijk is, behandelen we het algoritme als impactvol.',
      'If you are not sure, use the AI Act decision aid. Until that is clear, the algorithm is treated as impactful.',
    ),
  },
  {
    id: 'legal-effects',
    role: 'impact',
    question: l(
      'Heeft het algoritme invloed op een proces met rechtsgevolgen voor inwoners of organisaties?',
      'Does the algorithm influence a process with legal effects for residents or organisations?',
    ),
    help: l(
      'Bijvoorbeeld een besluit over een vergunning, uitkering, toeslag, boete of subsidie, ook als een medewerker het besluit neemt en het algoritme alleen helpt.',
      'For example a decision on a permit, benefit, allowance, fine or grant, also when an official takes the decision and the algorithm only assists.',
    ),
  },
  {
    id: 'classifies-or-approaches',
    role: 'impact',
    question: l(
      'Heeft het algoritme invloed op hoe de overheid inwoners of organisaties indeelt of benadert?',
      'Does the algorithm influence how government classifies or approaches residents or organisations?',
    ),
    help: l(
      'Bijvoorbeeld een risicoscore die bepaalt wie wordt gecontroleerd, of een indeling die bepaalt wie welke brief, hulp of aandacht krijgt.',
      'For example a risk score that decides who is inspected, or a grouping that decides who gets which letter, help or attention.',
    ),
  },
  {
    id: 'judged-impactful',
    role: 'impact',
    question: l(
      'Vindt uw organisatie het algoritme om een andere reden impactvol?',
      'Does your organisation consider the algorithm impactful for another reason?',
    ),
    help: l(
      'Bijvoorbeeld omdat het gevoelige gegevens gebruikt, veel mensen raakt of veel maatschappelijke aandacht krijgt.',
      'For example because it uses sensitive data, affects many people or draws much public attention.',
    ),
  },
];

export const DUTY_ANSWERS: Readonly<Record<DutyAnswer, Label>> = {
  yes: l('Ja', 'Yes'),
  no: l('Nee', 'No'),
  unsure: l('Weet ik niet', 'Not sure'),
};

export type DutyOutcome = 'must-publish-a' | 'must-publish-b' | 'may-publish-c' | 'out-of-scope';

export interface DutyOutcomeInfo {
  label: Label;
  /** Whether the duty to publish applies (when the status does not defer it). */
  mustPublish: boolean;
  /** The standard's publication_category this outcome suggests; none for an algorithm outside the register. */
  publicationCategory: string | null;
}

export const DUTY_OUTCOMES: Readonly<Record<DutyOutcome, DutyOutcomeInfo>> = {
  'must-publish-a': {
    label: l('Publiceren verplicht, als hoog-risico AI-systeem (categorie A)', 'Must be published, as a high-risk AI system (category A)'),
    mustPublish: true,
    publicationCategory: standardValue('publication_category', 'Hoog-risico AI-systeem'),
  },
  'must-publish-b': {
    label: l('Publiceren verplicht, als impactvol algoritme (categorie B)', 'Must be published, as an impactful algorithm (category B)'),
    mustPublish: true,
    publicationCategory: standardValue('publication_category', 'Impactvolle algoritmes'),
  },
  'may-publish-c': {
    label: l('Publiceren mag, als overig algoritme (categorie C)', 'May be published, as another algorithm (category C)'),
    mustPublish: false,
    publicationCategory: standardValue('publication_category', 'Overige algoritmes'),
  },
  'out-of-scope': {
    label: l('Valt buiten het algoritmeregister', 'Outside the scope of the algorithm register'),
    mustPublish: false,
    publicationCategory: null,
  },
};

/** Statuses during which the duty waits: it starts once the algorithm is in use, and ends when it no longer is. */
export const DEFERRING_STATUSES: readonly { status: string; note: Label }[] = [
  {
    status: standardValue('status', 'In ontwikkeling'),
    note: l(
      'Het algoritme is nog in ontwikkeling: de publicatieplicht gaat in zodra het in gebruik is. Eerder publiceren mag.',
      'The algorithm is still in development: the duty to publish starts once it is in use. Publishing earlier is allowed.',
    ),
  },
  {
    status: standardValue('status', 'Buiten gebruik'),
    note: l(
      'Het algoritme is buiten gebruik: er is geen publicatieplicht meer. Een eerdere publicatie blijft staan, met einddatum.',
      'The algorithm is out of use: the duty to publish no longer applies. An earlier publication stays, with its end date.',
    ),
  },
];

/** Fields of the algorithm whose change may change the answers, so the assessment is asked again. */
export const DUTY_BASIS_FIELDS: readonly string[] = ['status', 'publication_category'];
