/**
 * The information pages, in Dutch and English: about the register (`/over`, `/en/about`),
 * frequently asked questions (`/veelgestelde-vragen`, `/en/faq`) and the accessibility statement
 * (`/toegankelijkheid`, `/en/accessibility`). Their text is data, so the page and its JSON twin
 * say exactly the same.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { html, otherLang, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { messages, type Lang } from './messages.ts';
import { INFO_PATHS, type InfoPageKey } from './info-paths.ts';

interface InfoLink {
  href: string;
  text: string;
}

interface InfoSection {
  heading: string;
  paragraphs: string[];
  links?: InfoLink[];
}

export interface InfoPage {
  title: string;
  intro: string;
  sections: InfoSection[];
}

type PageKey = InfoPageKey;

export { INFO_PATHS };

const CONTENT: Record<PageKey, Record<Lang, InfoPage>> = {
  about: {
    nl: {
      title: 'Over het register',
      intro:
        'In het Algoritmeregister beschrijven overheidsorganisaties de algoritmes en AI-systemen die zij gebruiken: waarvoor, op welke wettelijke basis, met welke gegevens en met welke waarborgen.',
      sections: [
        {
          heading: 'Waarom dit register bestaat',
          paragraphs: [
            'Algoritmes helpen de overheid bij beslissingen die mensen raken, zoals het toekennen van een uitkering of het controleren van een aanvraag. Wie daarover vragen heeft, moet kunnen nagaan welk algoritme wordt gebruikt en hoe.',
            'Daarom publiceren bestuursorganen hun algoritmes met impact en hun hoog-risico AI-systemen in het Nederlandse Algoritmeregister. Inwoners, journalisten, raadsleden, toezichthouders en onderzoekers kunnen de beschrijvingen lezen, vergelijken en vragen stellen aan de organisatie.',
          ],
        },
        {
          heading: 'Wat er in een beschrijving staat',
          paragraphs: [
            'Elke beschrijving volgt de publicatiestandaard: het doel, de wettelijke basis, de rol van medewerkers (menselijke tussenkomst), de risico’s en maatregelen, de gebruikte gegevens en de impacttoetsen die zijn gedaan. Elk algoritme houdt een vast ID van acht cijfers, ook als de beschrijving verandert.',
            'De organisatie die het algoritme gebruikt, is verantwoordelijk voor de inhoud van haar beschrijvingen. Het register controleert de vorm, niet of een algoritme rechtmatig of verstandig is.',
          ],
        },
        {
          heading: 'Open gegevens',
          paragraphs: [
            'Alles wat u hier leest, is ook als open data beschikbaar. Elke pagina heeft een JSON-versie: zet ?format=json achter het adres. Voor hergebruik op grotere schaal is er een API.',
          ],
          links: [{ href: '/api/v1/algorithms', text: 'De open-data-API: /api/v1/algorithms' }],
        },
      ],
    },
    en: {
      title: 'About the register',
      intro:
        'In the Algorithm Register, Dutch government organisations describe the algorithms and AI systems they use: what for, on which lawful basis, with which data and with which safeguards.',
      sections: [
        {
          heading: 'Why this register exists',
          paragraphs: [
            'Algorithms help government make decisions that affect people, such as granting a benefit or checking an application. Anyone with questions about such a decision should be able to find out which algorithm was used and how.',
            'That is why public bodies publish their impactful algorithms and high-risk AI systems in the Dutch Algorithm Register. Residents, journalists, council members, supervisors and researchers can read and compare the descriptions and ask the organisation questions.',
          ],
        },
        {
          heading: 'What a description contains',
          paragraphs: [
            'Every description follows the publication standard: the goal, the lawful basis, the role of staff (human intervention), risks and measures, the data used and the impact assessments carried out. Every algorithm keeps a fixed eight-digit ID, even when its description changes.',
            'The organisation that uses the algorithm is responsible for the content of its descriptions. The register checks their form, not whether an algorithm is lawful or wise.',
          ],
        },
        {
          heading: 'Open data',
          paragraphs: [
            'Everything you read here is also available as open data. Every page has a JSON version: add ?format=json to its address. For reuse at a larger scale there is an API.',
          ],
          links: [{ href: '/api/v1/algorithms', text: 'The open data API: /api/v1/algorithms' }],
        },
      ],
    },
  },
  faq: {
    nl: {
      title: 'Veelgestelde vragen',
      intro: 'Korte antwoorden op de vragen die we het vaakst krijgen.',
      sections: [
        {
          heading: 'Welke algoritmes staan in het register?',
          paragraphs: [
            'Algoritmes met impact op mensen en hoog-risico AI-systemen moeten erin. Organisaties mogen ook andere algoritmes publiceren. Bij elke beschrijving staat in welke publicatiecategorie die valt.',
          ],
        },
        {
          heading: 'Staan alle algoritmes van de overheid erin?',
          paragraphs: [
            'Nog niet. Organisaties vullen het register stap voor stap. Soms mag een organisatie een algoritme niet of niet volledig publiceren, bijvoorbeeld om opsporing of de veiligheid niet te schaden. Dat moet zij dan kunnen uitleggen.',
          ],
        },
        {
          heading: 'Wie is verantwoordelijk voor een beschrijving?',
          paragraphs: ['De organisatie die het algoritme gebruikt. Zij schrijft de beschrijving, houdt haar bij en beantwoordt vragen erover.'],
        },
        {
          heading: 'Ik denk dat een beschrijving niet klopt. Wat kan ik doen?',
          paragraphs: [
            'Neem contact op met de organisatie. Op elke algoritmepagina staan haar contactgegevens. Gaat het over een besluit over uzelf, dan kunt u ook bezwaar maken bij de organisatie die het besluit nam.',
          ],
        },
        {
          heading: 'Wat is het algoritme-ID?',
          paragraphs: [
            'Een nummer van acht cijfers dat bij het algoritme hoort en nooit verandert. Een link naar een algoritmepagina blijft dus werken, ook als de beschrijving wordt bijgewerkt.',
          ],
        },
        {
          heading: 'Mag ik de gegevens hergebruiken?',
          paragraphs: ['Ja. Elke pagina is ook als JSON beschikbaar (voeg ?format=json toe aan het adres) en er is een open-data-API.'],
          links: [{ href: '/over', text: 'Meer over open gegevens' }],
        },
      ],
    },
    en: {
      title: 'Frequently asked questions',
      intro: 'Short answers to the questions we are asked most.',
      sections: [
        {
          heading: 'Which algorithms are in the register?',
          paragraphs: [
            'Algorithms with an impact on people and high-risk AI systems must be in it. Organisations may publish other algorithms too. Every description states its publication category.',
          ],
        },
        {
          heading: 'Does it hold every algorithm government uses?',
          paragraphs: [
            'Not yet. Organisations are filling the register step by step. Sometimes an organisation may not publish an algorithm, or not in full, for example so as not to harm criminal investigations or security. It should then be able to explain why.',
          ],
        },
        {
          heading: 'Who is responsible for a description?',
          paragraphs: ['The organisation that uses the algorithm. It writes the description, keeps it up to date and answers questions about it.'],
        },
        {
          heading: 'I think a description is wrong. What can I do?',
          paragraphs: [
            'Contact the organisation. Every algorithm page shows its contact details. If it concerns a decision about you, you can also object to that decision with the organisation that made it.',
          ],
        },
        {
          heading: 'What is the algorithm ID?',
          paragraphs: ['An eight-digit number that belongs to the algorithm and never changes, so a link to an algorithm page keeps working when the description is updated.'],
        },
        {
          heading: 'May I reuse the data?',
          paragraphs: ['Yes. Every page is also available as JSON (add ?format=json to its address), and there is an open data API.'],
          links: [{ href: '/en/about', text: 'More about open data' }],
        },
      ],
    },
  },
  accessibility: {
    nl: {
      title: 'Toegankelijkheid',
      intro: 'Iedereen moet dit register kunnen gebruiken, ook met een schermlezer, alleen een toetsenbord of een vergroting.',
      sections: [
        {
          heading: 'Onze norm',
          paragraphs: [
            'Deze website moet voldoen aan WCAG 2.1 op niveau AA (de Europese norm EN 301 549), zoals de wet voor overheidswebsites vraagt. De pagina’s werken zonder JavaScript, zijn te bedienen met alleen een toetsenbord en zijn in het Nederlands en het Engels te lezen.',
          ],
        },
        {
          heading: 'Hoe we dat controleren',
          paragraphs: [
            'Bij elke wijziging van de software openen geautomatiseerde tests elke soort pagina in een echte browser, in beide talen, en controleren ze die met axe-core op de regels van WCAG 2.1 AA. Ook lopen de tests met alleen het toetsenbord door de site.',
            'Automatische tests vinden niet alles. Een onderzoek door een onafhankelijke deskundige is nog niet gedaan; tot dan zeggen we niet dat de site volledig voldoet.',
          ],
        },
        {
          heading: 'Wat we weten',
          paragraphs: [
            'Grafieken op de pagina met statistieken zijn afbeeldingen. Bij elke grafiek staan dezelfde cijfers in een tabel.',
            'Beschrijvingen van algoritmes schrijven de organisaties zelf. Is een tekst moeilijk te begrijpen, dan kunt u de organisatie om uitleg vragen.',
          ],
        },
        {
          heading: 'Iets werkt niet?',
          paragraphs: [
            'Laat het de beheerder van dit register weten en vertel op welke pagina u het probleem had. Gaat het om de inhoud van een beschrijving, neem dan contact op met de organisatie via de gegevens op de algoritmepagina.',
          ],
        },
      ],
    },
    en: {
      title: 'Accessibility',
      intro: 'Everyone must be able to use this register, including with a screen reader, a keyboard alone or magnification.',
      sections: [
        {
          heading: 'Our standard',
          paragraphs: [
            'This website must meet WCAG 2.1 at level AA (the European standard EN 301 549), as the law requires of government websites. Its pages work without JavaScript, can be used with a keyboard alone and can be read in Dutch and English.',
          ],
        },
        {
          heading: 'How we check',
          paragraphs: [
            'With every change to the software, automated tests open every kind of page in a real browser, in both languages, and check it with axe-core against the rules of WCAG 2.1 AA. The tests also walk through the site with the keyboard alone.',
            'Automated tests do not find everything. An audit by an independent expert has not been done yet; until then we do not claim that the site fully complies.',
          ],
        },
        {
          heading: 'What we know',
          paragraphs: [
            'The charts on the statistics page are images. Every chart is accompanied by a table with the same figures.',
            'Descriptions of algorithms are written by the organisations themselves. If a text is hard to understand, you can ask the organisation to explain it.',
          ],
        },
        {
          heading: 'Something does not work?',
          paragraphs: [
            'Let the operator of this register know, and tell us on which page you had the problem. If it concerns the content of a description, contact the organisation through the details on the algorithm page.',
          ],
        },
      ],
    },
  },
};

/** The pages every information page points to. */
function MoreLinks({ lang, current }: { lang: Lang; current: PageKey }) {
  const t = messages[lang];
  const links: InfoLink[] = [
    { href: INFO_PATHS.about[lang], text: t.infoAbout },
    { href: INFO_PATHS.faq[lang], text: t.infoFaq },
    { href: INFO_PATHS.accessibility[lang], text: t.infoAccessibility },
    { href: lang === 'nl' ? '/organisaties' : '/en/organisations', text: t.orgsTitle },
    { href: lang === 'nl' ? '/statistieken' : '/en/statistics', text: t.statsTitle },
  ];
  return (
    <nav class="more-links" aria-labelledby="meer-over">
      <h2 id="meer-over" class="nl-heading nl-heading--level-2">{t.infoMore}</h2>
      <ul class="utrecht-unordered-list">
        {links.map((l) => (
          <li>{l.href === INFO_PATHS[current][lang] ? <a href={l.href} aria-current="page">{l.text}</a> : <a href={l.href}>{l.text}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

export function infoPages(): FastifyPluginAsync {
  return async (app) => {
    function infoPage(request: FastifyRequest, reply: FastifyReply, key: PageKey, lang: Lang) {
      const page = CONTENT[key][lang];
      if (wantsJson(request)) return reply.send({ ...page, language: lang, alternate: INFO_PATHS[key][otherLang(lang)] });
      return html(
        reply,
        200,
        <Page lang={lang} title={page.title} alternate={INFO_PATHS[key][otherLang(lang)]}>
          <h1 class="nl-heading nl-heading--level-1">{page.title}</h1>
          <p class="lead nl-paragraph nl-paragraph--lead">{page.intro}</p>
          {page.sections.map((section, i) => (
            <section aria-labelledby={`${key}-${i}`}>
              <h2 id={`${key}-${i}`} class="nl-heading nl-heading--level-2">{section.heading}</h2>
              {section.paragraphs.map((p) => (
                <p class="nl-paragraph">{p}</p>
              ))}
              {section.links && (
                <ul class="utrecht-unordered-list">
                  {section.links.map((l) => (
                    <li>
                      <a href={l.href}>{l.text}</a>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
          <MoreLinks lang={lang} current={key} />
        </Page>,
      );
    }

    for (const key of Object.keys(INFO_PATHS) as PageKey[]) {
      for (const lang of ['nl', 'en'] as const) {
        app.get(INFO_PATHS[key][lang], { config: { access: 'public' } }, (request, reply) => infoPage(request, reply, key, lang));
      }
    }
  };
}
