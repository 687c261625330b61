/**
 * Seeds data through the real HTTP API of a running server, the way the browser does: sign in with
 * POST /auth/login, keep the session cookie and send the CSRF token on every write.
 *
 * @example
 *   const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
 *   const contact = await admin.post<{ id: string }>('/contacts', { givenName: 'An', familyName: 'Nguyễn' });
 */
import type { Contact } from '../../contracts/contacts';
import type { SessionUser } from '../../contracts/identity';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: unknown, method: string, path: string) {
    super(`${method} ${path} → ${status}: ${JSON.stringify(body)}`);
  }
}

export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
    readonly user: SessionUser,
  ) {}

  /** Signs in; throws on wrong credentials or a two-factor account. */
  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { mfaRequired: boolean; user?: SessionUser; csrfToken?: string };
    if (!res.ok || body.mfaRequired || !body.user || !body.csrfToken) throw new ApiError(res.status, body, 'POST', '/auth/login');
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return new ApiClient(baseUrl, cookie, body.csrfToken, body.user);
  }

  /** The session cookie(s) as name/value pairs, to hand to a browser context (skips the sign-in page). */
  cookies(): { name: string; value: string }[] {
    return this.cookie.split('; ').filter(Boolean).map((c) => {
      const i = c.indexOf('=');
      return { name: c.slice(0, i), value: c.slice(i + 1) };
    });
  }

  /** Any request under /api/v1; answers the parsed JSON (undefined on 204). */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!res.ok) throw new ApiError(res.status, parsed, method, path);
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown, version?: number): Promise<T> {
    return this.request<T>('PATCH', path, body, version === undefined ? {} : { 'if-match': `"${version}"` });
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  // ───────────────────────── seeds used by several journeys ─────────────────────────

  /** POST /contacts with the given fields. */
  createContact(input: Record<string, unknown>): Promise<Contact> {
    return this.post<Contact>('/contacts', input);
  }

  /** The first user whose email matches (GET /users?q=). */
  async findUser(email: string): Promise<{ id: string; email: string; name: string; version: number }> {
    const page = await this.get<{ data: { id: string; email: string; name: string; version: number }[] }>(`/users?q=${encodeURIComponent(email)}`);
    const u = page.data.find((x) => x.email === email.toLowerCase());
    if (!u) throw new Error(`user ${email} not found`);
    return u;
  }

  /** The signed-in session as the server sees it now (GET /auth/session). */
  async session(): Promise<SessionUser> {
    return (await this.get<{ user: SessionUser }>('/auth/session')).user;
  }
}
