// The CTIM observable type names (ObservableTypeIdentifier) and their zod enum.
// Source: threatgrid/ctim src/ctim/schemas/vocabularies.cljc `observable-type-identifier`, as listed in
// reference/relay.md §5.3. That section says "62" but names 63; all 63 are kept, because rejecting a
// type Threat Response sends would drop real observables, while one extra name costs nothing.
import { z } from 'zod';

export const OBSERVABLE_TYPES = [
  'acudid',
  'amp_computer_guid',
  'certificate_common_name',
  'certificate_issuer',
  'certificate_serial',
  'cisco_cm_id',
  'cisco_mid',
  'cisco_uc_id',
  'cortex_agent_id',
  'crowdstrike_id',
  'cvm_id',
  'cybereason_id',
  'darktrace_id',
  'device',
  'domain',
  'email',
  'email_messageid',
  'email_subject',
  'file_name',
  'file_path',
  'google_chromebook_id',
  'google_cloud_id',
  'hostname',
  'imei',
  'imsi',
  'intune_id',
  'ip',
  'ipv6',
  'jamf_management_id',
  'mac_address',
  'md5',
  'meraki_network_id',
  'meraki_node_sn',
  'meraki_org_id',
  'ms_machine_id',
  'mutex',
  'ngfw_id',
  'ngfw_name',
  'odns_identity',
  'odns_identity_label',
  'orbital_node_id',
  'pki_serial',
  'process_args',
  'process_hash',
  'process_name',
  'process_path',
  'process_uid',
  'process_username',
  'processor_id',
  'registry_key',
  'registry_name',
  'registry_path',
  's1_agent_id',
  'secure_access_id',
  'serial_number',
  'service_now_id',
  'sha1',
  'sha256',
  'swc_device_id',
  'trend_micro_id',
  'url',
  'user',
  'user_agent',
] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];
export const observableTypeSchema = z.enum(OBSERVABLE_TYPES);

const KNOWN = new Set<string>(OBSERVABLE_TYPES);

/** Whether a string is a CTIM observable type; exact match, as CTIM compares type names. */
export function isObservableType(t: unknown): t is ObservableType {
  return typeof t === 'string' && KNOWN.has(t);
}
