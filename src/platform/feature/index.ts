// The feature shape: what each feature module exports and what the app hands it. The sole entry point.
export type { MigrationSet } from '../db/migration-set.js';
export type { ConfigIssue } from '../config/index.js';
export type { FeatureConfig } from './config.js';
export type { JobInfo, JobState, JobStatus, Panel } from './dashboard.js';
export type { AnyFeature, ConfigOf, Feature, FeatureContext, RunningFeature } from './types.js';
export {
  type ActionButton,
  type ActionResult,
  type AttentionItem,
  type Block,
  type Cell,
  type DownloadFile,
  type FormBlock,
  type FormField,
  type Chart,
  type ChartSeries,
  type ConsoleActionRoute,
  type ConsoleDownload,
  type ConsolePage,
  type ConsolePageRoute,
  type ConsoleRequest,
  type ConsoleSection,
  LOCALES,
  type Locale,
  type Messages,
  type OverviewPart,
  type ProgressBlock,
  type TableRow,
  type Tone,
  type UploadedFile,
} from './console.js';
export { addAt, DAY_MS, HOUR_MS, windowStart } from './series.js';
