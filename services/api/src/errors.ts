import type { FastifyError } from 'fastify';
import { ContractError, fieldPath } from '@tickerwire/core';
import { isStoreUnavailable } from '@tickerwire/store';

/** One failing field: `tickers[0]`, `cursor`, `body.url`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Every error the API answers with: a status, a machine-readable code, and the failing field when there is one. */
export interface ErrorBody {
  error: {
    status: number;
    code: string;
    message: string;
    field?: string;
    issues?: FieldIssue[];
  };
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly headers: Record<string, string>;

  constructor(statusCode: number, code: string, message: string, options: { field?: string; issues?: FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.issues = options.issues ?? (options.field ? [{ field: options.field, message }] : []);
    this.headers = options.headers ?? {};
  }

  static badRequest(field: string, message: string): ApiError {
    return new ApiError(400, 'invalid_request', `${field}: ${message}`, { issues: [{ field, message }] });
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} not found`);
  }
}

export function errorBody(status: number, code: string, message: string, issues: FieldIssue[] = []): ErrorBody {
  const body: ErrorBody = { error: { status, code, message } };
  if (issues.length > 0) {
    body.error.field = issues[0]!.field;
    body.error.issues = issues;
  }
  return body;
}

interface ValidationItem {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `/tickers/0` → `tickers[0]`; an unknown parameter is named by its own key. */
export function validationIssues(items: readonly ValidationItem[], context: string | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const item of items) {
    const path = (item.instancePath ?? '')
      .split('/')
      .filter((p) => p.length > 0)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replaceAll('~1', '/').replaceAll('~0', '~')));
    const keys = item.keyword === 'unrecognized_keys' && Array.isArray(item.params?.keys) ? (item.params.keys as unknown[]).map(String) : null;
    if (keys) {
      for (const key of keys) issues.push({ field: fieldPath([...path, key]), message: `unknown ${context === 'querystring' ? 'parameter' : 'field'}` });
      continue;
    }
    issues.push({ field: path.length === 0 ? (context ?? '(root)') : fieldPath(path), message: item.message ?? 'invalid' });
  }
  return issues;
}

/** Maps anything a handler or fastify throws to a status and an ErrorBody. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string>; unexpected: boolean } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: errorBody(error.statusCode, error.code, error.message, error.issues), headers: error.headers, unexpected: false };
  }
  if (error instanceof ContractError) {
    const issues = error.issues.map((i) => ({ field: i.path, message: i.message }));
    const conflict = issues.some((i) => i.field === 'id' && /exists already/.test(i.message));
    const status = conflict ? 409 : 400;
    return { status, body: errorBody(status, conflict ? 'conflict' : 'invalid_request', error.message, issues), headers: {}, unexpected: false };
  }
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const issues = validationIssues(fastifyError.validation as ValidationItem[], fastifyError.validationContext);
    const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return { status: 400, body: errorBody(400, 'invalid_request', message, issues), headers: {}, unexpected: false };
  }
  // The database away (killed, restarting, unreachable): the client may try again, unlike a 500.
  if (isStoreUnavailable(error)) {
    return { status: 503, body: errorBody(503, 'store_unavailable', 'the database is unavailable; try again shortly'), headers: { 'retry-after': '5' }, unexpected: false };
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, body: errorBody(status, String(fastifyError.code ?? 'bad_request').toLowerCase(), fastifyError.message ?? 'bad request'), headers: {}, unexpected: false };
  }
  return { status: 500, body: errorBody(500, 'internal', 'internal error'), headers: {}, unexpected: true };
}
