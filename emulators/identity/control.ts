// Identity additions to the /_emulator control API: register apps (with their sign-in settings), add
// tenants, mint test tokens, assign app roles, and steer user sign-in (auto-approve, end sessions).
import { z } from 'zod';
import { type ControlRoutes, oneOrMany } from '../shared/control-routes.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { appSchema, tenantSchema } from '../directory/seed.js';
import { issueTestToken } from './test-token.js';
import { RESOURCES } from './tokens.js';
import { appRoleAssignmentSchema, signInAppFields } from './sign-in-apps.js';
import { registerSignInApp, signInOf } from './sign-in-state.js';

const tokenBody = z
  .object({
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    resource: z
      .string()
      .refine((r) => r in RESOURCES, 'unknown resource')
      .default('https://graph.microsoft.com'),
    roles: z.array(z.string()).optional(),
    lifetimeSec: z.number().int().min(1).optional(),
    offsetSec: z.number().int().optional(),
  })
  .strict();

const signInAppSchema = appSchema.extend(signInAppFields);
const signInSettings = z.object({ autoApproveLoginHint: z.boolean() }).strict();

const listOf = <T>(body: T | T[]): T[] => (Array.isArray(body) ? body : [body]);

export function identityControlRoutes(ctx: EmulatorContext) {
  return (routes: ControlRoutes): void => {
    routes.body(
      'POST',
      '/apps',
      oneOrMany(signInAppSchema),
      (b) => {
        const apps = listOf(b).map((a) => registerSignInApp(ctx.state, a));
        return { value: apps.map((a) => ({ tenantId: a.tenantId, clientId: a.clientId })) };
      },
      { status: 201 },
    );
    routes.body(
      'POST',
      '/tenants',
      oneOrMany(tenantSchema),
      (b) => ({
        value: listOf(b).map((t) => ctx.state.addTenant(t)),
      }),
      { status: 201 },
    );
    routes.body('POST', '/app-role-assignments', oneOrMany(appRoleAssignmentSchema), (b) => {
      for (const a of listOf(b)) signInOf(ctx.state).assign(a);
    });
    routes.body('PUT', '/sign-in', signInSettings, (b) => {
      signInOf(ctx.state).autoApproveLoginHint = b.autoApproveLoginHint;
    });
    routes.app.delete<{ Querystring: Record<string, unknown> }>('/sign-in/sessions', async (request) => {
      const tenantId = request.query.tenantId;
      return { ended: signInOf(ctx.state).endSessions(typeof tenantId === 'string' ? tenantId : undefined) };
    });
    routes.body('POST', '/tokens', tokenBody, async (b) => ({
      token_type: 'Bearer',
      access_token: await issueTestToken(ctx, b),
    }));
  };
}
