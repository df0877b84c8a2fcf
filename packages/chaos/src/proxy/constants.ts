/** The Toxiproxy release whose HTTP API the fault proxy mirrors; GET /version reports it. */
export const TOXIPROXY_API_VERSION = '2.12.0';

/** Toxiproxy's API port, and the proxy server's default. */
export const DEFAULT_API_PORT = 8474;

/** The API answers this machine only, unless told otherwise (with an access token). */
export const DEFAULT_API_HOST = '127.0.0.1';

/** Largest API request body accepted. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Per link, bytes held by toxics plus bytes queued for the destination past which the proxy stops
 * reading from the sender, so TCP flow control pushes back: like a TCP window, this caps the
 * throughput of a link under latency L at about this many bytes per L.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
