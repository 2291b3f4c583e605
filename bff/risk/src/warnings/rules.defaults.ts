import type { WarningRuleInput } from '@zhanye/contracts';

/**
 * The standard warning rules a bank starts with (copied on its first use; its risk staff edit
 * them from there). Thresholds are the signal's measure: days overdue, bureau score points lost,
 * outflow and court amounts in fen.
 */
export const DEFAULT_RULES: WarningRuleInput[] = [
  {
    kind: 'overdue',
    title: '贷款逾期',
    threshold: 1,
    severity: 'medium',
    depth: 2,
    floor: '0.3000',
    weights: {
      guarantor: '0.9000',
      family: '0.6000',
      employer: '0.5000',
      address: '0.3000',
      phone: '0.3000',
    },
    enabled: true,
  },
  {
    kind: 'overdue',
    title: '逾期超过 30 天',
    threshold: 30,
    severity: 'high',
    depth: 3,
    floor: '0.2000',
    weights: {
      guarantor: '1.0000',
      family: '0.7000',
      employer: '0.6000',
      address: '0.3000',
      phone: '0.3000',
    },
    enabled: true,
  },
  {
    kind: 'bureau',
    title: '征信评分下降',
    threshold: 50,
    severity: 'medium',
    depth: 1,
    floor: '0.4000',
    weights: {
      guarantor: '0.8000',
      family: '0.5000',
      employer: '0.3000',
      address: '0.2000',
      phone: '0.2000',
    },
    enabled: true,
  },
  {
    kind: 'outflow',
    title: '大额资金流出',
    threshold: 20_000_000,
    severity: 'medium',
    depth: 1,
    floor: '0.5000',
    weights: {
      guarantor: '0.7000',
      family: '0.5000',
      employer: '0.6000',
      address: '0.0000',
      phone: '0.0000',
    },
    enabled: true,
  },
  {
    kind: 'court',
    title: '涉诉或被执行',
    threshold: 0,
    severity: 'high',
    depth: 2,
    floor: '0.3000',
    weights: {
      guarantor: '0.9000',
      family: '0.6000',
      employer: '0.7000',
      address: '0.3000',
      phone: '0.3000',
    },
    enabled: true,
  },
];
