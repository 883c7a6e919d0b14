/**
 * The notice on the public page of a partly withheld description: that parts are not public, which parts,
 * and on what ground (the Woo ground named in words when the organisation gave one).
 */
import type { WithheldNotice as Notice } from '../compliance/index.ts';
import type { StandardDefinition } from '../standard/types.ts';
import { fill, type Lang } from './messages.ts';
import { publicComplianceMessages } from './messages-compliance.ts';

/** The ground as the public reads it. */
export const groundText = (withheld: Notice, lang: Lang) => (withheld.groundText ? `${withheld.groundLabel[lang]} (${withheld.groundText})` : withheld.groundLabel[lang]);

export function WithheldNotice({ withheld, def, lang }: { withheld: Notice; def: StandardDefinition; lang: Lang }) {
  const t = publicComplianceMessages[lang];
  const label = (key: string) => def.fields.find((f) => f.key === key)?.label[lang] ?? key;
  return (
    <div class="withheld-notice utrecht-alert utrecht-alert--info" role="note" aria-labelledby="niet-openbaar">
      <h2 id="niet-openbaar" class="nl-heading nl-heading--level-2">{t.withheldTitle}</h2>
      <p>{fill(t.withheldText, { ground: groundText(withheld, lang) })}</p>
      <p>{t.withheldFields}:</p>
      <ul class="utrecht-unordered-list">
        {withheld.fields.map((key) => (
          <li>{label(key)}</li>
        ))}
      </ul>
    </div>
  );
}
