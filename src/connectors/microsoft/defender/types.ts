// Public types of the Microsoft Defender for Endpoint connector.
import type { z } from 'zod';
import type {
  ConnectorCallOptions,
  ConnectorClientOptions,
  ThrottleEvent,
} from '../../../platform/http/index.js';
import type { importResultSchema, indicatorSchema, machineActionSchema, machineSchema } from './schemas.js';

/** A 429 from Defender, reported before the client waits it out (or gives up). */
export type { ThrottleEvent };

export interface DefenderClientOptions extends ConnectorClientOptions {
  /** Called on every 429 Defender answers, e.g. to count them; the retry step then waits Retry-After. */
  onThrottled?: (event: ThrottleEvent) => void;
}

export type DefenderCallOptions = ConnectorCallOptions;

export type Machine = z.output<typeof machineSchema>;
export type MachineAction = z.output<typeof machineActionSchema>;
export type Indicator = z.output<typeof indicatorSchema>;
export type ImportResult = z.output<typeof importResultSchema>;

/** @link https://learn.microsoft.com/defender-endpoint/api/ti-indicator */
export type IndicatorType =
  | 'FileSha1'
  | 'FileSha256'
  | 'FileMd5'
  | 'CertificateThumbprint'
  | 'IpAddress'
  | 'DomainName'
  | 'Url';
export type IndicatorAction =
  | 'Warn'
  | 'Block'
  | 'Audit'
  | 'Alert'
  | 'AlertAndBlock'
  | 'BlockAndRemediate'
  | 'Allowed';
export type IndicatorSeverity = 'Informational' | 'Low' | 'Medium' | 'High';

export interface NewIndicator {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  title: string;
  description: string;
  severity?: IndicatorSeverity;
  /** ISO 8601; absent means the indicator never expires. */
  expirationTime?: string;
  generateAlert?: boolean;
}

/** One item of POST /api/indicators/import; `application` counts on creation only. */
export interface ImportIndicator extends NewIndicator {
  application?: string;
  recommendedActions?: string;
  rbacGroupNames?: string[];
}
