/**
 * The ports between risk's parts (see credit's `ports.ts`). The batch part (R4) codes against
 * these; the feature factory (R3, `risk-features`) and the decision flows (R1, `risk-flows`)
 * provide them. Until those branches are merged, `batch/interim.ts` provides stand-ins.
 */

/** A feature's value for one customer. */
export type FeatureValue = number | string | boolean | null;

/** An inclusive range of the dense per-bank `rm_customer.seq`, for chunking. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** R3: the feature factory over risk's read model (`rm_customer` + fact tables). */
export interface Features {
  /** Set-based: the named features of every customer of the bank in the seq range, as of a date. */
  batch(
    bankId: string,
    range: SeqRange,
    names: readonly string[],
    asOf: string,
  ): Promise<Map<string, Record<string, FeatureValue>>>;
}

/** A compiled flow version: the raw zen engine, no trace, no storage. */
export interface CompiledFlow {
  name: string;
  version: number;
  hash: string;
  evaluate(input: unknown): Promise<unknown>;
}

/** R1: decision flows, by name and version (absent: the published one). */
export interface Flows {
  compile(bankId: string, name: string, version?: number): Promise<CompiledFlow>;
}
