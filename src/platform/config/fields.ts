// Field shapes several configuration sections share, so each is validated and worded one way.
import { z } from 'zod';

/** An https URL without trailing slashes (paths are joined to it). */
export const httpsUrl = z
  .url({ protocol: /^https$/, error: 'expected an https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));
