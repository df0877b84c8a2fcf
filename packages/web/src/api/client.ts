import { ApiError, type ApiErrorBody } from './errors.js';

/** Where the API lives: the page's own origin, so the UI works behind `faultline serve` and the dev proxy. */
export const API_BASE = '/api/v1';

/** How a request is made; `body` is sent as JSON unless it is a string (sent with `contentType`). */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly contentType?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly signal?: AbortSignal;
  /** `text` for YAML and HTML exports. */
  readonly as?: 'json' | 'text';
}

/** The access token, when the server asks for one (FAULTLINE_TOKEN): kept for the tab only. */
let token: string | undefined = readToken();

function readToken(): string | undefined {
  try {
    return sessionStorage.getItem('faultline.token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Uses this bearer token on every request from now on (an empty string forgets it). */
export function setToken(value: string): void {
  token = value || undefined;
  try {
    if (value) sessionStorage.setItem('faultline.token', value);
    else sessionStorage.removeItem('faultline.token');
  } catch {
    // Storage can be off (private windows); the token still lasts until the page reloads.
  }
}

const unauthorizedListeners = new Set<(args: { error: ApiError }) => void>();

/** Hears every 401, so the app can ask for the access token; returns the unsubscribe. */
export function onUnauthorized(listener: (args: { error: ApiError }) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The URL of an API path with its query string. */
export function urlOf(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Calls the API: resolves with the parsed answer, rejects with an ApiError carrying the server's error body. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: options.as === 'text' ? '*/*' : 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') {
      body = options.body;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      code: 'network',
      message: 'The Faultline server did not answer: is `faultline serve` running?',
    });
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await errorBodyOf(response));
    if (response.status === 401) for (const listener of unauthorizedListeners) listener({ error });
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (options.as === 'text') return (await response.text()) as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function errorBodyOf(response: Response): Promise<ApiErrorBody> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error;
  } catch {
    // Not JSON: a proxy or an old server answered. Say what we got.
  }
  return {
    code: `http_${response.status}`,
    message: `The server answered ${response.status} ${response.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`,
  };
}

/** A WebSocket URL for an API path, on the page's own host (`ws:` or `wss:`). */
export function socketUrlOf(path: string): string {
  const { protocol, host } = window.location;
  // A browser's WebSocket cannot set headers: the server takes the token as `access_token`.
  const query = token ? `?access_token=${encodeURIComponent(token)}` : '';
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${API_BASE}${path}${query}`;
}
