import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { allEndpoints } from './domains.ts';
import { openApiDocument } from './openapi.ts';

describe('contracts', () => {
  it('declares every endpoint once (unique id and method+path)', () => {
    const eps = allEndpoints();
    expect(new Set(eps.map((e) => e.id)).size).toBe(eps.length);
    expect(new Set(eps.map((e) => `${e.method} ${e.domain}${e.path}`)).size).toBe(eps.length);
  });

  it('has a committed OpenAPI document that matches the contracts (run `pnpm openapi`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument(pkg.version))));
  });
});
