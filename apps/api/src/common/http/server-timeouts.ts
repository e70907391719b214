import type { Server } from 'node:http';

/**
 * Header and body timeouts of the api's HTTP server (issue 24, review L-7): a client that trickles its
 * headers or its body gets 408 and the connection is closed once `requestTimeoutMs` have passed since
 * the request began (headers within `headersTimeoutMs`), instead of Node's 300 s. Only receiving the
 * request is timed; a slow answer (a PDF, a long report) is not. Node checks the open connections
 * every `connectionsCheckingInterval` (default 30 s, which would let a trickle live twice as long),
 * here every second or more often for short timeouts.
 */
export function applyServerTimeouts(
  server: Server,
  options: { requestTimeoutMs: number; headersTimeoutMs: number },
): void {
  const request = Math.max(1, Math.round(options.requestTimeoutMs));
  server.requestTimeout = request;
  server.headersTimeout = Math.min(Math.max(1, Math.round(options.headersTimeoutMs)), request);
  // Read by Node when the server starts listening (setupConnectionsTracking).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    100,
    Math.min(1000, Math.floor(request / 4)),
  );
}
