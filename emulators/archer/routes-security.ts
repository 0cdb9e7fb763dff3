// security/login and security/logout (help.archerirm.cloud authentication.htm; reference §2.3).
// Bad credentials answer HTTP 200 with IsSuccessful:false and LoginNotValid, as XSOAR's tests show.
import { fail, message, ok } from './envelope.js';
import type { ArcherRoute } from './router.js';

type Entry = Record<string, unknown>;

/** ASP.NET model binding matches JSON keys case-insensitively. */
function field(body: Entry, name: string): unknown {
  const k = Object.keys(body).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : body[k];
}

const loginNotValid = () => fail(message('LoginNotValid', null, { controller: 'SecurityController' }));

export const securityRoutes: ArcherRoute[] = [
  {
    method: 'POST',
    pattern: 'security/login',
    anonymous: true,
    handle({ body }, { state, sessions }) {
      // A double-encoded body (a JSON string) binds to no model: same answer as wrong credentials.
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return loginNotValid();
      const b = body as Entry;
      const [instance, username, domain, password] = [
        'InstanceName',
        'Username',
        'UserDomain',
        'Password',
      ].map((k) => field(b, k));
      const user = state.users.find(
        (u) =>
          typeof instance === 'string' &&
          typeof username === 'string' &&
          u.instanceName.toLowerCase() === instance.toLowerCase() &&
          u.username.toLowerCase() === username.toLowerCase() &&
          u.userDomain.toLowerCase() === (typeof domain === 'string' ? domain : '').toLowerCase() &&
          u.password === password,
      );
      if (!user) return loginNotValid();
      const session = sessions.open(user);
      return ok({
        SessionToken: session.token,
        InstanceName: user.instanceName,
        UserId: user.userId,
        ContextType: 0,
        UserConfig: {
          TimeZoneId: 'UTC',
          TimeZoneIdSource: 1,
          LocaleId: 'en-US',
          LocaleIdSource: 1,
          LanguageId: 1,
          DefaultHomeDashboardId: 0,
          DefaultHomeWorkspaceId: 0,
          LanguageIdSource: 1,
          PlatformLanguageId: 1,
          PlatformLanguagePath: 'en-US',
          PlatformLanguageIdSource: 1,
        },
        Translate: false,
        IsAuthenticatedViaRestApi: true,
      });
    },
  },
  {
    method: 'POST',
    pattern: 'security/logout',
    handle({ body }, { sessions }) {
      const value = body !== null && typeof body === 'object' ? field(body as Entry, 'Value') : undefined;
      if (typeof value !== 'string')
        return fail(
          message('Required', 'The Value field is a required field.', { controller: 'SecurityController' }),
        );
      sessions.close(value);
      return ok(null);
    },
  },
];
