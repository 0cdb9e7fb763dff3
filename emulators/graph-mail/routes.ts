// Every Outlook mail route of the Graph listener, in matching order (delta before message ids).
import type { GraphRoute } from '../graph/router.js';
import { mailAttachmentRoutes } from './attachments.js';
import { mailDeltaRoutes } from './delta.js';
import { mailFolderRoutes } from './folders.js';
import { mailMessageRoutes } from './messages.js';
import { mailSendRoutes } from './send.js';
import { mailSubscriptionRoutes } from './subscriptions.js';

export const mailRoutes: GraphRoute[] = [
  ...mailDeltaRoutes,
  ...mailFolderRoutes,
  ...mailMessageRoutes,
  ...mailAttachmentRoutes,
  ...mailSendRoutes,
  ...mailSubscriptionRoutes,
];
