import { adminApi } from '@zhanye/contracts';
import { type Bus, type Route, route } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service.ts';
import type { SessionControl } from '../session/session.port.ts';
import { audited } from './admin.scope.ts';
import { BankService } from './bank.service.ts';
import { MenuAdminService } from './menu-admin.service.ts';
import { OrgService } from './org.service.ts';
import { RoleService } from './role.service.ts';
import { UserService } from './user.service.ts';

export interface AdminServices {
  orgs: OrgService;
  banks: BankService;
  menus: MenuAdminService;
  roles: RoleService;
  users: UserService;
}

export function adminServices(ds: DataSource, sessions: SessionControl): AdminServices {
  return {
    orgs: new OrgService(ds, sessions),
    banks: new BankService(ds, sessions),
    menus: new MenuAdminService(ds, sessions),
    roles: new RoleService(ds, sessions),
    users: new UserService(ds, sessions),
  };
}

/**
 * The administration API (`adminApi`), except the session endpoints (served with sessions). The
 * kit checks each endpoint's permission; the services scope every record to the caller's bank and
 * record before/after of each change for the audit log.
 */
export function adminRoutes(s: AdminServices, audit: AuditService, bus: Bus): Route[] {
  const { orgs, banks, menus, roles, users } = s;
  return [
    route(adminApi.listOrgs, async ({ caller, input }) => ({ items: await orgs.list(caller, input.bankId) })),
    route(adminApi.createOrg, async (c) => audited(c.audit, await orgs.create(c.caller, c.input))),
    route(adminApi.updateOrg, async (c) => audited(c.audit, await orgs.update(c.caller, c.input))),
    route(adminApi.deleteOrg, async (c) => audited(c.audit, await orgs.remove(c.caller, c.input.id))),
    route(adminApi.listBanks, async ({ caller }) => ({ items: await banks.list(caller) })),
    route(adminApi.createBank, async (c) => audited(c.audit, await banks.create(c.caller, c.input))),
    route(adminApi.updateBank, async (c) => audited(c.audit, await banks.update(c.caller, c.input))),
    route(adminApi.listPosts, async ({ caller }) => ({ items: await users.posts(caller) })),
    route(adminApi.listMenus, async ({ caller }) => ({ items: await menus.list(caller) })),
    route(adminApi.createMenu, async (c) => audited(c.audit, await menus.create(c.caller, c.input))),
    route(adminApi.updateMenu, async (c) => audited(c.audit, await menus.update(c.caller, c.input))),
    route(adminApi.reorderMenus, async (c) => ({
      items: audited(c.audit, await menus.reorder(c.caller, c.input)),
    })),
    route(adminApi.deleteMenu, async (c) => audited(c.audit, await menus.remove(c.caller, c.input.id))),
    route(adminApi.listRoles, async ({ caller }) => ({ items: await roles.list(caller) })),
    route(adminApi.createRole, async (c) => audited(c.audit, await roles.create(c.caller, c.input))),
    route(adminApi.updateRole, async (c) => audited(c.audit, await roles.update(c.caller, c.input))),
    route(adminApi.deleteRole, async (c) => audited(c.audit, await roles.remove(c.caller, c.input.id))),
    route(adminApi.listUsers, ({ caller, input }) => users.list(caller, input)),
    route(adminApi.createUser, async (c) => audited(c.audit, await users.create(c.caller, c.input))),
    route(adminApi.updateUser, async (c) => audited(c.audit, await users.update(c.caller, c.input))),
    route(adminApi.disableUser, async (c) => audited(c.audit, await users.disable(c.caller, c.input.id))),
    route(adminApi.enableUser, async (c) => audited(c.audit, await users.enable(c.caller, c.input.id))),
    route(adminApi.unlockUser, async (c) => audited(c.audit, await users.unlock(c.caller, c.input.id))),
    route(adminApi.resetPassword, async (c) =>
      audited(c.audit, await users.resetPassword(c.caller, c.input.id, c.input.password)),
    ),
    route(adminApi.resetMfa, async (c) => audited(c.audit, await users.resetMfa(c.caller, c.input.id))),
    route(adminApi.exportAudit, async ({ caller, input, audit: notes }) => {
      const out = await audit.export(caller, input, (bus.nc.info?.max_payload ?? 1_048_576) - 64 * 1024);
      // the export itself is audited (it is a POST): what was taken, not the file
      notes.after = {
        rows: out.rows,
        total: out.total,
        filename: out.filename,
        // the cursor itself names a record (time, id) that may be another bank's: not kept
        continued: Boolean(input.cursor),
      };
      return out;
    }),
  ];
}
