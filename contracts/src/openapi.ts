import { z } from 'zod';
import { allEndpoints } from './domains.ts';
import { ErrorBody, pathParams } from './http.ts';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Json;

/** The OpenAPI 3 document of every endpoint, generated from the one declaration in contracts. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  const errorResponse = { content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } } };
  for (const e of allEndpoints()) {
    const path = `/api/${e.domain}${e.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const input = schemaOf(e.input, 'input') as { properties?: Record<string, Json>; required?: string[] };
    const params = pathParams(e.path);
    const parameters: Json[] = params.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: input.properties?.[name] ?? { type: 'string' },
    }));
    const op: Json = {
      operationId: e.id,
      summary: e.summary,
      tags: [e.domain],
      'x-permission': e.permission,
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(e.output, 'output') } },
        },
        '400': { description: 'Invalid input (field messages)', ...errorResponse },
        '401': { description: 'Not signed in', ...errorResponse },
        '403': { description: 'Missing permission or CSRF token', ...errorResponse },
        '404': { description: 'Not found or outside the caller’s scope', ...errorResponse },
        '503': { description: 'Service unavailable, retry', ...errorResponse },
      },
    };
    const rest = Object.fromEntries(
      Object.entries(input.properties ?? {}).filter(([k]) => !params.includes(k)),
    );
    const required = (input.required ?? []).filter((k) => !params.includes(k));
    if (e.mutation) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object', properties: rest, required } } },
      };
    } else {
      for (const [name, schema] of Object.entries(rest)) {
        parameters.push({ name, in: 'query', required: required.includes(name), schema });
      }
    }
    if (parameters.length) op.parameters = parameters;
    paths[path] = { ...(paths[path] ?? {}), [e.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Zhanye API', version, description: 'Generated from @zhanye/contracts; do not edit.' },
    paths,
  };
}
