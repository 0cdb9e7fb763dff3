// The HTML the authorize endpoint shows: the sign-in page (pick a seeded user or type a user name; the
// emulator asks for no password), the error page for errors it must not redirect, and the form_post
// answer. Everything a request or the directory supplies is escaped; no scripts or assets load from
// elsewhere.
import type { AadstsError } from './aadsts-errors.js';

/** The accounts listed on the page; others can still be typed in. */
export const LISTED_USERS_MAX = 50;

export function escapeHtml(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    else out += ch;
  }
  return out;
}

function layout(title: string, body: string, onload = ''): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="none"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
button{display:block;width:100%;margin:.4rem 0;padding:.6rem;text-align:left;font:inherit;cursor:pointer}
input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}.error{color:#a80000}
.muted{color:#605e5c;font-size:.9em}</style></head>
<body${onload}>${body}</body></html>`;
}

export interface SignInPageModel {
  tenantName: string;
  appName: string;
  action: string;
  flowToken: string;
  users: Array<{ upn: string; name: string }>;
  loginHint?: string | undefined;
  error?: string | undefined;
}

export function signInPage(m: SignInPageModel): string {
  const accounts = m.users
    .map(
      (u) =>
        `<button type="submit" name="account" value="${escapeHtml(u.upn)}" data-upn="${escapeHtml(u.upn)}">${escapeHtml(u.name)}<br><span class="muted">${escapeHtml(u.upn)}</span></button>`,
    )
    .join('\n');
  const error = m.error ? `<p class="error" role="alert" id="error">${escapeHtml(m.error)}</p>` : '';
  return layout(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to <b>${escapeHtml(m.appName)}</b> (${escapeHtml(m.tenantName)})</p>${error}
<form method="post" action="${escapeHtml(m.action)}" id="sign-in">
<input type="hidden" name="flowToken" value="${escapeHtml(m.flowToken)}">
${accounts ? `<p>Pick an account</p>\n${accounts}` : ''}
<p><label for="username">Or enter a user name</label></p>
<input id="username" name="username" type="text" autocomplete="username" value="${escapeHtml(m.loginHint ?? '')}">
<button type="submit" name="action" value="signin" id="sign-in-button">Sign in</button>
<button type="submit" name="action" value="cancel" id="cancel-button">Cancel</button>
</form>
<p class="muted">graphsoc Entra ID emulator: no password is asked.</p>`,
  );
}

/** An error Entra shows to the user instead of redirecting (unknown app, unregistered redirect URI). */
export function errorPage(err: AadstsError, description: string): string {
  return layout(
    'Sign in to your account',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" role="alert" id="error" data-code="AADSTS${err.code}">${escapeHtml(description)}</p>`,
  );
}

/** response_mode=form_post: a form that posts the answer to the redirect URI as soon as it loads. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return layout(
    'Working...',
    `<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">
${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
</form>`,
    ' onload="javascript:document.forms[0].submit()"',
  );
}
