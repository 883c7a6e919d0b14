/**
 * What a browser would submit from the forms of an HTML page, for tests that go through a form
 * without a browser: every named, enabled input (text-like inputs their value, checkboxes and
 * radios when checked), select (its selected option, else the first) and textarea, in document
 * order; repeated names become arrays, as the register's form parser receives them.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';

export type Submitted = Record<string, string | string[]>;

function add(out: Submitted, name: string, value: string): void {
  const had = out[name];
  out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
}

export function formData(html: string, formSelector?: (form: Element) => boolean): Submitted {
  const doc = parseDocument(html, { decodeEntities: true });
  const forms = DomUtils.findAll((e) => e.name === 'form', doc.children);
  const roots = forms.length ? forms.filter(formSelector ?? (() => true)) : [doc];
  const out: Submitted = {};
  for (const root of roots) {
    const controls = DomUtils.findAll((e) => ['input', 'select', 'textarea'].includes(e.name), 'children' in root ? root.children : []);
    for (const c of controls) {
      const name = c.attribs.name;
      if (!name || c.attribs.disabled !== undefined) continue;
      if (c.name === 'textarea') {
        // A browser drops one line feed right after <textarea>.
        add(out, name, DomUtils.textContent(c).replace(/^\n/, ''));
      } else if (c.name === 'select') {
        const options = DomUtils.findAll((e) => e.name === 'option', c.children);
        const chosen = options.find((o) => o.attribs.selected !== undefined) ?? options[0];
        if (chosen) add(out, name, chosen.attribs.value ?? DomUtils.textContent(chosen));
      } else {
        const type = (c.attribs.type ?? 'text').toLowerCase();
        if (type === 'checkbox' || type === 'radio') {
          if (c.attribs.checked !== undefined) add(out, name, c.attribs.value ?? 'on');
        } else if (type !== 'submit' && type !== 'button' && type !== 'image' && type !== 'file') add(out, name, c.attribs.value ?? '');
      }
    }
  }
  return out;
}
