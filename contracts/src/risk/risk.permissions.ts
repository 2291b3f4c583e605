/** The risk console's permission codes. */
export const riskPermissions = {
  decisionRead: 'risk:decision:read',
  /** 风险预警: see warnings (a manager their customers', risk staff their bank's by data scope). */
  warningRead: 'risk:warning:read',
  /** Acknowledge and handle a warning (the responsible manager, or risk staff). */
  warningHandle: 'risk:warning:handle',
  /** Close a handled warning (risk staff). */
  warningClose: 'risk:warning:close',
  /** Edit the warning rules. */
  warningRuleManage: 'risk:warning-rule:manage',
} as const;
