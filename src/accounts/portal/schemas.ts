// The shapes of every portal form and path parameter, checked with zod before any work: strings
// bounded in length, ids and tokens in the shape we make them. The body parser (routes.ts) keeps the
// first value of a repeated field.
import { z } from 'zod';
import { addressInputSchema } from '../policy/address.js';
import { GROUP_KINDS, groupNameInputSchema } from '../policy/group-name.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const csrf = z.string().max(256).optional();

export const startBody = z.object({ address: addressInputSchema.optional() }).loose();

export const codeIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });
export const tokenParams = z.object({ token });

export const verifyBody = z.object({ code: z.string().max(64).optional() }).loose();

export const requestBody = z
  .object({
    _csrf: csrf,
    choice: z.string().max(120).optional(),
    given: z.string().max(4096).optional(),
    surname: z.string().max(4096).optional(),
    groupName: groupNameInputSchema.optional(),
    groupKind: z.enum(GROUP_KINDS).optional(),
    groupDescription: z.string().max(1024).optional(),
    consent: z.literal('yes').optional(),
    action: z.enum(['preview', 'submit']).optional(),
  })
  .loose();
export type RequestForm = z.infer<typeof requestBody>;

export const statusActionBody = z
  .object({ _csrf: csrf, request: z.string().regex(/^[A-Za-z0-9_-]{16}$/) })
  .loose();
