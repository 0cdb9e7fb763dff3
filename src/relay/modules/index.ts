// Every relay module graphsoc has, by the name `relay.modules` uses (explicit, no directory scan).
import type { RelayConfig } from '../config.js';
import type { RelayModule } from '../module.js';
import { graphSecurityModule } from './graph-security/index.js';

export interface ModuleInstance {
  module: RelayModule;
  close(): Promise<void>;
}

export const MODULES: Record<string, (config: RelayConfig) => ModuleInstance> = {
  'graph-security': (c) => graphSecurityModule(c.graphSecurity),
};
