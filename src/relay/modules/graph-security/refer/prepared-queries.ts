// The hunting query a refer link prepares per observable type: the raw telemetry around the value
// (file, network, logon and mail events), which is what an analyst pivots to after the alerts. Values
// enter only through kqlString, so a hostile value cannot change the query's shape.
// Tables: https://learn.microsoft.com/defender-xdr/advanced-hunting-schema-tables
import type { Observable } from '../../../protocol/schemas.js';
import { kqlString } from '../queries/kql.js';

const FILE_TABLES = 'DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents';

const QUERIES: Record<string, (v: string) => string> = {
  sha256: (v) => `union ${FILE_TABLES}, EmailAttachmentInfo\n| where SHA256 =~ ${v}`,
  sha1: (v) => `union ${FILE_TABLES}\n| where SHA1 =~ ${v}`,
  md5: (v) => `union ${FILE_TABLES}\n| where MD5 =~ ${v}`,
  file_name: (v) => `union ${FILE_TABLES}\n| where FileName =~ ${v}`,
  file_path: (v) => `union ${FILE_TABLES}\n| where FolderPath =~ ${v}`,
  ip: (v) => `DeviceNetworkEvents\n| where RemoteIP == ${v} or LocalIP == ${v}`,
  ipv6: (v) => `DeviceNetworkEvents\n| where RemoteIP =~ ${v} or LocalIP =~ ${v}`,
  domain: (v) =>
    `union DeviceNetworkEvents, UrlClickEvents, EmailUrlInfo\n| where RemoteUrl has ${v} or Url has ${v} or UrlDomain =~ ${v}`,
  url: (v) =>
    `union DeviceNetworkEvents, UrlClickEvents, EmailUrlInfo\n| where RemoteUrl =~ ${v} or Url =~ ${v}`,
  hostname: (v) => `DeviceInfo\n| where DeviceName =~ ${v} or DeviceName startswith strcat(${v}, ".")`,
  ms_machine_id: (v) => `DeviceInfo\n| where DeviceId == ${v}`,
  email: (v) => `EmailEvents\n| where SenderFromAddress =~ ${v} or RecipientEmailAddress =~ ${v}`,
  user: (v) => `IdentityLogonEvents\n| where AccountUpn =~ ${v} or AccountName =~ ${v}`,
};

export const PREPARED_TYPES = Object.keys(QUERIES);

/** The query for an observable, newest events first, or undefined for a type without one. */
export function preparedQuery(obs: Observable): string | undefined {
  const build = QUERIES[obs.type];
  if (!build) return undefined;
  return `${build(kqlString(obs.value))}\n| order by Timestamp desc\n| take 1000`;
}
