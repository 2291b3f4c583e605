import { defineMachine } from '../workflow.ts';

/**
 * The life cycle of a risk warning (风险预警): raised `new` and pushed to the customer's manager, who
 * acknowledges it (已知悉), handles it with a note of what was done (已处置), and risk staff close it.
 * Every edge is here: the service has no other way to set a status.
 */
export const warningMachine = defineMachine({
  name: 'risk.warning',
  states: ['new', 'acknowledged', 'handled', 'closed'],
  initial: 'new',
  final: ['closed'],
  variants: [],
  transitions: [
    { from: ['new'], command: 'acknowledge', to: 'acknowledged' },
    { from: ['acknowledged'], command: 'handle', to: 'handled' },
    { from: ['handled'], command: 'close', to: 'closed' },
  ],
});
export type WarningCommand = 'acknowledge' | 'handle' | 'close';
