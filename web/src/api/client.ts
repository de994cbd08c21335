// The one way the UI talks to the server: same-origin fetch with the session cookie,
// the CSRF token on unsafe methods, and the error contract of docs/api-conventions.md
// turned into an ApiError that forms can show next to the field at fault.

export const API_BASE = '/api/v1';

/** An error body as the server sends it: {"error":{code,message,field,request_id}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once by the session module: what to do when the session has expired. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

function url(path: string, query?: Query): string {
  let u = API_BASE + path;
  if (query) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    }
    const s = p.toString();
    if (s) u += '?' + s;
  }
  return u;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy page or an empty body */
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError(
      res.status,
      e.code,
      typeof e.message === 'string' ? e.message : '',
      typeof e.field === 'string' ? e.field : '',
      typeof e.request_id === 'string' ? e.request_id : '',
    );
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'http_' + res.status, '', '', '');
}

export interface RequestOptions {
  query?: Query;
  /** Login must not trigger the session-expired flow on its own 401. */
  skipAuthHandler?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '', '', '');
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.status === 401 && err.code === 'unauthenticated' && !opts.skipAuthHandler && onUnauthenticated) {
      onUnauthenticated();
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, { query }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Field errors for a form: the API names one field per error (dotted path) or none. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(err: unknown): { fields: FieldErrors; general: ApiError | null } {
  if (err instanceof ApiError && err.field) return { fields: { [err.field]: err.message }, general: null };
  if (err instanceof ApiError) return { fields: {}, general: err };
  return { fields: {}, general: new ApiError(0, 'internal', String(err), '', '') };
}

/** POST a body that is not JSON (a CSV file) with the CSRF token; errors as for `request`. */
export async function postRaw<T>(path: string, body: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path), { method: 'POST', headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'network', '', '', '');
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.status === 401 && err.code === 'unauthenticated' && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  return (await res.json()) as T;
}
