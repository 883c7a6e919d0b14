/**
 * Management's pages for the publication duty and compliance (issue 5), as one plugin: the accountability
 * page of an algorithm and what it links to (duty questionnaire, AI Act decision aid, exclusion grounds, EU
 * registration facts), and the organisation's dashboard. Every route names its need in the policy.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { complianceOverviewPage } from './compliance-overview-page.tsx';
import { complianceDutyPages } from './compliance-duty-pages.tsx';
import { complianceClassificationPages } from './compliance-classification-pages.tsx';
import { complianceExclusionPages } from './compliance-exclusion-pages.tsx';
import { complianceEuPages } from './compliance-eu-pages.tsx';
import { complianceDashboardPage } from './compliance-dashboard-page.tsx';

export function compliancePages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(complianceOverviewPage(ctx));
    await app.register(complianceDutyPages(ctx));
    await app.register(complianceClassificationPages(ctx));
    await app.register(complianceExclusionPages(ctx));
    await app.register(complianceEuPages(ctx));
    await app.register(complianceDashboardPage(ctx));
  };
}
