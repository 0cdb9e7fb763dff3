// The relay's section of the operator console: navigation, the /relay page, its overview part and texts.
import type { ConsoleSection } from '../../platform/feature/index.js';
import { relayMessages } from './messages.js';
import { type RelayConsoleOptions, relayOverview, relayPage } from './page.js';

export type { RelayConsoleOptions } from './page.js';
export { relayMessages } from './messages.js';
export { moduleDefinition } from './module-definition.js';

export function relayConsole(o: RelayConsoleOptions): ConsoleSection {
  return {
    nav: [{ path: '/relay', title: 'relay.nav' }],
    pages: [{ path: '/relay', render: (req) => relayPage(o, req) }],
    messages: relayMessages,
    overview: (req) => relayOverview(o, req),
  };
}
