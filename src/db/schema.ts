/**
 * The database tables as Kysely types. Timestamps are ISO-8601 UTC strings on both engines,
 * JSON columns are text: one representation, so no code outside `db/` knows the engine.
 */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  id: Generated<number>;
  /** The public code (`org_id` on the wire), e.g. `gm0363`. */
  code: string;
  name: string;
  /** Organisation type, one of the register's OrgType values. */
  type: string;
  parent_code: string | null;
  flow: string;
  show_page: number;
  about_html: string | null;
  contact_html: string | null;
  created_at: string;
}

export interface AlgorithmTable {
  id: Generated<number>;
  lars: string;
  organisation_id: number;
  /** The owner's own id, for idempotent upserts. */
  source_id: string | null;
  created_at: string;
  removed_at: string | null;
  removed_by: string | null;
}

export interface VersionTable {
  id: Generated<number>;
  algorithm_id: number;
  language: string;
  state: string;
  /** The state a version had before it was archived, restored on unarchive. */
  state_before_archive: string | null;
  standard_version: string | null;
  /** The record's content as JSON (every key of its standard). */
  content: string;
  create_dt: string;
  created_by: string | null;
  published_at: string | null;
  preview_token: string | null;
  preview_expires_at: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  organisation_id: number | null;
  algorithm_id: number | null;
  version_id: number | null;
  /** created, new_version, released, published, rejected, retracted, archived, ... */
  action: string;
  actor_id: string;
  actor_name: string;
  /** JSON: field diff ({field: {from, to}}) or other details. */
  detail: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  /** The time step (Unix seconds ÷ 30) of the last TOTP code accepted: each code works once. */
  totp_last_step: number | null;
  /** JSON array of role names. */
  roles: string;
  created_at: string;
}

export interface UserOrganisationTable {
  user_id: number;
  organisation_id: number;
  /** JSON array of roles held in this organisation only, on top of the account's roles. */
  roles: Generated<string>;
}

export interface ApiClientTable {
  id: Generated<number>;
  client_id: string;
  secret_hash: string;
  name: string;
  organisation_id: number | null;
  /** JSON array of role names. */
  roles: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SigningKeyTable {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
}

export interface TemplateTable {
  id: Generated<number>;
  /** Stable string id, e.g. `centric-burgerzaken-ediensten`. */
  template_id: string;
  supplier: string;
  standard_version: string;
  name: string;
  content: string;
  /** The organisation that maintains it; null for the bundled suppliers' templates. */
  organisation_id: number | null;
  /** 1: its organisation shares it with all organisations. */
  shared: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One published algorithm as the search index holds it (src/search/document.ts). */
export interface SearchDocumentTable {
  algorithm_id: number;
  version_id: number;
  lars: string;
  name: string;
  description_short: string;
  organisation_code: string;
  organisation_name: string;
  organisation_type: string;
  published_at: string;
  sort_name: string;
  title_terms: string;
  summary_terms: string;
  organisation_terms: string;
  body_terms: string;
}

export interface SearchFacetTable {
  algorithm_id: number;
  facet: string;
  value: string;
}

export interface SearchTermTable {
  term: string;
  /** How many indexed documents hold this stem. */
  documents: number;
}

/** Which algorithms an index generation changed (algorithm 0: all of them). */
export interface SearchChangeTable {
  generation: number;
  algorithm_id: number;
}

export interface SearchMetaTable {
  key: string;
  value: string;
}

/** A visitor's report of an error in a published algorithm description (src/register/error-reports.ts). */
export interface ErrorReportTable {
  id: Generated<number>;
  algorithm_id: number;
  organisation_id: number;
  /** The published version the visitor saw. */
  version_id: number;
  message: string;
  email: string | null;
  /** The language of the page it was sent from: nl or en. */
  language: string;
  created_at: string;
  status: 'new' | 'handled';
  handled_at: string | null;
  /** The actor id of whoever marked it handled. */
  handled_by: string | null;
}

/** An e-mail alert for a search (src/register/subscriptions.ts). Tokens only as sha256 hex. */
export interface SubscriptionTable {
  id: Generated<number>;
  email: string;
  /** The search as searchQueryString writes it: '' or '?q=…&theme=…'. */
  query: string;
  language: string;
  confirm_token_hash: string | null;
  unsubscribe_token_hash: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  last_sent_at: string | null;
  last_published_seen: string | null;
}

/** The unsubscribe token of one alert mail. */
export interface SubscriptionTokenTable {
  token_hash: string;
  subscription_id: number;
  created_at: string;
}

/** Every mail the register sends (src/mail/mailer.ts); without SMTP, the development outbox. */
export interface OutboxTable {
  id: Generated<number>;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  algorithms: AlgorithmTable;
  versions: VersionTable;
  audit_events: AuditEventTable;
  users: UserTable;
  user_organisations: UserOrganisationTable;
  api_clients: ApiClientTable;
  signing_keys: SigningKeyTable;
  templates: TemplateTable;
  search_documents: SearchDocumentTable;
  search_facets: SearchFacetTable;
  search_terms: SearchTermTable;
  search_meta: SearchMetaTable;
  search_changes: SearchChangeTable;
  error_reports: ErrorReportTable;
  subscriptions: SubscriptionTable;
  subscription_tokens: SubscriptionTokenTable;
  outbox: OutboxTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  password_resets: PasswordResetTable;
}

/** A management session (src/auth/sessions.ts); the id only as its sha256 hex. */
export interface SessionTable {
  id_hash: string;
  user_id: number | null;
  pending_user_id: number | null;
  csrf_token: string;
  organisation_id: number | null;
  language: string;
  created_at: string;
  last_seen_at: string;
}

/** A failed sign-in, for the lockout (src/auth/lockout.ts). */
export interface SignInFailureTable {
  id: Generated<number>;
  username: string;
  at: string;
}

/** A password reset link (src/auth/password-reset.ts); the token only as its sha256 hex. */
export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A publication-duty assessment of an algorithm (src/compliance/assessments.ts); the current one has no superseded_at. */
export interface DutyAssessmentTable {
  id: Generated<number>;
  algorithm_id: number;
  organisation_id: number;
  questions_version: string;
  /** JSON: answer per question id. */
  answers: string;
  /** JSON: the content fields the answers rested on (status, publication_category). */
  basis: string;
  outcome: string;
  publication_category: string | null;
  duty_applies: number;
  by_doubt: number;
  assessed_by: string;
  assessed_by_name: string;
  assessed_at: string;
  superseded_at: string | null;
}

/** An AI Act classification of an algorithm (src/compliance/classifications.ts). */
export interface AiActClassificationTable {
  id: Generated<number>;
  algorithm_id: number;
  organisation_id: number;
  tree_name: string;
  tree_version: string;
  /** JSON: the chosen answers. */
  answers: string;
  /** JSON: the AiActProfile. */
  profile: string;
  conclusion_id: string;
  classified_by: string;
  classified_by_name: string;
  classified_at: string;
  superseded_at: string | null;
}

/** What the organisation keeps per applicable requirement (src/compliance/requirement-status.ts). */
export interface RequirementStatusTable {
  algorithm_id: number;
  requirement_id: string;
  organisation_id: number;
  status: 'open' | 'in_progress' | 'done' | 'not_applicable';
  note: string | null;
  updated_by: string;
  updated_by_name: string;
  updated_at: string;
}

/** An exclusion ground for an algorithm (src/compliance/exclusions.ts). */
export interface ExclusionTable {
  id: Generated<number>;
  algorithm_id: number;
  organisation_id: number;
  ground: string;
  ground_text: string | null;
  scope: 'not_published' | 'fields_withheld';
  /** JSON array of field keys. */
  withheld_fields: string;
  justification: string;
  /** yyyy-mm-dd */
  review_date: string;
  state: 'pending' | 'active' | 'ended';
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  ended_by: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

/** The AI Act registration facts of a high-risk system (src/compliance/eu-registration.ts). */
export interface EuRegistrationTable {
  algorithm_id: number;
  organisation_id: number;
  eu_database_reference: string | null;
  fria_summary: string | null;
  dpia_summary: string | null;
  updated_by: string;
  updated_by_name: string;
  updated_at: string;
}

/** The last explicit review of a description (src/compliance/reviews.ts). */
export interface ComplianceReviewTable {
  algorithm_id: number;
  organisation_id: number;
  reviewed_at: string;
  reviewed_by: string;
  reviewed_by_name: string;
  note: string | null;
}

/** The quality score of an algorithm's published version (src/compliance/quality-scores.ts). */
export interface QualityScoreTable {
  algorithm_id: number;
  organisation_id: number;
  version_id: number;
  score: number;
  errors: number;
  warnings: number;
  computed_at: string;
}

/** A link in a published description (src/compliance/links/link-inventory.ts). */
export interface LinkUseTable {
  algorithm_id: number;
  field: string;
  url: string;
  organisation_id: number;
}

/** The last check of a link (src/compliance/links/link-checker.ts). */
export interface LinkCheckTable {
  url: string;
  host: string;
  status_code: number | null;
  ok: number;
  error: string | null;
  final_url: string | null;
  redirects: number;
  checked_at: string;
}

/** The compliance tables (migration 008), merged into the Database interface above. */
export interface Database {
  duty_assessments: DutyAssessmentTable;
  ai_act_classifications: AiActClassificationTable;
  requirement_statuses: RequirementStatusTable;
  exclusions: ExclusionTable;
  eu_registrations: EuRegistrationTable;
  compliance_reviews: ComplianceReviewTable;
  quality_scores: QualityScoreTable;
  link_uses: LinkUseTable;
  link_checks: LinkCheckTable;
}
