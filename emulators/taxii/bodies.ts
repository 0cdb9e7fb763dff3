// TAXII 2.1 media type and the error message resource (TAXII 2.1 §3.6.1: title required;
// description, error_id, error_code, http_status as a string, external_details, details optional).
// @link https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html#_Toc31107543

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

export interface TaxiiErrorBody {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function taxiiError(status: number, description: string, code?: string): TaxiiErrorBody {
  return {
    title: TITLES[status] ?? `HTTP ${status}`,
    description,
    ...(code ? { error_code: code } : {}),
    http_status: String(status),
  };
}

/**
 * Whether an Accept header takes TAXII 2.1: application/taxii+json with version=2.1 or no version
 * (TAXII 2.1 §1.6.8.1: a server answers 406 for a media type it does not serve).
 */
export function acceptsTaxii21(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept
    .slice(0, 1000)
    .split(',')
    .some((range) => {
      const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
      if (type !== 'application/taxii+json') return false;
      const version = params.find((p) => p.startsWith('version='));
      return version === undefined || version === 'version=2.1';
    });
}
