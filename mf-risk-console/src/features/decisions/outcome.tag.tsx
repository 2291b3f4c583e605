import type { PrescreenOutcome } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useShell } from '../../lib/i18n.ts';

const COLOR = { pass: 'success', refer: 'warning', refuse: 'error' } as const;

export function OutcomeTag({ outcome }: { outcome: PrescreenOutcome }) {
  const { t } = useShell();
  return (
    <Tag color={COLOR[outcome]} data-testid="decision-outcome" data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </Tag>
  );
}
