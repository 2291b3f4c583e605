import { defineMachine } from '../workflow.ts';

/**
 * The life cycle of a credit application (授信), one machine for every process; the variant is the
 * process an application follows, fixed when it is filed:
 * - `staffed` 三台六岗: front desk investigates (a lead and an assistant), middle desk reviews and
 *   approves by authority (branch, then HQ above the branch's authority);
 * - `division` 事业部制: the same steps, reviewed and approved in a business division's own chain;
 * - `oneStop` 包办制: one manager end to end, for small loans the automated decision passed;
 * - `online` 线上授信: the automated decision approves within the model's limit, nobody touches it;
 * - `supplementary` 授信补录: a credit granted offline, entered with its reason, approved at HQ.
 * Where the submit goes depends on the pre-screen and admission (`file`, `refer`, `decline`,
 * `autoApprove` are what the service issues for a submit); a branch approval beyond the branch's
 * authority is `forward`ed to HQ. Every edge is here: the service has no other way to set a status.
 */
export const applicationMachine = defineMachine({
  name: 'credit.application',
  states: [
    'draft',
    'admission_pending',
    'investigating',
    'assistant_confirming',
    'reviewing',
    'branch_approving',
    'hq_approving',
    'supplement_approving',
    'approved',
    'rejected',
    'withdrawn',
  ],
  initial: 'draft',
  final: ['approved', 'rejected', 'withdrawn'],
  variants: ['staffed', 'division', 'oneStop', 'online', 'supplementary'],
  transitions: [
    // submit: the pre-screen and admission decide where it goes (the service issues one of these)
    {
      from: ['draft'],
      command: 'file',
      to: 'investigating',
      variants: ['staffed', 'division', 'oneStop'],
    },
    {
      from: ['draft'],
      command: 'refer',
      to: 'admission_pending',
      variants: ['staffed', 'division', 'oneStop'],
    },
    {
      from: ['draft'],
      command: 'decline',
      to: 'rejected',
      variants: ['staffed', 'division', 'oneStop', 'online'],
    },
    { from: ['draft'], command: 'autoApprove', to: 'approved', variants: ['online'] },
    { from: ['draft'], command: 'submitSupplement', to: 'supplement_approving', variants: ['supplementary'] },
    // 人工准入
    {
      from: ['admission_pending'],
      command: 'admit',
      to: 'investigating',
      variants: ['staffed', 'division', 'oneStop'],
    },
    {
      from: ['admission_pending'],
      command: 'refuseAdmission',
      to: 'rejected',
      variants: ['staffed', 'division', 'oneStop'],
    },
    // investigation: the lead submits, the assistant confirms (or returns it to the lead)
    {
      from: ['investigating'],
      command: 'submitInvestigation',
      to: 'assistant_confirming',
      variants: ['staffed', 'division'],
    },
    {
      from: ['assistant_confirming'],
      command: 'confirmInvestigation',
      to: 'reviewing',
      variants: ['staffed', 'division'],
    },
    {
      from: ['assistant_confirming'],
      command: 'returnToLead',
      to: 'investigating',
      variants: ['staffed', 'division'],
    },
    // 包办制: the manager completes it within the automated decision
    { from: ['investigating'], command: 'complete', to: 'approved', variants: ['oneStop'] },
    // review (审查)
    { from: ['reviewing'], command: 'pass', to: 'branch_approving', variants: ['staffed', 'division'] },
    // approval by authority
    { from: ['branch_approving'], command: 'approve', to: 'approved', variants: ['staffed', 'division'] },
    { from: ['branch_approving'], command: 'forward', to: 'hq_approving', variants: ['staffed', 'division'] },
    { from: ['hq_approving'], command: 'approve', to: 'approved', variants: ['staffed', 'division'] },
    { from: ['supplement_approving'], command: 'approve', to: 'approved', variants: ['supplementary'] },
    // 退回补充: back to the investigators with a comment
    {
      from: ['reviewing', 'branch_approving', 'hq_approving'],
      command: 'return',
      to: 'investigating',
      variants: ['staffed', 'division'],
    },
    // reject, with a comment
    {
      from: ['reviewing', 'branch_approving', 'hq_approving', 'supplement_approving'],
      command: 'reject',
      to: 'rejected',
    },
    // the applicant's manager withdraws it while nobody has decided
    {
      from: [
        'draft',
        'admission_pending',
        'investigating',
        'assistant_confirming',
        'reviewing',
        'branch_approving',
        'hq_approving',
        'supplement_approving',
      ],
      command: 'withdraw',
      to: 'withdrawn',
    },
  ],
});

export type ApplicationStateName = (typeof applicationMachine.states)[number];
export type ApplicationCommand = (typeof applicationMachine.transitions)[number]['command'];
export type ApplicationVariantName = (typeof applicationMachine.variants)[number];
