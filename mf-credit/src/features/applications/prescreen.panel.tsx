import type { PrescreenOutcome } from '@zhanye/contracts';
import { Alert } from 'antd';
import { useShell } from '../../lib/i18n.ts';
import { OUTCOME_TYPE } from './status.tag.tsx';

/** The risk pre-screen's outcome and its reasons. */
export function PrescreenPanel({ outcome, reasons }: { outcome: PrescreenOutcome; reasons: string[] }) {
  const { t } = useShell();
  return (
    <Alert
      data-testid="prescreen-outcome"
      data-outcome={outcome}
      type={OUTCOME_TYPE[outcome]}
      showIcon
      title={
        <>
          {t('prescreen.title')}
          <strong>{t(`outcome.${outcome}`)}</strong>
        </>
      }
      description={
        reasons.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          t('prescreen.noReasons')
        )
      }
    />
  );
}
