/** Where the information pages live in each language (the layout's footer links them on every page). */
import type { Lang } from './messages.ts';

export type InfoPageKey = 'about' | 'faq' | 'accessibility';

export const INFO_PATHS: Record<InfoPageKey, Record<Lang, string>> = {
  about: { nl: '/over', en: '/en/about' },
  faq: { nl: '/veelgestelde-vragen', en: '/en/faq' },
  accessibility: { nl: '/toegankelijkheid', en: '/en/accessibility' },
};
