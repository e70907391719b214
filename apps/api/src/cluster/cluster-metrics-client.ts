import { isMetricsResponse, METRICS_REQUEST, type MetricsRequest } from './cluster-metrics-messages';

const TIMEOUT_MS = 8_000;
let nextId = 1;

/**
 * In an api worker of a cluster: the metrics of all workers, summed by the primary (prom-client's
 * AggregatorRegistry), so a scrape that lands on any worker sees the whole api.
 */
export function clusterMetricsFromPrimary(): Promise<string> {
  const send = process.send?.bind(process);
  if (!send) return Promise.reject(new Error('inte en arbetsprocess i ett kluster'));
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('primärprocessen svarade inte med mätvärden'));
    }, TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      if (!isMetricsResponse(message) || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'mätvärdena kunde inte samlas in'));
    };
    process.on('message', onMessage);
    const request: MetricsRequest = { type: METRICS_REQUEST, id };
    send(request);
  });
}
