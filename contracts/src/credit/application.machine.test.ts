import { describe, expect, it } from 'vitest';
import { nextState } from '../workflow.ts';
import {
  type ApplicationStateName,
  type ApplicationVariantName,
  applicationMachine,
} from './application.machine.ts';

type Edge = [from: ApplicationStateName, command: string, to: ApplicationStateName];

const waiting = [
  'draft',
  'admission_pending',
  'investigating',
  'assistant_confirming',
  'reviewing',
  'branch_approving',
  'hq_approving',
  'supplement_approving',
] as const;
const withdrawals = (states: readonly ApplicationStateName[]): Edge[] =>
  states.map((s) => [s, 'withdraw', 'withdrawn']);

/** The staffed desk (三台六岗) and the division's chain (事业部制) share their steps. */
const desk: Edge[] = [
  ['draft', 'file', 'investigating'],
  ['draft', 'refer', 'admission_pending'],
  ['draft', 'decline', 'rejected'],
  ['admission_pending', 'admit', 'investigating'],
  ['admission_pending', 'refuseAdmission', 'rejected'],
  ['investigating', 'submitInvestigation', 'assistant_confirming'],
  ['assistant_confirming', 'confirmInvestigation', 'reviewing'],
  ['assistant_confirming', 'returnToLead', 'investigating'],
  ['reviewing', 'pass', 'branch_approving'],
  ['reviewing', 'return', 'investigating'],
  ['reviewing', 'reject', 'rejected'],
  ['branch_approving', 'approve', 'approved'],
  ['branch_approving', 'forward', 'hq_approving'],
  ['branch_approving', 'return', 'investigating'],
  ['branch_approving', 'reject', 'rejected'],
  ['hq_approving', 'approve', 'approved'],
  ['hq_approving', 'return', 'investigating'],
  ['hq_approving', 'reject', 'rejected'],
  // `reject` is declared for every variant from supplement approval, unreachable outside `supplementary`
  ['supplement_approving', 'reject', 'rejected'],
  ...withdrawals(waiting),
];

/** Every allowed edge of each process, written out independently of the machine's declaration. */
const expected: Record<ApplicationVariantName, Edge[]> = {
  staffed: desk,
  division: desk,
  oneStop: [
    ['draft', 'file', 'investigating'],
    ['draft', 'refer', 'admission_pending'],
    ['draft', 'decline', 'rejected'],
    ['admission_pending', 'admit', 'investigating'],
    ['admission_pending', 'refuseAdmission', 'rejected'],
    ['investigating', 'complete', 'approved'],
    ['reviewing', 'reject', 'rejected'],
    ['branch_approving', 'reject', 'rejected'],
    ['hq_approving', 'reject', 'rejected'],
    ['supplement_approving', 'reject', 'rejected'],
    ...withdrawals(waiting),
  ],
  online: [
    ['draft', 'decline', 'rejected'],
    ['draft', 'autoApprove', 'approved'],
    ['reviewing', 'reject', 'rejected'],
    ['branch_approving', 'reject', 'rejected'],
    ['hq_approving', 'reject', 'rejected'],
    ['supplement_approving', 'reject', 'rejected'],
    ...withdrawals(waiting),
  ],
  supplementary: [
    ['draft', 'submitSupplement', 'supplement_approving'],
    ['supplement_approving', 'approve', 'approved'],
    ['reviewing', 'reject', 'rejected'],
    ['branch_approving', 'reject', 'rejected'],
    ['hq_approving', 'reject', 'rejected'],
    ['supplement_approving', 'reject', 'rejected'],
    ...withdrawals(waiting),
  ],
};

const commands = [...new Set(applicationMachine.transitions.map((t) => t.command))];

describe('the credit application machine', () => {
  for (const variant of applicationMachine.variants) {
    it(`${variant}: every allowed transition leads where it should, every other is refused`, () => {
      const allowed = new Map(expected[variant].map(([f, c, t]) => [`${f}|${c}`, t]));
      let checked = 0;
      for (const from of applicationMachine.states) {
        for (const command of commands) {
          const got = nextState(applicationMachine, from, command, variant);
          expect(got, `${variant}: ${from} --${command}-->`).toBe(allowed.get(`${from}|${command}`));
          checked++;
        }
      }
      expect(checked).toBe(applicationMachine.states.length * commands.length);
    });
  }

  it('final states allow nothing', () => {
    for (const variant of applicationMachine.variants) {
      for (const from of applicationMachine.final) {
        for (const command of commands) {
          expect(nextState(applicationMachine, from, command, variant)).toBeUndefined();
        }
      }
    }
  });
});
