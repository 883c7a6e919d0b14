// The information pages (about, FAQ, accessibility statement) in both languages, and their JSON twins.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';

const PAGES = [
  { nl: '/over', en: '/en/about', nlTitle: 'Over het register', enTitle: 'About the register' },
  { nl: '/veelgestelde-vragen', en: '/en/faq', nlTitle: 'Veelgestelde vragen', enTitle: 'Frequently asked questions' },
  { nl: '/toegankelijkheid', en: '/en/accessibility', nlTitle: 'Toegankelijkheid', enTitle: 'Accessibility' },
];

for (const engine of ENGINES) {
  describe(`public information pages (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
    });
    after(() => r.close());

    it('serves each page in Dutch and English, pointing at each other', async () => {
      for (const p of PAGES) {
        for (const lang of ['nl', 'en'] as const) {
          const res = await fetch(r.url + p[lang]);
          const text = await res.text();
          assert.equal(res.status, 200, p[lang]);
          assert.match(text, new RegExp(`<html lang="${lang}">`));
          assert.match(text, new RegExp(`<h1 class="nl-heading nl-heading--level-1">${lang === 'nl' ? p.nlTitle : p.enTitle}</h1>`));
          assert.ok(text.includes(`hreflang="${lang === 'nl' ? 'en' : 'nl'}" href="${lang === 'nl' ? p.en : p.nl}"`), `${p[lang]} links its translation`);
          assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
          // Every page links to the others, and marks itself as the current one.
          for (const other of PAGES) assert.ok(text.includes(`href="${other[lang]}"`), `${p[lang]} links ${other[lang]}`);
          assert.match(text, new RegExp(`<a href="${p[lang]}" aria-current="page">`));
          // Sections are headed, and the headings follow the title.
          const headings = [...text.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
          assert.equal(headings[0], 1);
          assert.ok(headings.slice(1).every((h) => h === 2));
          assert.ok(headings.length >= 4, `${p[lang]} has sections`);
        }
      }
    });

    it('says what the accessibility statement must say', async () => {
      const nl = await (await fetch(`${r.url}/toegankelijkheid`)).text();
      assert.match(nl, /WCAG 2\.1 op niveau AA/);
      assert.match(nl, /axe-core/);
      assert.match(nl, /onafhankelijke deskundige is nog niet gedaan/);
      const en = await (await fetch(`${r.url}/en/accessibility`)).text();
      assert.match(en, /WCAG 2\.1 at level AA/);
    });

    it('answers the same text as JSON', async () => {
      for (const p of PAGES) {
        const res = await fetch(`${r.url}${p.en}?format=json`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
        const body = (await res.json()) as any;
        assert.equal(body.title, p.enTitle);
        assert.equal(body.language, 'en');
        assert.equal(body.alternate, p.nl);
        assert.ok(body.sections.length >= 3);
        const html = await (await fetch(r.url + p.en)).text();
        for (const section of body.sections) {
          assert.ok(html.includes(`>${section.heading}</h2>`), section.heading);
          for (const paragraph of section.paragraphs) assert.ok(html.includes(`<p class="nl-paragraph">${paragraph.replaceAll('"', '&quot;')}</p>`), paragraph);
        }
        const viaAccept = await fetch(r.url + p.nl, { headers: { accept: 'application/json' } });
        assert.equal(((await viaAccept.json()) as any).title, p.nlTitle);
      }
    });
  });
}
