import type { FastifyContextConfig, FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, RouteOptions } from 'fastify';

export const scopes = ['public', 'read', 'admin'] as const;
export type Scope = (typeof scopes)[number];

/** Which page a route serves, for its Content-Security-Policy; API routes have none. */
export type PageKind = 'docs' | 'dashboard' | 'web';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route. Every route must name one: the app refuses to start otherwise,
     * so access is decided by the route the router matched, never by how the URL was spelt.
     */
    scope?: Scope;
    /** Basic auth is accepted (the dashboard: a browser's only way to send a key without a proxy). */
    basicAuth?: boolean;
    /** An HTML page and its assets, served with that page's Content-Security-Policy. */
    page?: PageKind;
    /** Answer with an ETag and honour If-None-Match. */
    etag?: boolean;
  }
}

/** What a route's access is decided from: the route the router matched (or none). */
export interface MatchedRoute {
  is404: boolean;
  config: FastifyContextConfig | undefined;
}

/**
 * The scope a request needs. A request no route matched changes nothing, but the route map
 * is not public: it needs a read key (so 401 without one, 404 with one).
 */
export function requiredScope(route: MatchedRoute): Scope {
  if (route.is404) return 'read';
  const scope = route.config?.scope;
  // requireRouteScopes refuses to start with such a route; this is the belt to those braces.
  if (!scope) throw new Error('route without a scope');
  return scope;
}

type AccessDefaults = Required<Pick<FastifyContextConfig, 'scope'>> & Pick<FastifyContextConfig, 'basicAuth' | 'page'>;

/**
 * Registers a plugin whose routes we do not write (the dashboard, the docs) with the access
 * given here set on each of them, whatever the plugin set itself.
 */
export function withRouteAccess<Options extends Record<string, unknown>>(
  access: AccessDefaults,
  plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>,
  options?: Options,
): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, ...access };
    });
    await scope.register(plugin, options ?? ({} as Options));
  };
}

/**
 * Makes the app refuse to start (ready() rejects) while any route lacks a scope. The check runs
 * once every plugin has added its routes: plugins set theirs in their own onRoute hooks, which
 * run after this root hook has collected the route.
 */
export function requireRouteScopes(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const unscoped = routes.filter((route) => !scopes.includes(route.config?.scope as Scope)).map((route) => `${String(route.method)} ${route.url}`);
    if (unscoped.length > 0) throw new Error(`routes without an access scope (config.scope: ${scopes.join(' | ')}): ${unscoped.join(', ')}`);
  });
}
