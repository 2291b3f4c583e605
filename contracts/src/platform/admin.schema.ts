import { z } from 'zod';
import { wholeNumber } from '../http.ts';
import { DataScopes } from '../permissions.ts';
import { NewPassword } from './session.schema.ts';

/**
 * Administration (RuoYi's model, enforced on the server): orgs in a tree per bank, posts, a menu
 * tree of directories, pages and buttons with permission codes, roles granting menus and a data
 * scope, per-bank menu packages. A bank admin manages their own bank; union admins manage banks.
 */

const Code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.:-]{1,63}$/, 'lower-case letters, digits, _ . : -');
const Title = z.string().trim().min(1, 'required').max(64);
export const Titles = z.object({ 'zh-CN': Title, 'en-US': Title });
/** An id chosen by the server (random) or by the seed (readable); never free text from a form. */
const RefId = z.string().min(1).max(64);

// ---- orgs --------------------------------------------------------------------------------

/** 总行, 支行, 分理处, 事业部 (a business division at head office with its own credit chain). */
export const OrgKind = z.enum(['hq', 'branch', 'subbranch', 'division']);
export const Org = z.object({
  id: z.string(),
  bankId: z.string(),
  parentId: z.string().nullable(),
  /** Materialised path `/<bank>/<hq>/<branch>/`. */
  path: z.string(),
  name: z.string(),
  kind: OrgKind,
  sort: z.number().int(),
  /** Users directly in this org. */
  userCount: z.number().int(),
});
export type Org = z.infer<typeof Org>;
export const CreateOrg = z.object({
  parentId: RefId,
  name: Title,
  kind: OrgKind.exclude(['hq']),
  sort: z.number().int().min(0).max(9999).default(0),
});
/** Moving (`parentId`) re-roots the subtree's paths in one transaction; the HQ cannot move. */
export const UpdateOrg = z.object({
  id: RefId,
  name: Title.optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  parentId: RefId.optional(),
});

// ---- banks and menu packages ------------------------------------------------------------

export const Bank = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.enum(['active', 'disabled']),
  /** The bank's menu package: the menu ids (all kinds) it may use at all. */
  menuIds: z.array(z.string()),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type Bank = z.infer<typeof Bank>;
export const CreateBank = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,16}$/, '2-16 upper-case letters or digits'),
  name: Title.max(100),
  /** The bank's HQ org is created with it. */
  hqName: Title.max(100),
  menuIds: z.array(RefId).max(1000).default([]),
});
export const UpdateBank = z.object({
  id: RefId,
  name: Title.max(100).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  menuIds: z.array(RefId).max(1000).optional(),
});

// ---- posts ------------------------------------------------------------------------------

export const Post = z.object({ id: z.string(), code: z.string(), title: Titles, sort: z.number().int() });
export type Post = z.infer<typeof Post>;

// ---- menus ------------------------------------------------------------------------------

export const MenuKind = z.enum(['directory', 'page', 'button']);
/** One node of the full menu tree, as administrators see it (flat; `parentId` links). */
export const MenuItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: MenuKind,
  title: Titles,
  icon: z.string().nullable(),
  /** Pages: the app that serves the route (`mf-credit`, or `shell` for the shell's own pages). */
  app: z.string().nullable(),
  route: z.string().nullable(),
  /** Pages and buttons: the permission code the node grants (and the API checks). */
  permission: z.string().nullable(),
  sort: z.number().int(),
  /** Hidden pages still grant their permission but are not shown in the side menu. */
  hidden: z.boolean(),
});
export type MenuItem = z.infer<typeof MenuItem>;
/** Each field without defaults: an update must leave what it does not name as it is. */
const MenuShape = {
  parentId: RefId.nullable(),
  kind: MenuKind,
  title: Titles,
  icon: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Za-z]{1,40}$/, 'an antd icon name like TeamOutlined')
    .nullable(),
  app: z
    .string()
    .trim()
    .regex(/^(shell|mf-[a-z0-9-]{1,40})$/, 'an app id like mf-credit, or shell')
    .nullable(),
  route: z
    .string()
    .trim()
    .regex(/^(\/[a-z0-9-]+)+$/, 'a route like /credit/applications')
    .nullable(),
  permission: Code.nullable(),
  sort: z.number().int().min(0).max(9999),
  hidden: z.boolean(),
};
const MenuFields = z.object({
  ...MenuShape,
  icon: MenuShape.icon.default(null),
  app: MenuShape.app.default(null),
  route: MenuShape.route.default(null),
  permission: MenuShape.permission.default(null),
  sort: MenuShape.sort.default(0),
  hidden: MenuShape.hidden.default(false),
});
const menuRules = <
  T extends z.ZodType<{
    kind?: string;
    app?: string | null;
    route?: string | null;
    permission?: string | null;
  }>,
>(
  s: T,
) =>
  s
    .refine((m) => m.kind !== 'page' || (m.app && m.route), {
      message: 'a page needs an app and a route',
      path: ['route'],
    })
    .refine((m) => m.kind !== 'button' || m.permission, {
      message: 'a button needs a permission code',
      path: ['permission'],
    });
export const CreateMenu = menuRules(MenuFields);
/** Partial: move (`parentId`), reorder (`sort`), hide, retitle, rebind. */
export const UpdateMenu = z.object(MenuShape).partial().extend({ id: RefId });
export const ReorderMenus = z.object({
  parentId: RefId.nullable(),
  /** The children of `parentId` in their new order. */
  ids: z.array(RefId).min(1).max(500),
});

// ---- roles ------------------------------------------------------------------------------

export const Role = z.object({
  id: z.string(),
  /** null: a template shared by every bank (built in, read-only for bank admins). */
  bankId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  dataScope: z.enum(DataScopes),
  /** For `custom`: the orgs whose data the role sees. */
  customOrgIds: z.array(z.string()),
  /** Menus, pages and buttons granted. */
  menuIds: z.array(z.string()),
  /** API permissions not tied to a menu node (e.g. `platform:dev-override`). */
  permissions: z.array(z.string()),
  /**
   * Roles this role's holders may give users ("may assign") without holding their codes: how the
   * union lets bank administrators staff their bank with the shared business roles.
   */
  assignableRoleIds: z.array(z.string()),
  /** Holders must sign in with a second factor. */
  mfaRequired: z.boolean(),
  userCount: z.number().int(),
  /** Whether the caller may give this role to a user (they hold its codes, or may assign it). */
  assignable: z.boolean(),
});
export type Role = z.infer<typeof Role>;
const RoleShape = {
  code: Code,
  name: Title,
  dataScope: z.enum(DataScopes),
  customOrgIds: z.array(RefId).max(500),
  menuIds: z.array(RefId).max(1000),
  permissions: z.array(Code).max(200),
  assignableRoleIds: z.array(RefId).max(200),
  mfaRequired: z.boolean(),
};
const RoleFields = z.object({
  ...RoleShape,
  customOrgIds: RoleShape.customOrgIds.default([]),
  menuIds: RoleShape.menuIds.default([]),
  permissions: RoleShape.permissions.default([]),
  assignableRoleIds: RoleShape.assignableRoleIds.default([]),
  mfaRequired: RoleShape.mfaRequired.default(false),
});
export const CreateRole = RoleFields.extend({
  /**
   * Union administrators only: the bank the role belongs to, or null for a shared template.
   * Absent: the caller's own bank.
   */
  bankId: RefId.nullable().optional(),
}).refine((r) => r.dataScope !== 'custom' || r.customOrgIds.length > 0, {
  message: 'pick at least one org for a custom scope',
  path: ['customOrgIds'],
});
/** Without defaults: what an update does not name stays as it is. */
export const UpdateRole = z.object(RoleShape).omit({ code: true }).partial().extend({ id: RefId });

// ---- users ------------------------------------------------------------------------------

export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  bankId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  status: z.enum(['active', 'disabled']),
  /** Locked after repeated failed sign-ins, until `lockedUntil` or an admin unlocks. */
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mfaEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roleIds: z.array(z.string()),
  postIds: z.array(z.string()),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const ListUsers = z.object({
  q: z.string().trim().max(64).optional(),
  /** Union administrators: another bank's users (others: their own bank only). */
  bankId: RefId.optional(),
  orgId: RefId.optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  page: wholeNumber({ min: 1 }).default(1),
  pageSize: wholeNumber({ min: 1, max: 100 }).default(20),
});
export const CreateUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,63}$/, '3-64 lower-case letters, digits, _ . -'),
  displayName: Title,
  orgId: RefId,
  roleIds: z.array(RefId).max(50).default([]),
  postIds: z.array(RefId).max(50).default([]),
  /** Initial password; the user must change it at first sign-in. */
  password: NewPassword,
});
export const UpdateUser = z.object({
  id: RefId,
  displayName: Title.optional(),
  orgId: RefId.optional(),
  roleIds: z.array(RefId).max(50).optional(),
  postIds: z.array(RefId).max(50).optional(),
});
export const ResetPassword = z.object({ id: RefId, password: NewPassword });
