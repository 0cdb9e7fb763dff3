// Microsoft Graph connector: the only way graphsoc talks to Graph. Features call the named resources
// below (functions taking the client, as the Archer and Defender connectors' resources do); they never
// build a Graph path themselves.
export { createGraphClient, type GraphClient } from './client.js';
export { errors, GraphError, parseGraphError } from './errors.js';
export type { GraphRequestBuilder } from './request.js';
export { MAX_BATCH_ITEMS } from './resources/batch.js';
export { DeltaRound } from './resources/delta.js';
export { createTemporaryAccessPass, type TemporaryAccessPass } from './resources/auth-methods.js';
export { type DirectoryRefusal, directoryRefusal } from './resources/directory-conflicts.js';
export { acceptsNewUsers, type Domain, listDomains } from './resources/domains.js';
export {
  addGroupMember,
  addGroupOwner,
  createGroup,
  findGroup,
  getGroup,
  listGroupMembers,
  listGroupOwners,
  listGroups,
  removeGroupMember,
} from './resources/groups.js';
export {
  assignLicense,
  freeSeats,
  listSubscribedSkus,
  type SubscribedSku,
} from './resources/licenses.js';
export { type HuntingQuery, runHuntingQuery } from './resources/hunting.js';
export { createMailFolder, findMailFolder, listMailFolders } from './resources/mail-folders.js';
export {
  type FolderDeltaOptions,
  folderMessagesDelta,
  getMessage,
  getMessageMime,
  type MessageChanges,
  type MessageMime,
  type MimeOptions,
  moveMessage,
  updateMessage,
} from './resources/messages.js';
export {
  type AlertQuery,
  alertBatchItems,
  getAlert,
  listAlerts,
  listLegacyAlerts,
} from './resources/security-alerts.js';
export { type OutgoingMail, sendMail } from './resources/send-mail.js';
export {
  createSubscription,
  deleteSubscription,
  getSubscription,
  mailSubscriptionResource,
  type NewSubscription,
  renewSubscription,
} from './resources/subscriptions.js';
export {
  deleteTiIndicatorsByExternalId,
  listTiIndicators,
  MAX_TI_PER_CALL,
  submitTiIndicators,
  type TiDeleteResult,
  type TiIndicatorQuery,
  type TiSubmitResult,
} from './resources/ti-indicators.js';
export { type TiIndicator, tiIndicatorSchema } from './ti-indicator-schemas.js';
export {
  createUser,
  deleteUser,
  findUserByUpn,
  getUser,
  listUsers,
  updateUser,
} from './resources/users.js';
export { alertV2Schema, evidenceSchema, legacyAlertSchema } from './schemas.js';
export type {
  AlertEvidence,
  AlertV2,
  BatchItem,
  BatchOptions,
  BatchResult,
  DirectoryObject,
  GraphCallOptions,
  GraphClientOptions,
  Group,
  HuntingRow,
  LegacyAlert,
  ListQuery,
  MailFolder,
  Message,
  PageOptions,
  ResourcePageOptions,
  Subscription,
  User,
} from './types.js';
