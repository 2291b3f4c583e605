/** `pnpm openapi`: writes docs/openapi.json from the contracts (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../contracts/src/openapi.ts';
import { repo } from './lib/stack.ts';

const pkg = (await import('../contracts/package.json', { with: { type: 'json' } })).default;
writeFileSync(join(repo, 'docs/openapi.json'), `${JSON.stringify(openApiDocument(pkg.version), null, 2)}\n`);
console.log('wrote docs/openapi.json');
