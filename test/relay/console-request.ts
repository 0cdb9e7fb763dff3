// A console request as the console shell hands a page: plain values, the section's texts through t().
import type { ConsoleRequest, Locale, Messages } from '../../src/platform/feature/index.js';

export function consoleRequest(messages: Messages, locale: Locale = 'en'): ConsoleRequest {
  return {
    params: {},
    query: {},
    locale,
    t(id, vars = {}) {
      const text = messages[locale][id];
      if (text === undefined) throw new Error(`no ${locale} message ${id}`);
      return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
    },
    user: { subject: 'u-1', name: 'Viewer', roles: ['viewer'] },
    can: () => false,
  };
}
