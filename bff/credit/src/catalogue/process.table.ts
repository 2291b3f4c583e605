import { type ZenDecision, ZenEngine } from '@gorules/zen-engine';
import { type ApprovalLevel, type ProcessMode, type ProcessRule, toFen } from '@zhanye/contracts';

/** What the process-mode table is asked. */
export interface ProcessCase {
  productCode: string;
  amount: string;
  guaranteeType: string;
  segment: string;
  prescreen: 'pass' | 'refer';
}

export interface ProcessAnswer {
  mode: ProcessMode;
  approvalLevel: ApprovalLevel;
  /** 1-based row that matched; 0 when none did (then the most careful process: staffed, HQ). */
  row: number;
}

/** When no row matches: every step by hand, approved at head office. */
export const NO_MATCH: ProcessAnswer = { mode: 'staffed', approvalLevel: 'hq', row: 0 };

const list = (values: readonly string[]) => JSON.stringify(values);

/** One row's conditions as a ZEN expression over the case (amounts in integer fen). */
export function condition(r: ProcessRule): string {
  const parts: string[] = [];
  if (r.productCodes.length && !r.productCodes.includes('*'))
    parts.push(`productCode in ${list(r.productCodes)}`);
  if (r.minAmount !== null) parts.push(`amountFen >= ${toFen(r.minAmount)}`);
  if (r.maxAmount !== null) parts.push(`amountFen <= ${toFen(r.maxAmount)}`);
  if (r.guaranteeTypes.length) parts.push(`guaranteeType in ${list(r.guaranteeTypes)}`);
  if (r.segments.length) parts.push(`segment in ${list(r.segments)}`);
  if (r.prescreen.length) parts.push(`prescreen in ${list(r.prescreen)}`);
  return parts.length ? parts.join(' and ') : 'true';
}

/** The table as a GoRules JDM graph: input -> decision table (first hit) -> output. */
export function toJdm(rows: readonly ProcessRule[]) {
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'case', type: 'inputNode', name: '申请', position: { x: 80, y: 200 }, content: {} },
      {
        id: 'modes',
        type: 'decisionTableNode',
        name: '流程模式',
        position: { x: 380, y: 200 },
        content: {
          hitPolicy: 'first',
          inputs: [{ id: 'when', name: '条件' }],
          outputs: [
            { id: 'mode', name: '模式', field: 'mode' },
            { id: 'level', name: '审批层级', field: 'approvalLevel' },
            { id: 'row', name: '行', field: 'row' },
          ],
          rules: rows.map((r, i) => ({
            _id: `P${i + 1}`,
            _description: r.note,
            when: condition(r),
            mode: JSON.stringify(r.mode),
            level: JSON.stringify(r.approvalLevel),
            row: String(i + 1),
          })),
          passThrough: false,
          inputField: null,
          outputPath: null,
          executionMode: 'single',
        },
      },
      { id: 'answer', type: 'outputNode', name: '结论', position: { x: 680, y: 200 }, content: {} },
    ],
    edges: [
      { id: 'e1', sourceId: 'case', targetId: 'modes', type: 'edge' },
      { id: 'e2', sourceId: 'modes', targetId: 'answer', type: 'edge' },
    ],
  };
}

/**
 * Evaluates process-mode tables with ZEN. A saved version never changes, so its compiled decision
 * is kept per (bank, version) for the life of the process.
 */
export class ProcessTables {
  private readonly engine = new ZenEngine();
  private readonly compiled = new Map<string, ZenDecision>();

  async decide(
    key: { bankId: string; version: number },
    rows: readonly ProcessRule[],
    c: ProcessCase,
  ): Promise<ProcessAnswer> {
    const cacheKey = `${key.bankId}@${key.version}`;
    let decision = this.compiled.get(cacheKey);
    if (!decision) {
      decision = this.engine.createDecision(toJdm(rows));
      this.compiled.set(cacheKey, decision);
    }
    const { result } = await decision.evaluate({
      productCode: c.productCode,
      amountFen: toFen(c.amount),
      guaranteeType: c.guaranteeType,
      segment: c.segment,
      prescreen: c.prescreen,
    });
    const out = result as Partial<ProcessAnswer>;
    if (!out.mode || !out.approvalLevel || typeof out.row !== 'number') return NO_MATCH;
    return { mode: out.mode, approvalLevel: out.approvalLevel, row: out.row };
  }
}
