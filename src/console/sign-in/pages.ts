// The sign-in pages (eta views, escaped) and what each refusal says to the person: a typed error
// becomes a status and a message in their language, never a stack or a raw Entra body.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import {
  errors as signInCodes,
  SignInFailedError,
  SignInRefusedError,
} from '../../connectors/microsoft/sign-in/index.js';
import type { Locale } from '../../platform/feature/index.js';
import { isGsocError } from '../../platform/errors.js';
import {
  CrossSiteError,
  CsrfError,
  SessionRequiredError,
  SignInThrottledError,
} from '../../platform/web-session/index.js';
import { BadCredentialsError, FlowInvalidError, MethodOffError } from './errors.js';
import { type MessageId, translate } from './messages.js';

const eta = new Eta({
  views: fileURLToPath(new URL('./views/', import.meta.url)),
  autoEscape: true,
  cache: true,
});

export type Why = 'required' | 'signed-out' | 'signed-out-everywhere' | 'idle' | 'expired';
export const WHYS: readonly Why[] = ['required', 'signed-out', 'signed-out-everywhere', 'idle', 'expired'];

const tFor = (locale: Locale) => (id: MessageId, vars?: Record<string, string | number>) =>
  translate(locale, id, vars);

export interface SignInPageModel {
  locale: Locale;
  why?: Why | undefined;
  entra?: { tenant: string } | undefined;
  breakGlass: boolean;
  loginToken: string;
  returnPath: string;
}

export function signInPage(m: SignInPageModel): string {
  const t = tFor(m.locale);
  const returnQuery = m.returnPath === '/' ? '' : `?return=${encodeURIComponent(m.returnPath)}`;
  return eta.render('sign-in', {
    ...m,
    lang: m.locale,
    title: t('signIn.title'),
    t,
    notice: m.why
      ? {
          tone: m.why === 'required' ? 'info' : m.why.startsWith('signed-out') ? 'ok' : 'info',
          text: t(`why.${m.why}`),
        }
      : undefined,
    startHref: `/sign-in/start${returnQuery}`,
  });
}

export interface Refusal {
  status: number;
  lines: string[];
  code?: string | undefined;
  retryAfterSec?: number;
}

/** What a failed sign-in, sign-out or session check says, and with which status. */
export function refusalOf(e: unknown, locale: Locale): Refusal {
  const t = tFor(locale);
  const code = isGsocError(e) ? e.code : undefined;
  if (e instanceof FlowInvalidError) return { status: 400, lines: [t('error.flow')], code };
  if (e instanceof SignInRefusedError) {
    const aadsts = e.fields.aadsts ?? e.fields.oauthError ?? '';
    const line = (() => {
      switch (e.code) {
        case signInCodes.DECLINED.code:
          return t('error.declined');
        case signInCodes.INTERACTION_REQUIRED.code:
          return t('error.interaction', { aadsts });
        case signInCodes.ENTRA_REFUSED.code:
        case signInCodes.CODE_REJECTED.code:
          return t('error.entra', { aadsts, description: e.fields.description ?? '' });
        case signInCodes.ID_TOKEN_INVALID.code:
          return t('error.idToken');
        case signInCodes.NO_ROLE.code:
          return undefined;
        default:
          return t('error.token');
      }
    })();
    if (line !== undefined) return { status: e.httpStatus, lines: [line], code };
  }
  if (e instanceof SignInFailedError) return { status: 502, lines: [t('error.token')], code };
  if (e instanceof SignInThrottledError)
    return {
      status: 429,
      lines: [t('error.throttled', { seconds: e.retryAfterSec })],
      code,
      retryAfterSec: e.retryAfterSec,
    };
  if (e instanceof BadCredentialsError) return { status: 401, lines: [t('error.badCredentials')], code };
  if (e instanceof CrossSiteError) return { status: 403, lines: [t('error.crossSite')], code };
  if (e instanceof CsrfError) return { status: 403, lines: [t('error.csrf')], code };
  if (e instanceof SessionRequiredError) return { status: 401, lines: [t('error.session')], code };
  if (e instanceof MethodOffError) return { status: 404, lines: [t('error.methodOff')], code };
  return {
    status: isGsocError(e) ? e.httpStatus : 500,
    lines: [t('error.other', { code: code ?? 'GSOC_INTERNAL' })],
    code,
  };
}

/** The 403 page of a person Entra signed in who has no console role. */
export function noRoleLines(locale: Locale, user: string, overage: boolean): string[] {
  const t = tFor(locale);
  return overage ? [t('error.noRole', { user }), t('error.overage')] : [t('error.noRole', { user })];
}

export function refusedPage(locale: Locale, r: Pick<Refusal, 'lines' | 'code'>): string {
  const t = tFor(locale);
  return eta.render('refused', { lang: locale, title: t('error.title'), t, lines: r.lines, code: r.code });
}
