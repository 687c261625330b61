import crypto from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { AppError } from './errors.js';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Series {
  method: string;
  status: number;
  labels: { method: string; route: string; status: string };
  /** Observations per bucket (not cumulative); index BUCKETS.length holds those above the last bound. */
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A prom-client histogram by (method, route, status) that records an observation in a few array writes.
 * prom-client's own `observe` rebuilds and hashes the label object on every call (about as much CPU as the
 * rest of a health request's hooks); here a route's series are found by url, then method and status, and
 * nothing is allocated once a series exists. The registry formats it exactly as a prom-client Histogram
 * (metrics.test.ts compares the two).
 */
export class RequestDurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly byRoute = new Map<string, Series[]>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    let list = this.byRoute.get(route);
    if (!list) this.byRoute.set(route, (list = []));
    let s: Series | undefined;
    for (const x of list) {
      if (x.status === status && x.method === method) {
        s = x;
        break;
      }
    }
    if (!s) {
      s = { method, status, labels: { method, route, status: String(status) }, counts: new Float64Array(BUCKETS.length + 1), sum: 0, count: 0 };
      list.push(s);
    }
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }

  /** What the registry formats: the shape prom-client's Histogram returns. */
  getForPromString() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string; sharedLabels: Record<string, string> }[] = [];
    const bucket = `${this.name}_bucket`;
    for (const list of this.byRoute.values()) {
      for (const s of list) {
        let acc = 0;
        BUCKETS.forEach((le, i) => {
          acc += s.counts[i]!;
          values.push({ labels: { le }, value: acc, metricName: bucket, sharedLabels: s.labels });
        });
        values.push({ labels: { le: '+Inf' }, value: s.count, metricName: bucket, sharedLabels: s.labels });
        values.push({ labels: {}, value: s.sum, metricName: `${this.name}_sum`, sharedLabels: s.labels });
        values.push({ labels: {}, value: s.count, metricName: `${this.name}_count`, sharedLabels: s.labels });
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The JSON form (registry.getMetricsAsJSON): series labels merged into each value. */
  get() {
    const out = this.getForPromString();
    return { ...out, values: out.values.map(({ sharedLabels, labels, ...v }) => ({ ...v, labels: { ...sharedLabels, ...labels } })) };
  }

  reset(): void {
    this.byRoute.clear();
  }
}

/** Where /metrics is served (config.ts; README's configuration table). */
export interface MetricsExposure {
  /** `GET /metrics` on the app's own port answers only `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
  /** `GET /metrics` on a port of its own (no token), bound to `metricsHost` (default 127.0.0.1). */
  metricsPort?: number | undefined;
  metricsHost?: string | undefined;
}

/** Constant-time comparison of the presented bearer token with the configured one (hashes: equal lengths). */
function tokenMatches(header: string | undefined, token: string): boolean {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!m?.[1]) return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(m[1]), digest(token));
}

/**
 * Prometheus metrics: process defaults plus request counts and latency by route. Request durations are
 * always recorded; exposing them is off unless configured, because they reveal routes, traffic and the
 * process's memory to whoever asks. With a token, `/metrics` on the app's port needs it (401 otherwise;
 * the route carries no API-key hook, since the token is not an API key); with a port, a separate listener
 * on `metricsHost` serves it, opened when the app is ready and closed with it. With neither, no route exists.
 */
export function registerMetrics(app: FastifyInstance, exposure: MetricsExposure = {}): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'kith_' });
  const duration = new RequestDurationHistogram('kith_http_request_duration_seconds', 'HTTP request duration by route and status');
  registry.registerMetric(duration as unknown as client.Metric);
  app.addHook('onResponse', (req, reply, done) => {
    duration.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  const { metricsToken: token, metricsPort: port, metricsHost: host = '127.0.0.1' } = exposure;
  if (token) {
    // No `access`: a route outside /api without one gets no auth hook, so the bearer token is read here only.
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      if (!tokenMatches(req.headers.authorization, token)) {
        reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 'metrics: send Authorization: Bearer <KITH_METRICS_TOKEN>');
      }
      reply.header('Content-Type', registry.contentType);
      return registry.metrics();
    });
  }
  if (port !== undefined) {
    const server = http.createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    // onReady, not onListen: awaited, so a taken port fails the start instead of being logged and ignored.
    app.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
    });
    app.addHook('onClose', async () => {
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    app.decorate('metricsServer', server);
  }
  return registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The separate /metrics listener when `metricsPort` is configured (its address once the app listens). */
    metricsServer?: http.Server;
  }
}
