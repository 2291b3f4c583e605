import { Platform1764200000000 } from './1764200000000-platform.ts';
import { ReleaseControl1764900000000 } from './1764900000000-release-control.ts';
import { Audit1765100000000 } from './1765100000000-audit.ts';
import { AccessModel1765200000000 } from './1765200000000-access-model.ts';
import { Sessions1765300000000 } from './1765300000000-sessions.ts';
import { AuditChains1765400000000 } from './1765400000000-audit-chains.ts';
import { RoleAssignable1765500000000 } from './1765500000000-role-assignable.ts';
import { DeclaredMenus1765700000000 } from './1765700000000-declared-menus.ts';

/** The platform's migrations, oldest first (the tests of a migration run the ones before it). */
export const PlatformMigrations = [
  Platform1764200000000,
  ReleaseControl1764900000000,
  Audit1765100000000,
  AccessModel1765200000000,
  Sessions1765300000000,
  AuditChains1765400000000,
  RoleAssignable1765500000000,
  DeclaredMenus1765700000000,
];
