/**
 * Words that mark a mailbox as one of a team or function rather than a person (info@, privacy@,
 * team.data@), and name particles that sit between a first and a last name (jan.van.dijk@). Data, not
 * logic: extend the lists as addresses come along.
 */
export const TEAM_WORDS: readonly string[] = [
  'info', 'informatie', 'contact', 'team', 'teams', 'algoritme', 'algoritmes', 'algoritmen', 'algoritmeregister', 'privacy', 'fg', 'avg',
  'functionaris', 'gegevensbescherming', 'servicedesk', 'helpdesk', 'service', 'klantcontact', 'klantenservice', 'secretariaat', 'afdeling',
  'bureau', 'data', 'datalab', 'ict', 'ciso', 'cio', 'communicatie', 'pers', 'woo', 'wob', 'postbus', 'loket', 'vragen', 'support',
  'office', 'mail', 'post', 'burgerzaken', 'belastingen', 'vergunningen', 'handhaving', 'sociaal', 'domein', 'wijkteam', 'publiekszaken',
  'digitaal', 'innovatie', 'beleid', 'juridisch', 'compliance', 'noreply', 'no-reply', 'webmaster', 'redactie', 'gemeente', 'provincie',
];

export const NAME_PARTICLES: readonly string[] = ['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'el', "'t"];
