// Every Outlook mail route of the Graph listener, in matching order (delta before message ids).
import type { GraphRoute } from './graph-router.js';
import { mailAttachmentRoutes } from './mail-attachments.js';
import { mailDeltaRoutes } from './mail-delta.js';
import { mailFolderRoutes } from './mail-folders.js';
import { mailMessageRoutes } from './mail-messages.js';
import { mailSendRoutes } from './mail-send.js';
import { mailSubscriptionRoutes } from './mail-subscriptions.js';

export const mailRoutes: GraphRoute[] = [
  ...mailDeltaRoutes,
  ...mailFolderRoutes,
  ...mailMessageRoutes,
  ...mailAttachmentRoutes,
  ...mailSendRoutes,
  ...mailSubscriptionRoutes,
];
