/** The delivery API's representations of the register's objects. */
import type { Algorithm, Version } from '../register/algorithms.ts';
import type { Organisation } from '../register/organisations.ts';
import { STANDARDS } from '../standard/index.ts';

/** A version as `vX__Algorithm`: the content in its standard's field order, then the system fields. */
export function versionToWire(algorithm: Algorithm, version: Version, opts: { withPublicationDt?: boolean } = {}) {
  const def = STANDARDS[version.standard_version ?? ''];
  const keys = def ? def.fields.filter((f) => f.kind !== 'system').map((f) => f.key) : Object.keys(version.content);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = version.content[key] ?? null;
  out.lars = algorithm.lars;
  out.publication_dt = opts.withPublicationDt ? version.published_at : null;
  out.create_dt = version.create_dt;
  out.language = version.language;
  out.state = version.state;
  return out;
}

/** `OrganisationConfig` as the delivery API's base endpoints return it. */
export function organisationToWire(org: Organisation) {
  return { id: org.id, name: org.name, code: org.code, org_id: org.code, type: org.type, flow: org.flow, show_page: Boolean(org.show_page) };
}

/** A strong validator naming the version, so a PUT can say which version it edits (If-Match). */
export const versionEtag = (version: Version) => `"v${version.id}"`;

/** The version id an If-Match header names, undefined when absent or `*`, NaN when unreadable. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (!header || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"v(\d+)"\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}
