import Fastify, { type FastifyPluginAsync } from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireRouteScopes, withRouteAccess } from './route-access.ts';

describe('route scopes', () => {
  it('an app with a route that names no scope refuses to start, naming the route', async () => {
    const app = Fastify();
    requireRouteScopes(app);
    app.get('/v1/scoped', { config: { scope: 'read' } }, async () => 'ok');
    app.get('/v1/forgotten', async () => 'ok');
    await expect(app.ready()).rejects.toThrow(/without an access scope.*GET \/v1\/forgotten/);
    await app.close().catch(() => {});
  });

  it('routes of a plugin registered with withRouteAccess get its scope, whatever the plugin set', async () => {
    const app = Fastify();
    requireRouteScopes(app);
    const thirdParty: FastifyPluginAsync = async (scope) => {
      scope.get('/board', async () => 'board');
      scope.put('/board/pause', { config: { scope: 'public' } }, async () => 'paused');
    };
    await app.register(withRouteAccess({ scope: 'admin', basicAuth: true }, thirdParty));
    const seen: unknown[] = [];
    app.addHook('onRequest', async (request) => {
      seen.push([request.method, request.routeOptions.config.scope, request.routeOptions.config.basicAuth]);
    });
    await app.ready();
    await app.inject({ url: '/board' });
    await app.inject({ url: '/board', method: 'HEAD' });
    await app.inject({ url: '/board/pause', method: 'PUT' });
    expect(seen).toEqual([['GET', 'admin', true], ['HEAD', 'admin', true], ['PUT', 'admin', true]]);
    await app.close();
  });
});
