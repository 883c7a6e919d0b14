/**
 * The contact is a team mailbox or a contact page, not a person: a mailbox of one person stops working when
 * that person leaves, and publishes a personal address. Heuristics on the part before the @: first.last,
 * first.particle.last and initials.last (j.jansen, jm.de.vries) look personal unless a word marks a team.
 */
import { isEmail, isHttpsUrl } from '../../standard/formats.ts';
import { NAME_PARTICLES, TEAM_WORDS } from './contact-terms.ts';
import { outcomeOf, textOf, type Finding, type QualityCheck } from './types.ts';

const FIELD = 'contact_email';
const NAME = /^[a-z]{2,}$/;
const INITIALS = /^[a-z]{1,3}$/;

/** Whether an e-mail address looks like the address of one person. */
export function looksPersonal(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  const parts = local.split(/[._-]/).filter((p) => p !== '');
  if (parts.length < 2 || parts.some((p) => TEAM_WORDS.includes(p) || /\d/.test(p))) return false;
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1);
  // Between first and last only particles (van, de) or single initials (j.m.jansen).
  if (!NAME.test(last) || !middle.every((p) => NAME_PARTICLES.includes(p) || /^[a-z]$/.test(p))) return false;
  // first.last, initials.last (j.jansen, jm.jansen), or a first name, particles and a last name.
  return NAME.test(parts[0]) || INITIALS.test(parts[0]);
}

export const contactCheck: QualityCheck = {
  id: 'contact',
  weight: 1,
  run(content) {
    const contact = textOf(content, FIELD);
    const finding = (severity: Finding['severity'], messageKey: Finding['messageKey']): Finding => ({ check: 'contact', field: FIELD, severity, messageKey, params: { contact } });
    if (contact === '') return outcomeOf([finding('error', 'contact.missing')]);
    if (isHttpsUrl(contact)) return outcomeOf([]);
    if (!isEmail(contact)) return outcomeOf([finding('warning', 'contact.invalid')]);
    return outcomeOf(looksPersonal(contact) ? [finding('warning', 'contact.personal')] : []);
  },
};
