/** IPC between an api worker serving `/metrics` and the primary that gathers every worker's registry. */
export const METRICS_REQUEST = 'kvalitet:cluster-metrics-request';
export const METRICS_RESPONSE = 'kvalitet:cluster-metrics-response';

export interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}

export interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

export function isMetricsRequest(message: unknown): message is MetricsRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === METRICS_REQUEST
  );
}

export function isMetricsResponse(message: unknown): message is MetricsResponse {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === METRICS_RESPONSE
  );
}
