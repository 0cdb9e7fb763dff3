// CTIM 1.3 enumerations (confidence, severity, disposition, TLP, resolution, sensor, relationship and
// indicator types) and the schema version we emit. Observable types and observed-relation names are
// long lists and live in observable-types.ts and relations.ts.
// Source: threatgrid/ctim doc/structures/{sighting,judgement,indicator,relationship}.md and
// src/ctim/schemas/vocabularies.cljc, summarised in reference/relay.md §5.
import { z } from 'zod';

/** The CTIM version our objects claim to be valid against (reference/relay.md §5.4). */
export const CTIM_SCHEMA_VERSION = '1.3.29';

// ctim doc/structures/sighting.md "Property confidence ∷ HighMedLowString".
export const CONFIDENCES = ['High', 'Medium', 'Low', 'Info', 'None', 'Unknown'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const confidenceSchema = z.enum(CONFIDENCES);

// ctim doc/structures/sighting.md "Property severity ∷ SeverityString"; Critical arrived in 2021.
export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info', 'None', 'Unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES);

// ctim doc/structures/judgement.md "disposition" / "disposition_name": the number and the name are
// two spellings of one value, so they are kept in one table and checked against each other.
export const DISPOSITIONS = {
  1: 'Clean',
  2: 'Malicious',
  3: 'Suspicious',
  4: 'Common',
  5: 'Unknown',
} as const;
export type DispositionNumber = keyof typeof DISPOSITIONS;
export type DispositionName = (typeof DISPOSITIONS)[DispositionNumber];
export const DISPOSITION_NUMBERS = [1, 2, 3, 4, 5] as const satisfies readonly DispositionNumber[];
export const DISPOSITION_NAMES = Object.values(DISPOSITIONS) as DispositionName[];
export const dispositionNumberSchema = z.literal(DISPOSITION_NUMBERS);
export const dispositionNameSchema = z.enum(['Clean', 'Malicious', 'Suspicious', 'Common', 'Unknown']);

// ctim doc/structures/sighting.md "Property tlp ∷ TLPString" (CTIM's own default is green).
export const TLPS = ['amber', 'green', 'red', 'white'] as const;
export type Tlp = (typeof TLPS)[number];
export const tlpSchema = z.enum(TLPS);

// ctim doc/structures/sighting.md "Property resolution": whether the sensor already acted.
// CTIM calls this an open vocabulary; we only ever emit these four, so anything else is our bug.
export const RESOLUTIONS = ['allowed', 'blocked', 'contained', 'detected'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const resolutionSchema = z.enum(RESOLUTIONS);

// ctim doc/structures/sighting.md "Property sensor ∷ SensorString" (OpenC2 actuator names).
export const SENSORS = [
  'endpoint',
  'endpoint.digital-telephone-handset',
  'endpoint.laptop',
  'endpoint.pos-terminal',
  'endpoint.printer',
  'endpoint.sensor',
  'endpoint.server',
  'endpoint.smart-meter',
  'endpoint.smart-phone',
  'endpoint.tablet',
  'endpoint.workstation',
  'network',
  'network.bridge',
  'network.firewall',
  'network.gateway',
  'network.guard',
  'network.hips',
  'network.hub',
  'network.ids',
  'network.ips',
  'network.modem',
  'network.nic',
  'network.proxy',
  'network.router',
  'network.security_manager',
  'network.sense_making',
  'network.sensor',
  'network.switch',
  'network.vpn',
  'network.wap',
  'process',
  'process.aaa-server',
  'process.anti-virus-scanner',
  'process.connection-scanner',
  'process.directory-service',
  'process.dns-server',
  'process.email-service',
  'process.file-scanner',
  'process.location-service',
  'process.network-scanner',
  'process.remediation-service',
  'process.reputation-service',
  'process.sandbox',
  'process.virtualization-service',
  'process.vulnerability-scanner',
] as const;
export type Sensor = (typeof SENSORS)[number];
export const sensorSchema = z.enum(SENSORS);

// ctim doc/structures/relationship.md "Property relationship_type".
export const RELATIONSHIP_TYPES = [
  'attributed-to',
  'based-on',
  'derived-from',
  'detects',
  'duplicate-of',
  'element-of',
  'exploits',
  'indicates',
  'member-of',
  'mitigates',
  'phase-of',
  'related-to',
  'sighting-of',
  'subtechnique-of',
  'targets',
  'task-of',
  'technique-of',
  'uses',
  'variant-of',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
export const relationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);

// ctim doc/structures/indicator.md "Property indicator_type" (STIX IndicatorTypeVocab plus CTIM's own).
export const INDICATOR_TYPES = [
  'Anonymization',
  'C2',
  'Compromised PKI Certificate',
  'Domain Watchlist',
  'Exfiltration',
  'File Hash Watchlist',
  'Host Characteristics',
  'IMEI Watchlist',
  'IMSI Watchlist',
  'IP Watchlist',
  'Login Name',
  'Malicious E-mail',
  'Malware Artifacts',
  'Private Threat Feed',
  'URL Watchlist',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const indicatorTypeSchema = z.enum(INDICATOR_TYPES);

// ctim doc/structures/sighting.md "ColumnDefinition" → "Property type ∷ ColumnTypeString".
export const COLUMN_TYPES = ['integer', 'markdown', 'number', 'observable', 'string', 'url'] as const;
export const columnTypeSchema = z.enum(COLUMN_TYPES);
