import type { DomainDecl } from './domain.ts';
import { DOMAINS, Permissions } from './domains.gen.ts';
import type { Endpoint } from './http.ts';

/** A permission code of the product (typed: `can()` and endpoint declarations take these). */
export type Permission = (typeof Permissions)[keyof typeof Permissions];
export const allPermissions: readonly Permission[] = Object.values(Permissions);

/** The name of every domain service, the platform first (`zy-<name>`, `api.<name>`, caller audience). */
export const domainNames = (): string[] => DOMAINS.map((d) => d.name);

/** Each domain's service process: its name and the folder under `bff/` it runs from. */
export const domainServices = (): { name: string; folder: string }[] =>
  DOMAINS.map((d: DomainDecl) => ({ name: d.name, folder: d.service ?? d.name }));

/** Every HTTP API of the product by name, for the OpenAPI document and the generated security tests. */
export const allApis: Record<string, Readonly<Record<string, Endpoint>>> = Object.assign(
  {},
  ...DOMAINS.map((d: DomainDecl) => d.apis),
);

export const allEndpoints = (): Endpoint[] => Object.values(allApis).flatMap((api) => Object.values(api));

/**
 * Which component may vouch for a user towards which service: the signer (the token's `kid`) and
 * the audiences it may sign for. The gateway (every browser request enters through it) may call
 * every service; release tooling registers builds with the platform; each domain may call the
 * services its declaration names in `calls`, and no other. A service refuses a caller token from
 * anyone else, so a component that is compromised can only speak for users to the services it
 * already calls.
 */
export const CALLER_POLICY: Readonly<Record<string, '*' | readonly string[]>> = {
  gateway: '*',
  release: ['platform'],
  ...Object.fromEntries(
    DOMAINS.filter((d: DomainDecl) => d.calls?.length).map((d: DomainDecl) => [
      d.name,
      [...new Set((d.calls ?? []).map((c) => c.service))],
    ]),
  ),
};

export const mayCall = (signer: string, audience: string): boolean => {
  const allowed = CALLER_POLICY[signer];
  return allowed === '*' || (allowed?.includes(audience) ?? false);
};
