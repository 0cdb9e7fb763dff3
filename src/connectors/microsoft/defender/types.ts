// Public types of the Microsoft Defender for Endpoint connector.
import type { z } from 'zod';
import type { ConnectorCallOptions, ConnectorClientOptions } from '../../../platform/http/index.js';
import type { indicatorSchema, machineActionSchema, machineSchema } from './schemas.js';

export type DefenderClientOptions = ConnectorClientOptions;

export type DefenderCallOptions = ConnectorCallOptions;

export type Machine = z.output<typeof machineSchema>;
export type MachineAction = z.output<typeof machineActionSchema>;
export type Indicator = z.output<typeof indicatorSchema>;

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
