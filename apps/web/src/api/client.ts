import { clearSession, sessionHeaders } from '../auth/session';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An answer other than 2xx: the problem+json of api.md, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly title = '',
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  accept?: string;
  idempotencyKey?: string;
  /** Public endpoints must work without a session. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

const NETWORK_MESSAGE = 'Kunde inte nå servern. Kontrollera nätverket och försök igen.';

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (/json/.test(type)) {
    try {
      const body = (await response.json()) as Partial<{
        title: string;
        detail: string;
        code: string;
        errors: FieldError[];
      }>;
      return new ApiError(
        response.status,
        body.code ?? 'UNKNOWN',
        body.detail ?? body.title ?? defaultMessage(response.status),
        Array.isArray(body.errors) ? body.errors : [],
        body.title ?? '',
      );
    } catch {
      // fall through to the generic message
    }
  }
  return new ApiError(response.status, 'UNKNOWN', defaultMessage(response.status));
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Du är inte inloggad, eller så har inloggningen gått ut.';
  if (status === 403) return 'Du har inte behörighet till detta.';
  if (status === 404) return 'Det du söker finns inte.';
  if (status === 429) return 'För många försök på kort tid. Vänta en stund och försök igen.';
  if (status >= 500) return 'Något gick fel på servern. Försök igen om en stund.';
  return 'Begäran kunde inte genomföras.';
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (!options.anonymous) Object.assign(headers, sessionHeaders(options.method ?? 'GET'));
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.anonymous) clearSession();
    throw problem;
  }
  return response;
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function apiBlob(path: string, accept: string): Promise<Blob> {
  const response = await send(path, { accept });
  return response.blob();
}

/**
 * A field message of the api for a person: it names the field by its JSON name ("Fältet description
 * måste anges"); next to the field itself the name is noise, and it is English.
 */
export function fieldMessage(e: FieldError): string {
  const name = e.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return e.message
    .replace(new RegExp(`^Fältet ${name} `), 'Fältet ')
    .replace(new RegExp(`^Fältet ${name}$`), 'Fältet');
}

/** The Swedish message for any error a request can end in. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 400 && error.errors.length > 0)
    return 'Uppgifterna behöver rättas – se de markerade fälten.';
  if (error instanceof ApiError) return error.detail;
  // Errors written for people (sign-in) carry their Swedish text; anything else is not shown raw.
  if (error instanceof Error && error.name === 'OidcError') return error.message;
  return 'Ett oväntat fel inträffade.';
}

/** A UUID v4; crypto.randomUUID exists only in secure contexts (not on plain http to a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
