// Every route the Graph listener answers, in matching order: the directory's (its writes under the
// directory write quota), security's, mail's and the (beta) tiIndicators'.
import { domainRoutes } from '../directory/domains.js';
import { groupMemberRoutes } from '../directory/group-members.js';
import { groupRoutes } from '../directory/groups.js';
import { organizationRoutes } from '../directory/organization.js';
import { deltaRoutes } from '../directory/users-delta.js';
import { licenseRoutes } from '../directory/licenses.js';
import { tapRoutes } from '../directory/temporary-access-pass.js';
import { userRoutes } from '../directory/users.js';
import { withWriteQuota } from '../directory/write-quota.js';
import { GraphRouter } from '../graph/router.js';
import { mailRoutes } from '../graph-mail/routes.js';
import { securityAlertRoutes } from '../graph-security/alerts.js';
import { securityHuntingRoutes } from '../graph-security/hunting.js';
import { securityLegacyRoutes } from '../graph-security/legacy.js';
import { tiIndicatorRoutes } from '../graph-ti/routes.js';

export function createGraphRouter(): GraphRouter {
  return new GraphRouter().add(
    ...deltaRoutes,
    ...withWriteQuota([...licenseRoutes, ...tapRoutes, ...userRoutes, ...groupRoutes, ...groupMemberRoutes]),
    ...domainRoutes,
    ...organizationRoutes,
    ...securityAlertRoutes,
    ...securityLegacyRoutes,
    ...securityHuntingRoutes,
    ...mailRoutes,
    ...tiIndicatorRoutes,
  );
}
