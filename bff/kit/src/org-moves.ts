import { orgMoved } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import type { Bus } from './bus.ts';
import { consumeEvent } from './events.ts';
import type { Logger } from './logger.ts';
import { likePrefix } from './scope.ts';

/**
 * Keeps a service's scoped rows in step with the org tree: when the platform moves an org, every
 * row of `tables` under the old path gets the new path prefix, in one transaction per move,
 * exactly once (idempotent consumer). Table names are the service's own, never user input.
 */
export function followOrgMoves(opts: {
  bus: Bus;
  ds: DataSource;
  log: Logger;
  service: string;
  tables: string[];
}) {
  for (const t of opts.tables) if (!/^[a-z_]+$/.test(t)) throw new Error(`not a table name: ${t}`);
  return consumeEvent({
    bus: opts.bus,
    ds: opts.ds,
    log: opts.log,
    durable: `${opts.service}-org-moves`,
    event: orgMoved,
    handle: async (m, move) => {
      const like = likePrefix(move.fromPath);
      for (const table of opts.tables) {
        await m.query(
          `UPDATE \`${table}\` SET org_path = CONCAT(?, SUBSTRING(org_path, ?)) WHERE bank_id = ? AND org_path LIKE ?`,
          [move.toPath, move.fromPath.length + 1, move.bankId, like],
        );
      }
    },
  });
}
