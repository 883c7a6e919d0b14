// The examples under the search box find something: in the demo register that `npm start` loads,
// in both languages (the descriptions are Dutch, so the English page gives the Dutch words).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { seedDemo } from '../../src/register/demo-data.ts';
import { searchMessages } from '../../src/publicsite/messages-search.ts';

/** The searches a hint suggests: after its colon, up to its first full stop; quoted phrases kept whole, glosses in brackets left out. */
function examples(hint: string): string[] {
  const list = hint.slice(hint.indexOf(':') + 1, hint.indexOf('.'));
  return list
    .split(/,| of | or /)
    .map((part) => part.replace(/\(.*?\)/g, '').trim())
    .filter(Boolean);
}

for (const engine of ENGINES) {
  describe(`the search box's examples (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await seedDemo(r.app.ctx.kysely);
    });
    after(() => r.close());

    it('finds something for every example the search box gives, in the demo register, in Dutch and in English', async () => {
      const dutch = examples(searchMessages.nl.searchHint);
      assert.deepEqual(dutch, ['uitkering', 'parkeren', '"virtuele assistent"', 'AOW']);
      assert.deepEqual(examples(searchMessages.en.searchHint), dutch);
      for (const [lang, path] of [
        ['nl', '/algoritmes'],
        ['en', '/en/algorithms'],
      ] as const) {
        const page = await (await fetch(`${r.url}${path}`)).text();
        assert.ok(page.includes(searchMessages[lang].searchHint.replace(/"/g, '&quot;')) || page.includes(searchMessages[lang].searchHint), `${path} shows the hint`);
      }
      for (const q of dutch) {
        const { total } = (await (await fetch(`${r.url}/api/v1/algorithms?q=${encodeURIComponent(q)}`)).json()) as { total: number };
        assert.ok(total > 0, `${q} finds nothing in the demo register`);
      }
    });
  });
}
