import {
  type DecisionGraph,
  type DecisionRun,
  GuaranteeType,
  Permissions,
  PrescreenOutcome,
  type Principal,
  type prescreenCall,
  type priceCall,
  type renewalCall,
} from '@zhanye/contracts';
import { ForbiddenError, InputError, NotFoundError } from '@zhanye/kit';
import { z } from 'zod';
import type { Flows } from '../ports.ts';
import type { Step } from './decision.engine.ts';
import type { DecisionRunRow } from './decision.entity.ts';
import type { DecisionRepository } from './decision.repository.ts';

export const PRESCREEN_GRAPH = 'credit.prescreen';
export const PRICING_GRAPH = 'credit.pricing';
export const RENEWAL_GRAPH = 'credit.renewal';

type PrescreenInput = z.output<(typeof prescreenCall)['input']>;
type PrescreenOutput = z.input<(typeof prescreenCall)['output']>;
type PriceInput = z.output<(typeof priceCall)['input']>;
type PriceOutput = z.input<(typeof priceCall)['output']>;
type RenewalInput = z.output<(typeof renewalCall)['input']>;
type RenewalOutput = z.input<(typeof renewalCall)['output']>;

/** What every pre-screen graph version must answer; anything else is a broken graph (500). */
const PrescreenResult = z.object({ outcome: PrescreenOutcome, reasons: z.array(z.string()) });
/** What every pricing graph version must answer: a whole number of basis points, and why. */
const PricingResult = z.object({
  spreadBps: z.number().int().min(-10_000).max(10_000),
  reasons: z.array(z.string()),
});
/** What every renewal graph version must answer. */
const RenewalResult = z.object({
  renew: z.boolean(),
  grantedFen: z.number().int().nonnegative(),
  months: z.number().int().positive(),
  reasons: z.array(z.string()),
});

/**
 * Who may have a rate priced: whoever reads credit applications (the quote route's permission),
 * takes them or enters offline ones, or the credit service's own automated path.
 */
const PRICE_PERMISSIONS: readonly string[] = [
  Permissions.applicationRead,
  Permissions.applicationCreate,
  Permissions.applicationSupplement,
];
/** Who may have a limit's renewal decided: a limit manager, or the credit service's own job. */
const RENEWAL_PERMISSIONS: readonly string[] = [Permissions.limitManage, Permissions.jobManage];

/** The credit service's scheduled work acts as a system principal of the limit's bank and org. */
const isSystem = (caller: Principal) =>
  caller.roles.includes('system') && caller.userId.startsWith('system:');

/** A run is kept in its caller's bank and org: a principal of no bank (`*`) has none (400). */
function inBank(caller: Principal) {
  if (caller.bankId === '*' || caller.orgPath === '/') {
    throw new InputError('invalid caller', {
      caller: ["must be a principal of a bank and org (the decision is kept there), e.g. the limit's"],
    });
  }
}

const parseJson = <T>(text: string) => JSON.parse(text) as T;

export function toSummary(row: Omit<DecisionRunRow, 'input' | 'output' | 'reasons' | 'trace'>) {
  return {
    id: row.id,
    graphKey: row.graphKey,
    graphVersion: row.graphVersion,
    subjectRef: row.subjectRef,
    outcome: PrescreenOutcome.parse(row.outcome),
    requestedBy: row.requestedBy,
    requestedByName: row.requestedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toRun(row: DecisionRunRow): DecisionRun {
  return {
    ...toSummary(row),
    input: parseJson<Record<string, unknown>>(row.input),
    output: parseJson<Record<string, unknown>>(row.output),
    reasons: parseJson<string[]>(row.reasons),
    trace: parseJson<Step[]>(row.trace),
  };
}

export class DecisionService {
  constructor(
    private readonly runs: DecisionRepository,
    private readonly flows: Flows & { graphs(): Promise<z.infer<typeof DecisionGraph>[]> },
  ) {}

  /**
   * The pre-screen of an application, from the active pre-screen graph (stored, see `decide`).
   */
  async prescreen(caller: Principal, input: PrescreenInput): Promise<PrescreenOutput> {
    const facts = {
      amountFen: input.amountFen,
      annualIncomeFen: input.annualIncomeFen,
      termMonths: input.termMonths,
      productCode: input.productCode,
    };
    const run = await this.decide(
      caller,
      PRESCREEN_GRAPH,
      input.subjectRef,
      facts,
      PrescreenResult,
      (r) => r.outcome,
    );
    return {
      decisionId: run.id!,
      outcome: run.result.outcome,
      reasons: run.result.reasons,
      graphKey: run.graphKey,
      graphVersion: run.graphVersion,
    };
  }

  /**
   * The spread over the LPR for an application (差异化定价), from the active pricing graph; stored
   * like every decision (outcome `pass`: a price was given). Callers read, take or enter
   * applications (or are credit's system principal of a bank); an unknown guarantee type is bad
   * input, not a broken graph.
   */
  async price(caller: Principal, input: PriceInput): Promise<PriceOutput> {
    if (!isSystem(caller) && !PRICE_PERMISSIONS.some((p) => caller.permissions.includes(p))) {
      throw new ForbiddenError(`requires permission ${PRICE_PERMISSIONS.join(' or ')}`);
    }
    inBank(caller);
    const guarantee = GuaranteeType.safeParse(input.guaranteeType);
    if (!guarantee.success) {
      throw new InputError('invalid input', {
        guaranteeType: [`must be one of ${GuaranteeType.options.join(', ')}`],
      });
    }
    const facts = {
      productCode: input.productCode,
      productKind: input.productKind,
      amountFen: input.amountFen,
      termMonths: input.termMonths,
      guaranteeType: guarantee.data,
      segment: input.segment,
    };
    const pass = (): PrescreenOutcome => 'pass';
    const run = await this.decide(
      caller,
      PRICING_GRAPH,
      input.subjectRef,
      facts,
      PricingResult,
      pass,
      !input.preview,
    );
    return {
      decisionId: run.id,
      spreadBps: run.result.spreadBps,
      reasons: run.result.reasons,
      graphKey: run.graphKey,
      graphVersion: run.graphVersion,
    };
  }

  /**
   * Whether a limit at its expiry is renewed (自动续授信), for how much and how long, from the
   * active renewal graph; stored like every decision (outcome `pass` renew, `refuse` not). The
   * caller is a limit manager, or the credit job's system principal, and must belong to a bank:
   * the run is kept in the caller's bank and org, where the risk console lists it.
   */
  async renewal(caller: Principal, input: RenewalInput): Promise<RenewalOutput> {
    if (!isSystem(caller) && !RENEWAL_PERMISSIONS.some((p) => caller.permissions.includes(p))) {
      throw new ForbiddenError(`requires permission ${RENEWAL_PERMISSIONS.join(' or ')}`);
    }
    inBank(caller);
    const facts = {
      productCode: input.productCode,
      grantedFen: input.grantedFen,
      usedFen: input.usedFen,
      frozenDays: input.frozenDays,
      overdue: input.overdue,
    };
    const run = await this.decide(caller, RENEWAL_GRAPH, input.subjectRef, facts, RenewalResult, (r) =>
      r.renew ? 'pass' : 'refuse',
    );
    const r = run.result;
    return {
      decisionId: run.id!,
      renew: r.renew,
      grantedFen: r.renew ? r.grantedFen : 0,
      months: r.months,
      reasons: r.reasons,
    };
  }

  /**
   * Decides by the flow's name (`Flows.decide`: the version answering for the caller's bank, the
   * run stored in its bank and org with version, hash, input, output and trace). A result the
   * caller's contract (`shape`) refuses is a broken graph (500) and nothing is stored.
   */
  private async decide<T extends { reasons: string[] }>(
    caller: Principal,
    graph: string,
    subjectRef: string,
    facts: Record<string, unknown>,
    shape: z.ZodType<T>,
    /** The run's outcome as the console shows it (pass, refer, refuse). */
    outcomeOf: (result: T) => PrescreenOutcome,
    store = true,
  ): Promise<{ id: string | null; graphKey: string; graphVersion: number; result: T }> {
    const run = await this.flows.decide(
      caller,
      { name: graph, subjectRef, input: facts },
      { store, outcomeOf: (output) => outcomeOf(shape.parse(output)) },
    );
    return { id: run.runId, graphKey: run.name, graphVersion: run.version, result: shape.parse(run.output) };
  }

  async list(caller: Principal, subjectRef: string | undefined, page: number, pageSize: number) {
    const { items, total } = await this.runs.list(caller, subjectRef, page, pageSize);
    return { items: items.map(toSummary), total, page, pageSize };
  }

  /** A run outside the caller's scope is "not found": its existence is not revealed. */
  async get(caller: Principal, id: string): Promise<DecisionRun> {
    const row = await this.runs.findInScope(caller, id);
    if (!row) throw new NotFoundError('decision not found');
    return toRun(row);
  }

  /** The union's published flow versions (the decision flows pages show the rest). */
  async listGraphs() {
    return { items: await this.flows.graphs() };
  }
}
