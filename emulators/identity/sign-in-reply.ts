// Sends the authorize endpoint's answer (a code or an error, with the state) to the client's redirect
// URI in the response mode it asked for: the query, the fragment, or a self-posting form.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response
import type { FastifyReply } from 'fastify';
import type { ReplyTarget } from './authorize-request.js';
import { formPostPage } from './sign-in-page.js';

export function sendToClient(reply: FastifyReply, target: ReplyTarget, params: Record<string, string>) {
  const fields = { ...params, ...(target.state !== undefined ? { state: target.state } : {}) };
  if (target.responseMode === 'form_post') {
    return reply.code(200).type('text/html; charset=utf-8').send(formPostPage(target.redirectUri, fields));
  }
  const url = new URL(target.redirectUri);
  if (target.responseMode === 'fragment') {
    url.hash = new URLSearchParams(fields).toString();
  } else {
    for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  }
  return reply.redirect(url.toString(), 302);
}
