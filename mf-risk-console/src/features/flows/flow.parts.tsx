import type { FlowOwner, FlowRelease, FlowVersionStatus, FlowVersionSummary } from '@zhanye/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import { shortHash } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

const STATUS_COLOR: Record<FlowVersionStatus, string> = {
  draft: 'default',
  stable: 'success',
  canary: 'processing',
  retired: 'warning',
};

/** A version's status in words. */
export function StatusTag({ status }: { status: FlowVersionStatus }) {
  const { t } = useFlowsText();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="version-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function OwnerTag({ owner }: { owner: FlowOwner }) {
  const { t } = useFlowsText();
  return <Tag color={owner === 'bank' ? 'purple' : 'blue'}>{t(`owner.${owner}`)}</Tag>;
}

/** Which versions answer: `V3`, with the canary's share beside it. */
export function ReleaseText({ release }: { release: FlowRelease | null }) {
  const { t } = useFlowsText();
  if (!release || release.stableVersion === null) return <>{t('none')}</>;
  return <>{t('version', { n: release.stableVersion })}</>;
}

export function CanaryText({ release }: { release: FlowRelease | null }) {
  const { t } = useFlowsText();
  if (!release || release.canaryVersion === null || release.canaryPercent === 0) {
    return <Typography.Text type="secondary">{t('canary.none')}</Typography.Text>;
  }
  return (
    <Tag color="processing">
      {t('canary.value', { version: release.canaryVersion, percent: release.canaryPercent })}
    </Tag>
  );
}

/** The content hash, short, with the whole of it on hover (to compare with a run's). */
export function HashText({ hash }: { hash: string }) {
  return (
    <Tooltip title={hash}>
      <Typography.Text code>{shortHash(hash)}</Typography.Text>
    </Tooltip>
  );
}

/** The last test run of a version's cases in words. */
export function LastTest({ v }: { v: Pick<FlowVersionSummary, 'lastTest' | 'caseCount'> }) {
  const { t } = useFlowsText();
  if (!v.lastTest) return <Typography.Text type="secondary">{t('test.never')}</Typography.Text>;
  return v.lastTest.passed ? (
    <Tag color="success">{t('test.passed', { n: v.lastTest.passedCount })}</Tag>
  ) : (
    <Tag color="error">{t('test.failed', { failed: v.lastTest.failedCount })}</Tag>
  );
}

export function OutcomeText({ outcome }: { outcome: string | null }) {
  const { t } = useFlowsText();
  if (!outcome) return <>{t('outcome.none')}</>;
  const color = outcome === 'pass' ? 'success' : outcome === 'refuse' ? 'error' : 'warning';
  return <Tag color={color}>{t.opt(`outcome.${outcome}`) ?? t('outcome.none')}</Tag>;
}
