// Public types of the Microsoft Defender for Endpoint connector.
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type {
  CallOptions,
  Clock,
  LimitOptions,
  RetryOptions,
  TimeoutOptions,
} from '../../../platform/http/index.js';
import type { indicatorSchema, machineActionSchema, machineSchema } from './schemas.js';

export interface DefenderClientOptions {
  /** Extra CA (PEM) to trust besides the tenant's caFile (emulators). */
  caPem?: string;
  dispatcher?: Dispatcher;
  retry?: Partial<RetryOptions>;
  timeout?: Partial<TimeoutOptions>;
  limits?: LimitOptions;
  clock?: Clock;
  random?: () => number;
}

/** What every call may carry: cancellation, the deadline and the upstream clock. */
export type DefenderCallOptions = Pick<CallOptions, 'signal' | 'deadlineAt' | 'wait' | 'retry' | 'timeout'>;

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
