// Dependency checks: the registry that runs them in the background, and their recorded history.
export { type HealthRecorder, HealthHistory, type Outage, type RecordedState } from './history.js';
export { type OutageChartOptions, outageChart, outageRange } from './outage-chart.js';
export {
  type CheckState,
  type CheckStatus,
  type DependencyCheck,
  HealthRegistry,
  type HealthRegistryOptions,
} from './registry.js';
