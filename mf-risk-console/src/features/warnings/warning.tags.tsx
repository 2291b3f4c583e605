import type { Severity, SignalKind, WarningStatus } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useWarningText } from './warnings.text.ts';

const SEVERITY_COLOR: Record<Severity, string> = { high: 'error', medium: 'warning', low: 'default' };
const STATUS_COLOR: Record<WarningStatus, string> = {
  new: 'processing',
  acknowledged: 'warning',
  handled: 'success',
  closed: 'default',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useWarningText();
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`severity.${severity}`)}</Tag>;
}

export function StatusTag({ status }: { status: WarningStatus }) {
  const { t } = useWarningText();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="warning-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function KindText({ kind }: { kind: SignalKind }) {
  const { t } = useWarningText();
  return <>{t(`kind.${kind}`)}</>;
}

/** A score (0..1 decimal string) as a percentage, without a float on the way: '0.6480' -> '64.8%'. */
export function scorePercent(score: string) {
  const [i = '0', f = ''] = score.split('.');
  const bp = Number(i) * 10000 + Number(f.padEnd(4, '0').slice(0, 4));
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest ? `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%` : `${whole}%`;
}
