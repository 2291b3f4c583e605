import { EntitySchema } from 'typeorm';

/** One version of a decision graph (GoRules JDM). A stored version is never edited: publish a new one. */
export interface DecisionGraphRow {
  key: string;
  version: number;
  title: string;
  /** The JDM document (JSON), exactly as the GoRules editor saves it. */
  content: string;
  active: boolean;
  createdAt: Date;
}

export const DecisionGraphEntity = new EntitySchema<DecisionGraphRow>({
  name: 'decision_graph',
  tableName: 'decision_graph',
  columns: {
    key: { name: 'graph_key', type: 'varchar', length: 100, primary: true },
    version: { type: 'int', primary: true },
    title: { type: 'varchar', length: 200 },
    content: { type: 'longtext' },
    active: { type: 'boolean' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});
