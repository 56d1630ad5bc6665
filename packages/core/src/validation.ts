import type { z } from 'zod';

/** Thrown when a value does not fit the contract; the message names every failing field. */
export class ContractError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(what: string, issues: readonly { path: string; message: string }[]) {
    super(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ContractError';
    this.issues = issues;
  }
}

/** `events[0].to` style path, as a person would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
}

/** Every failing field of a zod error on one line: "events[0].to: expected number; type: …". */
export function formatIssues(error: z.ZodError): string {
  return describeIssues(error)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}

/** Parse or throw a ContractError naming the fields; `what` says what was being parsed. */
export function parseContract<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContractError(what, describeIssues(result.error));
  return result.data;
}
