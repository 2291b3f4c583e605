/** The risk console's permission codes. */
export const riskPermissions = {
  decisionRead: 'risk:decision:read',
  batchRead: 'risk:batch:read',
  batchCreate: 'risk:batch:create',
  batchControl: 'risk:batch:control',
  batchExport: 'risk:batch:export',
  /** Feature factory: the catalogue, versions and distributions. */
  featureRead: 'risk:feature:read',
  /** Feature factory: create features, new versions, test-evaluate a draft. */
  featureWrite: 'risk:feature:write',
  /** Feature factory: compute one customer's features as of a date (personal data: scoped). */
  featureCompute: 'risk:feature:compute',
  /** Decision flows: list, open, diff, simulate, replay a run on another version. */
  flowRead: 'risk:flow:read',
  /** Decision flows: create, save a new draft version, edit and run a draft's test cases. */
  flowEdit: 'risk:flow:edit',
  /** Decision flows: publish (through the gate), canary, promote, abort, roll back. */
  flowPublish: 'risk:flow:publish',
  /** The models register and its monitoring. */
  modelRead: 'risk:model:read',
  /** The models register: owner, status, description. */
  modelManage: 'risk:model:manage',
  /** 风险预警: see warnings (a manager their customers', risk staff their bank's by data scope). */
  warningRead: 'risk:warning:read',
  /** Acknowledge and handle a warning (the responsible manager, or risk staff). */
  warningHandle: 'risk:warning:handle',
  /** Close a handled warning (risk staff). */
  warningClose: 'risk:warning:close',
  /** Edit the warning rules. */
  warningRuleManage: 'risk:warning-rule:manage',
} as const;
