import { fromFen, money, type Principal, renewalCall, toFen } from '@zhanye/contracts';
import {
  type Bus,
  ConflictError,
  callService,
  type JobDef,
  type Logger,
  systemActor,
  systemPrincipal,
} from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { applyChange, LIMIT_COLUMNS, type LimitRow, limitById } from './limit.ledger.ts';

export const RENEWAL_JOB = 'credit.limit-renewal';
/** Limits expiring within this many days are put to risk's renewal graph (自动续授信). */
export const RENEWAL_NOTICE_DAYS = 30;

/**
 * The job acts for nobody: a system identity within the limit's bank and org, so risk keeps its
 * decision where the limit's own staff (and the risk console) see it.
 */
const renewalPrincipal = (row: { bank_id: string; org_id: string; org_path: string }): Principal => ({
  ...systemPrincipal('limit-renewal'),
  displayName: '自动续授信',
  bankId: row.bank_id,
  bankName: row.bank_id,
  orgId: row.org_id,
  orgPath: row.org_path,
});

/**
 * Daily (01:30, bank time): every credit limit expiring within `RENEWAL_NOTICE_DAYS` of the
 * period's date (or already past it) is re-decided by risk: renewed (validity extended, renewals
 * + 1, the granted amount risk names, never below used + frozen) or declined; then every limit
 * past its validity that was not renewed expires, and a comprehensive limit with no sub-limit
 * left expires with them. Idempotent: a renewed limit leaves the window, a declined one is
 * marked, an expired one is no longer open; a run taken over starts again safely.
 */
export function renewalJob(ds: DataSource, bus: Bus): JobDef {
  return {
    name: RENEWAL_JOB,
    cron: '0 30 1 * * *',
    async run({ period, log }) {
      const due: LimitRow[] = await ds.query(
        `SELECT ${LIMIT_COLUMNS} FROM credit_limit l
          WHERE l.status IN ('active', 'frozen') AND l.kind = 'credit' AND l.renewal_declined IS NULL
            AND l.valid_to <= DATE_ADD(?, INTERVAL ? DAY)
          ORDER BY l.valid_to, l.id LIMIT 5000`,
        [period, RENEWAL_NOTICE_DAYS],
      );
      let renewed = 0;
      let declined = 0;
      const failed = new Set<string>();
      for (const row of due) {
        try {
          if (await renewOne(ds, bus, log, row, period)) renewed++;
          else declined++;
        } catch (err) {
          failed.add(row.id);
          log.warn({ err, limitId: row.id }, 'limit renewal not decided; the limit is kept for the next run');
        }
      }
      const expired = await expireLapsed(ds, period, failed);
      const summary = `due ${due.length}, renewed ${renewed}, declined ${declined}, expired ${expired}, failed ${failed.size}`;
      if (failed.size) throw new Error(summary);
      return summary;
    },
  };
}

/** Asks risk about one limit and applies its answer; true when renewed. */
async function renewOne(ds: DataSource, bus: Bus, log: Logger, row: LimitRow, period: string) {
  const caller = renewalPrincipal(row);
  const decision = await callService(
    bus,
    renewalCall,
    {
      subjectRef: `credit-limit:${row.id}`,
      productCode: row.product_code ?? '',
      grantedFen: toFen(row.granted),
      usedFen: toFen(row.used),
      frozenDays: 0,
      overdue: false,
    },
    caller,
    'credit',
  );
  const actor = systemActor(caller);
  return ds.transaction(async (m) => {
    if (!decision.renew) {
      await m.query(
        'UPDATE credit_limit SET renewal_declined = ?, updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND valid_to = ?',
        [period, row.id, row.valid_to],
      );
      log.info({ limitId: row.id, decisionId: decision.decisionId }, 'limit renewal declined');
      return false;
    }
    // lock order: the comprehensive limit before its sub-limit
    const parent = row.parent_id ? await limitById(m, row.parent_id, true) : null;
    const current = await limitById(m, row.id, true);
    if (current.valid_to !== row.valid_to) return true; // renewed meanwhile (a run taken over)
    const to = decision.grantedFen > 0 ? fromFen(decision.grantedFen) : current.granted;
    const extend = {
      kind: 'renew' as const,
      reason: `risk decision ${decision.decisionId}`,
      ref: decision.decisionId,
    };
    // the new granted amount applies where used + frozen allow it, else the validity alone is renewed
    const renew = {
      set: 'valid_to = DATE_ADD(valid_to, INTERVAL ? MONTH), renewals = renewals + 1',
      param: decision.months,
    };
    const after = await applyChange(
      m,
      row.id,
      {
        ...extend,
        amount: to,
        set: `available = available + (? - granted), granted = ?, ${renew.set}`,
        setParams: [to, to, renew.param],
        when: 'available + (? - granted) >= 0',
        whenParams: [to],
      },
      actor,
    )
      .catch((e: unknown) => {
        if (!(e instanceof ConflictError)) throw e;
        return applyChange(
          m,
          row.id,
          {
            ...extend,
            amount: '0.00',
            set: renew.set,
            setParams: [renew.param],
            when: '1 = 1',
            whenParams: [],
          },
          actor,
        );
      })
      .then((r) => r.row);
    if (parent) {
      // the comprehensive limit follows by the same difference (never below its used + frozen), and lasts as long
      const raised = money(parent.granted).plus(money(after.granted)).minus(money(current.granted));
      const floor = money(parent.used).plus(money(parent.frozen));
      const target = (raised.lessThan(floor) ? floor : raised).toFixed(2);
      await applyChange(
        m,
        parent.id,
        {
          ...extend,
          amount: target,
          set: 'available = available + (? - granted), granted = ?, valid_to = GREATEST(valid_to, ?)',
          setParams: [target, target, after.valid_to],
          when: 'used + frozen <= ?',
          whenParams: [target],
        },
        actor,
      );
    }
    log.info({ limitId: row.id, decisionId: decision.decisionId, validTo: after.valid_to }, 'limit renewed');
    return true;
  });
}

/** Expires every open limit past its validity (except those whose renewal is still undecided). */
async function expireLapsed(ds: DataSource, period: string, undecided: ReadonlySet<string>) {
  const lapsed: { id: string; bank_id: string; org_id: string; org_path: string; kind: string }[] =
    await ds.query(
      `SELECT l.id, l.bank_id, l.org_id, l.org_path, l.kind FROM credit_limit l
      WHERE l.status IN ('active', 'frozen') AND (
        (l.kind = 'credit' AND l.valid_to < ?)
        OR (l.kind = 'comprehensive' AND NOT EXISTS (
          SELECT 1 FROM credit_limit s WHERE s.parent_id = l.id AND s.status IN ('active', 'frozen') AND s.valid_to >= ?)))
      ORDER BY l.kind DESC, l.id LIMIT 5000`,
      [period, period],
    );
  let n = 0;
  // sub-limits ('credit') first, then their comprehensive limits
  for (const l of lapsed) {
    if (undecided.has(l.id)) continue;
    const actor = systemActor(renewalPrincipal(l));
    const done = await ds.transaction(async (m) => {
      const row = await limitById(m, l.id, true);
      if (row.status !== 'active' && row.status !== 'frozen') return false;
      if (row.kind === 'comprehensive') {
        const [open]: { n: number | string }[] = await m.query(
          "SELECT COUNT(*) AS n FROM credit_limit WHERE parent_id = ? AND status IN ('active', 'frozen')",
          [row.id],
        );
        if (Number(open?.n ?? 0) > 0) return false;
      }
      await applyChange(
        m,
        row.id,
        {
          kind: 'expire',
          amount: row.available,
          set: "status = 'expired'",
          setParams: [],
          when: "status IN ('active', 'frozen')",
          whenParams: [],
          reason: `valid to ${row.valid_to}`,
        },
        actor,
      );
      return true;
    });
    if (done) n++;
  }
  return n;
}
