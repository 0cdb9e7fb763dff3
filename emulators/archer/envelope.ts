// The Archer REST response envelope and its validation messages (reference/archer-phishing.md §2.4,
// §2.10): business failures are HTTP 200 with IsSuccessful:false; collections are arrays of envelopes.
export interface ValidationMessage {
  Reason: string;
  Severity: number;
  MessageKey: string;
  Description: string;
  Location: number;
  ErroredValue: unknown;
  Validator: string;
  XmlData: null;
  ResourcedMessage: string | null;
}

export interface Envelope {
  Links: unknown[];
  RequestedObject: unknown;
  IsSuccessful: boolean;
  ValidationMessages: ValidationMessage[];
}

export function ok(requested: unknown): Envelope {
  return { Links: [], RequestedObject: requested, IsSuccessful: true, ValidationMessages: [] };
}

export function fail(...messages: ValidationMessage[]): Envelope {
  return { Links: [], RequestedObject: null, IsSuccessful: false, ValidationMessages: messages };
}

/** One validation message; `controller` names the ASP.NET controller Archer reports as Validator. */
export function message(
  key: string,
  resourced: string | null,
  opts: { controller?: string; erroredValue?: unknown; description?: string } = {},
): ValidationMessage {
  return {
    Reason: 'Validation',
    Severity: 3,
    MessageKey: `ValidationMessageTemplates:${key}`,
    Description: opts.description ?? '',
    Location: -1,
    ErroredValue: opts.erroredValue ?? null,
    Validator: `ArcherApi.Controllers.${opts.controller ?? 'ContentController'}, ArcherApi, Version=6.5.200.1045, Culture=neutral, PublicKeyToken=null`,
    XmlData: null,
    ResourcedMessage: resourced,
  };
}

/** What XSOAR sees for an unknown content id (GET_RECORD_RES_failed). */
export const notFound = (controller?: string) =>
  fail(message('NotFound', 'No resource found.', controller ? { controller } : {}));

/** ASP.NET Web API's body for a request its [Authorize] filter refused. */
export const UNAUTHORIZED_BODY = { Message: 'Authorization has been denied for this request.' };

/** ASP.NET Web API's body for an unhandled exception. */
export const SERVER_ERROR_BODY = { Message: 'An error has occurred.' };

/** What a wrong base path returns on a real instance: 200 and a script back to the login page. */
export const REDIRECT_PAGE =
  "<html><head><script>window.top.location='/Default.aspx';</script></head><body></body></html>";
