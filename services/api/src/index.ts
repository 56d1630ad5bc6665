// @tickerwire/api: the HTTP API, to run as a service (src/main.ts) or in-process (the CLI's all-in-one).
export { buildApi, startApi, type Api, type ApiDeps, type ApiOptions } from './app.ts';
export { loadApiConfig, type ApiConfig } from './config.ts';
export { createApiKey } from '@tickerwire/store';
