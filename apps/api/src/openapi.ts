import { ProblemSchema } from '@ccm/contracts';
import { resolver } from 'hono-openapi';
import type { z } from 'zod';

export const PROBLEM = 'application/problem+json';

/** An OpenAPI response whose JSON body the zod `schema` describes. */
export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
});

/** The problem-details responses a route may give, by status. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: 'problem details', content: { [PROBLEM]: { schema: resolver(ProblemSchema) } } },
    ]),
  );
