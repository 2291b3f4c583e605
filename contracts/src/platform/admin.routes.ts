import { z } from 'zod';
import { defineApi, paged, wholeNumber } from '../http.ts';
import {
  AdminUser,
  Bank,
  CreateBank,
  CreateMenu,
  CreateOrg,
  CreateRole,
  CreateUser,
  ListUsers,
  MenuItem,
  Org,
  Post,
  ReorderMenus,
  ResetPassword,
  Role,
  UpdateBank,
  UpdateMenu,
  UpdateOrg,
  UpdateRole,
  UpdateUser,
} from './admin.schema.ts';
import { AuditQuery } from './audit.schema.ts';
import { platformPermissions as P } from './platform.permissions.ts';
import { SessionInfo } from './session.schema.ts';

const ById = z.object({ id: z.string().min(1).max(64) });
const Ok = z.object({ ok: z.literal(true) });

/**
 * Administration (platform service). Every endpoint is scoped to the caller's bank (union admins:
 * every bank). A role can only grant menus in its bank's package and permissions its author holds.
 * Changes to what a user may do reach their open sessions at once (see `SESSION_BUCKETS.access`).
 */
export const adminApi = defineApi(
  'platform',
  {
    // orgs
    listOrgs: {
      method: 'GET',
      path: '/admin/orgs',
      input: z.object({ bankId: z.string().max(64).optional() }),
      output: z.object({ items: z.array(Org) }),
      permission: P.orgRead,
      summary: 'The org tree of my bank (flat, by path)',
    },
    createOrg: {
      method: 'POST',
      path: '/admin/orgs',
      input: CreateOrg,
      output: Org,
      permission: P.orgManage,
      summary: 'Add a branch or sub-branch under an org of my bank',
    },
    updateOrg: {
      method: 'PATCH',
      path: '/admin/orgs/:id',
      input: UpdateOrg,
      output: Org,
      permission: P.orgManage,
      summary: 'Rename, reorder or move an org (its subtree moves with it)',
    },
    deleteOrg: {
      method: 'DELETE',
      path: '/admin/orgs/:id',
      input: ById,
      output: Ok,
      permission: P.orgManage,
      summary: 'Remove an empty org (409 while it has users or sub-orgs)',
    },
    // banks (union only)
    listBanks: {
      method: 'GET',
      path: '/admin/banks',
      input: z.object({}),
      output: z.object({ items: z.array(Bank) }),
      permission: P.bankRead,
      summary: 'Banks of the union with their menu packages',
    },
    createBank: {
      method: 'POST',
      path: '/admin/banks',
      input: CreateBank,
      output: Bank,
      permission: P.bankManage,
      summary: 'Add a bank (tenant) with its HQ org and menu package',
    },
    updateBank: {
      method: 'PATCH',
      path: '/admin/banks/:id',
      input: UpdateBank,
      output: Bank,
      permission: P.bankManage,
      summary: 'Rename, disable, or change the menu package of a bank',
    },
    // posts
    listPosts: {
      method: 'GET',
      path: '/admin/posts',
      input: z.object({}),
      output: z.object({ items: z.array(Post) }),
      permission: P.userRead,
      summary: 'The posts users can hold',
    },
    // menus
    listMenus: {
      method: 'GET',
      path: '/admin/menus',
      input: z.object({}),
      output: z.object({ items: z.array(MenuItem) }),
      permission: P.menuRead,
      summary: 'The whole menu tree (flat), for union admins; a bank admin sees their package',
    },
    createMenu: {
      method: 'POST',
      path: '/admin/menus',
      input: CreateMenu,
      output: MenuItem,
      permission: P.menuManage,
      summary: 'Add a directory, page or button',
    },
    updateMenu: {
      method: 'PATCH',
      path: '/admin/menus/:id',
      input: UpdateMenu,
      output: MenuItem,
      permission: P.menuManage,
      summary: 'Retitle, move, hide, re-icon or rebind a menu node',
    },
    reorderMenus: {
      method: 'POST',
      path: '/admin/menus/reorder',
      input: ReorderMenus,
      output: z.object({ items: z.array(MenuItem) }),
      permission: P.menuManage,
      summary: 'Set the order of one node’s children',
    },
    deleteMenu: {
      method: 'DELETE',
      path: '/admin/menus/:id',
      input: ById,
      output: Ok,
      permission: P.menuManage,
      summary: 'Remove a menu node without children (its grants go with it)',
    },
    // roles
    listRoles: {
      method: 'GET',
      path: '/admin/roles',
      input: z.object({}),
      output: z.object({ items: z.array(Role) }),
      permission: P.roleRead,
      summary: 'Roles of my bank and the shared templates',
    },
    createRole: {
      method: 'POST',
      path: '/admin/roles',
      input: CreateRole,
      output: Role,
      permission: P.roleManage,
      summary: 'Add a role in my bank: menus and buttons (within the package), data scope, MFA',
    },
    updateRole: {
      method: 'PATCH',
      path: '/admin/roles/:id',
      input: UpdateRole,
      output: Role,
      permission: P.roleManage,
      summary: 'Change a role; its holders’ open sessions change at once',
    },
    deleteRole: {
      method: 'DELETE',
      path: '/admin/roles/:id',
      input: ById,
      output: Ok,
      permission: P.roleManage,
      summary: 'Remove a role nobody holds (409 otherwise)',
    },
    // users
    listUsers: {
      method: 'GET',
      path: '/admin/users',
      input: ListUsers,
      output: paged(AdminUser),
      permission: P.userRead,
      summary: 'Users of my bank, filtered',
    },
    createUser: {
      method: 'POST',
      path: '/admin/users',
      input: CreateUser,
      output: AdminUser,
      permission: P.userCreate,
      summary: 'Add a user; they must change the initial password at first sign-in',
    },
    updateUser: {
      method: 'PATCH',
      path: '/admin/users/:id',
      input: UpdateUser,
      output: AdminUser,
      permission: P.userUpdate,
      summary: 'Change name, org, posts or roles; applies to open sessions at once',
    },
    disableUser: {
      method: 'POST',
      path: '/admin/users/:id/disable',
      input: ById,
      output: AdminUser,
      permission: P.userDisable,
      summary: 'Disable an account and end its sessions',
    },
    enableUser: {
      method: 'POST',
      path: '/admin/users/:id/enable',
      input: ById,
      output: AdminUser,
      permission: P.userDisable,
      summary: 'Enable a disabled account',
    },
    unlockUser: {
      method: 'POST',
      path: '/admin/users/:id/unlock',
      input: ById,
      output: AdminUser,
      permission: P.userUnlock,
      summary: 'Clear a lockout after failed sign-ins',
    },
    resetPassword: {
      method: 'POST',
      path: '/admin/users/:id/reset-password',
      input: ResetPassword,
      output: AdminUser,
      permission: P.userReset,
      summary: 'Set a temporary password: sessions end, a change is forced at next sign-in',
    },
    resetMfa: {
      method: 'POST',
      path: '/admin/users/:id/reset-mfa',
      input: ById,
      output: AdminUser,
      permission: P.userReset,
      summary: 'Remove a user’s MFA (lost phone); sessions end, enrolment is asked again if required',
    },
    // sessions
    listSessions: {
      method: 'GET',
      path: '/admin/sessions',
      input: z.object({
        userId: z.string().max(64).optional(),
        page: wholeNumber({ min: 1 }).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      output: paged(SessionInfo),
      permission: P.sessionRead,
      summary: 'Live sessions in my bank',
    },
    endSession: {
      method: 'POST',
      path: '/admin/sessions/:id/end',
      input: ById,
      output: Ok,
      permission: P.sessionRevoke,
      summary: 'End anyone’s session in my bank',
    },
    // audit export
    exportAudit: {
      method: 'POST',
      path: '/audit/export',
      input: AuditQuery.omit({ page: true, pageSize: true }).extend({
        /** Continue an export: `nextCursor` of the previous part (opaque). */
        cursor: z
          .string()
          .max(400)
          .regex(/^[A-Za-z0-9_-]+$/)
          .optional(),
      }),
      output: z.object({
        filename: z.string(),
        /** This part's CSV: the first part starts with a byte-order mark and the header row. */
        csv: z.string(),
        rows: z.number().int(),
        /** Records matching the filters (for progress). */
        total: z.number().int(),
        /** Where the next part starts (pass as `cursor`); null when this part was the last. */
        nextCursor: z.string().nullable(),
      }),
      permission: P.auditExport,
      summary:
        'The filtered audit records as CSV, newest first, in parts that fit one message (continue with cursor); each part is audited',
    },
  },
  // the platform’s own administration, release control and accounts: union staff act here too
  { unionWrites: true },
);
