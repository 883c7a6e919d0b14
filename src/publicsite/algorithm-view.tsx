/**
 * One version of an algorithm as a page section per layout group of its standard: empty fields
 * and fields the standard never shows are left out; links and groupings become lists; rich text
 * is sanitised once more on the way out.
 */
import type { AlgorithmContent, Field, GroupingItem, StandardDefinition } from '../standard/types.ts';
import { sanitizeRichText } from '../standard/html.ts';
import { isEmail, isHttpsUrl } from '../standard/formats.ts';
import { fill, formatDate, messages, type Lang } from './messages.ts';
import { publicComplianceMessages } from './messages-compliance.ts';

export function isEmpty(value: AlgorithmContent[string]): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function Link({ href, children }: { href: string; children: string }) {
  return isHttpsUrl(href) ? <a href={href}>{children}</a> : <span>{children}</span>;
}

export function FieldValue({ def, field, value, lang }: { def: StandardDefinition; field: Field; value: AlgorithmContent[string]; lang: Lang }) {
  switch (field.kind) {
    case 'html':
      return <div class="rich-text" dangerouslySetInnerHTML={{ __html: sanitizeRichText(String(value), def.allowedHtmlTags) }} />;
    case 'text': {
      const text = String(value);
      if (field.format === 'https-url') return <Link href={text}>{text}</Link>;
      if (field.format === 'email-or-https-url') return isEmail(text) ? <a href={`mailto:${text}`}>{text}</a> : <Link href={text}>{text}</Link>;
      return <>{text}</>;
    }
    case 'enum':
      return <>{field.values.find((v) => v.value === value)?.label[lang] ?? String(value)}</>;
    case 'enum-list':
      return (
        <ul class="value-list utrecht-unordered-list">
          {(value as string[]).map((v) => (
            <li>{field.values.find((x) => x.value === v)?.label[lang] ?? v}</li>
          ))}
        </ul>
      );
    case 'grouping':
      return (
        <ul class="value-list utrecht-unordered-list">
          {(value as GroupingItem[]).map((item) => (
            <li>{item.link ? <Link href={item.link}>{item.title || item.link}</Link> : item.title}</li>
          ))}
        </ul>
      );
    case 'system':
      return null;
  }
}

export interface AlgorithmViewProps {
  def: StandardDefinition;
  content: AlgorithmContent;
  lang: Lang;
  lars: string;
  publishedAt: string | null;
  /** Fields withheld under an exclusion ground: shown as "not public", never with a value. */
  withheld?: { fields: readonly string[]; ground: string };
}

export function AlgorithmView({ def, content, lang, lars, publishedAt, withheld }: AlgorithmViewProps) {
  const t = messages[lang];
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  return (
    <>
      {def.layout.sections.map((section) => {
        const shown = section.fields
          .map((key) => byKey.get(key)!)
          .filter((f) => f && f.visibility !== 'never' && (!isEmpty(content[f.key]) || withheld?.fields.includes(f.key)));
        const isMetadata = section.key === 'metadata';
        if (shown.length === 0 && !isMetadata) return null;
        return (
          <section aria-labelledby={`sectie-${section.key}`}>
            <h2 id={`sectie-${section.key}`} class="nl-heading nl-heading--level-2">{section.label[lang]}</h2>
            <dl class="fields utrecht-data-list">
              {shown.map((f) => (
                <div class="field utrecht-data-list__item">
                  <dt>{f.label[lang]}</dt>
                  <dd>
                    {withheld?.fields.includes(f.key) ? (
                      <em class="withheld-value">{fill(publicComplianceMessages[lang].withheldValue, { ground: withheld.ground })}</em>
                    ) : (
                      <FieldValue def={def} field={f} value={content[f.key]} lang={lang} />
                    )}
                  </dd>
                </div>
              ))}
              {isMetadata && (
                <>
                  <div class="field utrecht-data-list__item">
                    <dt>{t.algorithmId}</dt>
                    <dd>{lars}</dd>
                  </div>
                  {publishedAt && (
                    <div class="field utrecht-data-list__item">
                      <dt>{t.publishedOn}</dt>
                      <dd>
                        <time dateTime={publishedAt}>{formatDate(publishedAt, lang)}</time>
                      </dd>
                    </div>
                  )}
                </>
              )}
            </dl>
          </section>
        );
      })}
    </>
  );
}
