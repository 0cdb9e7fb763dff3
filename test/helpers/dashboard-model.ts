// A complete dashboard model for route tests; override what a test is about.
import type { DashboardModel } from '../../src/console/model.js';

export function dashboardModel(over: Partial<DashboardModel> = {}): DashboardModel {
  return {
    mode: 'serve',
    version: '0.0.0-test',
    instance: 'test-1',
    database: { dialect: 'sqlite', state: 'ok', detail: 'migrations applied' },
    tenants: [],
    dependencies: [],
    jobs: [],
    panels: [],
    leases: [],
    generatedAt: '2026-11-22T00:00:00.000Z',
    ...over,
  };
}
