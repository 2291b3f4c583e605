import type { MenuNode, Principal, RemoteEntry } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import type { ReleaseService } from '../registry/release.service.ts';
import { UNION_BANK } from '../seed/access.seed.ts';

/** A row of the `menu` table. */
export interface MenuRow {
  id: string;
  parent_id: string | null;
  kind: 'directory' | 'page' | 'button';
  title_zh: string;
  title_en: string;
  icon: string | null;
  app: string | null;
  route: string | null;
  permission: string | null;
  sort: number;
  hidden: number;
}

/**
 * Menus and remote entries are filtered here, on the server: a user receives only the pages
 * their permissions grant inside their bank's menu package (the union: every menu), not hidden,
 * directories that contain one, never buttons (their codes are in `permissions`), and only the
 * remotes behind those pages.
 */
export class MenuService {
  constructor(
    private readonly ds: DataSource,
    private readonly releases: Pick<ReleaseService, 'resolve'>,
  ) {}

  async menusFor(caller: Principal): Promise<MenuNode[]> {
    const rows: MenuRow[] =
      caller.bankId === UNION_BANK
        ? await this.ds.query("SELECT * FROM menu WHERE kind <> 'button' AND hidden = 0 ORDER BY sort, id")
        : await this.ds.query(
            `SELECT m.* FROM menu m JOIN bank_menu bm ON bm.menu_id = m.id AND bm.bank_id = ?
              WHERE m.kind <> 'button' AND m.hidden = 0 ORDER BY m.sort, m.id`,
            [caller.bankId],
          );
    const granted = new Set(caller.permissions);
    const build = (parentId: string | null): MenuNode[] =>
      rows
        .filter((r) => r.parent_id === parentId)
        .flatMap((r): MenuNode[] => {
          const node: MenuNode = {
            id: r.id,
            kind: r.kind === 'page' ? 'page' : 'directory',
            title: { 'zh-CN': r.title_zh, 'en-US': r.title_en },
            icon: r.icon ?? undefined,
            app: r.app ?? undefined,
            route: r.route ?? undefined,
            children: r.kind === 'directory' ? build(r.id) : [],
          };
          if (r.kind === 'page') return !r.permission || granted.has(r.permission) ? [node] : [];
          return node.children.length ? [node] : [];
        });
    return build(null);
  }

  /** The remotes behind the pages this user holds, each at the version their rules resolve to. */
  async remotesFor(caller: Principal): Promise<RemoteEntry[]> {
    const apps = new Set<string>();
    const walk = (nodes: MenuNode[]) => {
      for (const n of nodes) {
        if (n.app) apps.add(n.app);
        walk(n.children);
      }
    };
    walk(await this.menusFor(caller));
    return this.releases.resolve(caller, [...apps]);
  }
}
