/** `pnpm gen:domains`: writes contracts/src/domains.gen.ts from the domain folders (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findDomains, renderDomainsModule } from './lib/domains-gen.ts';

const src = fileURLToPath(new URL('../contracts/src', import.meta.url));
const names = findDomains(src);
writeFileSync(`${src}/domains.gen.ts`, renderDomainsModule(names));
console.log(`wrote contracts/src/domains.gen.ts: ${names.join(', ')}`);
