import { z } from 'zod';

export const ErrorSchema = z
  .object({
    error: z.object({
      status: z.number().int(),
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Error responses a route can give, for its schema (documented and serialized with the same shape). */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 406 | 409 | 429 | 503)[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}

export type Security = { [scheme: string]: string[] }[];
export const readSecurity: Security = [{ bearer: [] }, { apiKeyHeader: [] }];
export const adminSecurity: Security = readSecurity;
