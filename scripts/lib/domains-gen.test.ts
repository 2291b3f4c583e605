import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOMAINS, type DomainDecl, Permissions } from '@zhanye/contracts';
import { describe, expect, it } from 'vitest';
import { findDomains, renderDomainsModule } from './domains-gen.ts';

const src = fileURLToPath(new URL('../../contracts/src', import.meta.url));
const domains: readonly DomainDecl[] = DOMAINS;

describe('domain declarations', () => {
  it('has a committed contracts/src/domains.gen.ts that lists every domain folder (run `pnpm gen:domains`)', () => {
    const committed = readFileSync(`${src}/domains.gen.ts`, 'utf8');
    expect(committed).toBe(renderDomainsModule(findDomains(src)));
  });

  it('names each domain after its folder, once', () => {
    expect(domains.map((d) => d.name)).toEqual(findDomains(src));
  });

  it('keeps permission codes in the domain’s own namespace, with no key or code declared twice', () => {
    const keys = domains.flatMap((d) => Object.keys(d.permissions));
    const codes = domains.flatMap((d) => Object.values(d.permissions));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(Permissions).length).toBe(keys.length);
    for (const d of domains) {
      for (const code of Object.values(d.permissions)) expect(code.split(':')[0]).toBe(d.name);
    }
  });

  it('requires on every endpoint and menu node only codes its own domain declares', () => {
    for (const d of domains) {
      const own = new Set(Object.values(d.permissions));
      for (const e of Object.values(d.apis).flatMap((api) => Object.values(api))) {
        // the platform also declares the gateway's sign-in steps (`/api/auth`)
        expect([d.name, ...(d.name === 'platform' ? ['auth'] : [])]).toContain(e.domain);
        if (e.permission) expect(own, `${e.id} requires ${e.permission}`).toContain(e.permission);
      }
      for (const m of d.menus ?? []) if (m.permission) expect(own).toContain(m.permission);
      // a domain grants templates only its own menu nodes
      const nodes = new Set((d.menus ?? []).map((m) => m.id));
      for (const menus of Object.values(d.grants ?? {})) for (const id of menus) expect(nodes).toContain(id);
    }
  });

  it('has one menu tree: unique ids, every parent declared, pages with a route and app', () => {
    const menus = domains.flatMap((d) => d.menus ?? []);
    const ids = new Set(menus.map((m) => m.id));
    expect(ids.size).toBe(menus.length);
    for (const m of menus) {
      if (m.parent) expect(ids, `${m.id}'s parent`).toContain(m.parent);
      if (m.kind === 'page') expect(m.route && m.app && m.permission).toBeTruthy();
    }
  });

  it('calls only what another domain answers, on its own subjects; publishes only its own events', () => {
    for (const d of domains) {
      for (const c of d.answers ?? []) expect(c.subject.startsWith(`svc.${d.name}.`)).toBe(true);
      for (const e of d.events ?? []) expect(e.subject.startsWith(`evt.${d.name}.`)).toBe(true);
      for (const c of d.calls ?? []) {
        const callee = domains.find((x) => x.name === c.service);
        expect(callee?.answers ?? [], `${d.name} calls ${c.subject}`).toContain(c);
      }
    }
  });
});
