import type { MenuNode, Principal, RemoteEntry } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';

interface MenuRow {
  id: string;
  parent_id: string | null;
  kind: 'directory' | 'page';
  title_zh: string;
  title_en: string;
  icon: string | null;
  app: string | null;
  route: string | null;
  permission: string | null;
}

/**
 * Menus and remote entries are filtered here, on the server: a user receives only the pages
 * their permissions grant, directories that contain one, and only the remotes behind those pages.
 */
export class MenuService {
  constructor(private readonly ds: DataSource) {}

  async menusFor(caller: Principal): Promise<MenuNode[]> {
    const rows: MenuRow[] = await this.ds.query('SELECT * FROM menu ORDER BY sort, id');
    const granted = new Set(caller.permissions);
    const build = (parentId: string | null): MenuNode[] =>
      rows
        .filter((r) => r.parent_id === parentId)
        .flatMap((r): MenuNode[] => {
          const node: MenuNode = {
            id: r.id,
            kind: r.kind,
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

  async remotesFor(caller: Principal): Promise<RemoteEntry[]> {
    const apps = new Set<string>();
    const walk = (nodes: MenuNode[]) => {
      for (const n of nodes) {
        if (n.app) apps.add(n.app);
        walk(n.children);
      }
    };
    walk(await this.menusFor(caller));
    if (!apps.size) return [];
    const rows: { app: string; scope: string; version: string; manifest_url: string; route: string }[] =
      await this.ds.query(
        'SELECT app, scope, version, manifest_url, route FROM app_release WHERE active = 1 AND app IN (?)',
        [[...apps]],
      );
    return rows.map((r) => ({
      app: r.app,
      scope: r.scope,
      version: r.version,
      manifestUrl: r.manifest_url,
      route: r.route,
    }));
  }

  /** Registers a release and (optionally) makes it the one everybody gets. */
  async registerRelease(
    r: { app: string; scope: string; version: string; manifestUrl: string; route: string; activate: boolean },
    by: string,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO app_release (app, version, scope, manifest_url, route, active, registered_by, created_at)
         VALUES (?, ?, ?, ?, ?, 0, ?, UTC_TIMESTAMP(3))
         ON DUPLICATE KEY UPDATE scope = VALUES(scope), manifest_url = VALUES(manifest_url), route = VALUES(route)`,
        [r.app, r.version, r.scope, r.manifestUrl, r.route, by],
      );
      if (r.activate) {
        await m.query('UPDATE app_release SET active = (version = ?) WHERE app = ?', [r.version, r.app]);
      }
    });
  }
}
