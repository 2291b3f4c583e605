import { randomUUID } from 'node:crypto';
import { type DecisionRun, PrescreenOutcome, type Principal, type prescreenCall } from '@zhanye/contracts';
import { InputError, NotFoundError, ownedBy } from '@zhanye/kit';
import { z } from 'zod';
import type { GraphRepository } from '../graphs/graph.repository.ts';
import type { DecisionEngine, Step } from './decision.engine.ts';
import type { DecisionRunRow } from './decision.entity.ts';
import type { DecisionRepository } from './decision.repository.ts';

export const PRESCREEN_GRAPH = 'credit.prescreen';

type PrescreenInput = z.output<(typeof prescreenCall)['input']>;
type PrescreenOutput = z.input<(typeof prescreenCall)['output']>;

/** What every pre-screen graph version must answer; anything else is a broken graph (500). */
const PrescreenResult = z.object({ outcome: PrescreenOutcome, reasons: z.array(z.string()) });

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
    private readonly graphs: GraphRepository,
    private readonly engine: DecisionEngine,
  ) {}

  /**
   * Runs the active pre-screen graph and stores the run in the caller's bank and org, owned by
   * the caller, with the graph version, input, output and trace: every decision can be replayed
   * and explained later.
   */
  async prescreen(caller: Principal, input: PrescreenInput): Promise<PrescreenOutput> {
    if (input.subjectRef.length === 0 || input.subjectRef.length > 128) {
      throw new InputError('invalid input', { subjectRef: ['must be 1 to 128 characters'] });
    }
    const facts = {
      amountFen: input.amountFen,
      annualIncomeFen: input.annualIncomeFen,
      termMonths: input.termMonths,
      productCode: input.productCode,
    };
    const evaluation = await this.engine.evaluateActive(PRESCREEN_GRAPH, facts);
    const result = PrescreenResult.parse(evaluation.result);
    const row: DecisionRunRow = {
      id: randomUUID(),
      ...ownedBy(caller),
      graphKey: evaluation.key,
      graphVersion: evaluation.version,
      subjectRef: input.subjectRef,
      outcome: result.outcome,
      input: JSON.stringify(facts),
      output: JSON.stringify(evaluation.result),
      reasons: JSON.stringify(result.reasons),
      trace: JSON.stringify(evaluation.trace),
      requestedBy: caller.userId,
      requestedByName: caller.displayName.slice(0, 64),
      createdAt: new Date(),
    };
    await this.runs.insert(row);
    return {
      decisionId: row.id,
      outcome: result.outcome,
      reasons: result.reasons,
      graphKey: row.graphKey,
      graphVersion: row.graphVersion,
    };
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

  async listGraphs() {
    const rows = await this.graphs.list();
    return {
      items: rows.map((g) => ({
        key: g.key,
        version: g.version,
        title: g.title,
        active: g.active,
        createdAt: g.createdAt.toISOString(),
      })),
    };
  }
}
