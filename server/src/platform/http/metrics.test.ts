import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurationHistogram } from './metrics.js';

const observations: [string, string, number, number][] = [
  ['GET', '/api/health', 200, 0.0004],
  ['GET', '/api/health', 200, 0.001], // on a bound: counted in that bucket, as prom-client does
  ['GET', '/api/health', 503, 0.02],
  ['POST', '/api/v1/contacts', 201, 0.3],
  ['GET', '/api/v1/contacts', 200, 7], // above the last bound: only in +Inf
  ['GET', 'unmatched', 404, 0.0001],
  ['GET', '/api/health', 200, 0.07],
];

describe('RequestDurationHistogram', () => {
  it('exports exactly what a prom-client Histogram with the same observations exports', async () => {
    const theirs = new client.Registry();
    const reference = new client.Histogram({
      name: 'kith_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [theirs],
    });
    const ours = new client.Registry();
    const fast = new RequestDurationHistogram('kith_http_request_duration_seconds', 'HTTP request duration by route and status');
    ours.registerMetric(fast as unknown as client.Metric);
    for (const [method, route, status, seconds] of observations) {
      reference.labels({ method, route, status: String(status) }).observe(seconds);
      fast.observe(method, route, status, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('kith_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"} 3');
    // The JSON form too, apart from exemplars (not enabled, so always empty).
    const withoutExemplars = (ms: client.MetricObjectWithValues<client.MetricValue<string>>[]) =>
      ms.map((m) => ({ ...m, values: m.values.map((v) => ({ ...v, exemplar: undefined })) }));
    expect(withoutExemplars(await ours.getMetricsAsJSON())).toEqual(withoutExemplars(await theirs.getMetricsAsJSON()));
  });
});
