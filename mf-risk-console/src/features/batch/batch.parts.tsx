import { type BatchRun, batchRunMachine } from '@zhanye/contracts';
import { Steps, Tag } from 'antd';
import { useBatchText } from './batch.text.ts';

const COLOURS: Record<BatchRun['status'], string> = {
  queued: 'default',
  running: 'processing',
  paused: 'warning',
  cancelling: 'warning',
  cancelled: 'default',
  done: 'success',
  failed: 'error',
};

export function RunStatusTag({ status }: { status: BatchRun['status'] }) {
  const { t } = useBatchText();
  return (
    <Tag color={COLOURS[status]} data-testid="batch-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** Where the run is on its declared machine (contracts `batchRunMachine`): the main path, or how it ended. */
export function RunSteps({ status }: { status: BatchRun['status'] }) {
  const { t } = useBatchText();
  const ending = status === 'cancelling' || status === 'cancelled' || status === 'failed' ? status : 'done';
  const path = ['queued', status === 'paused' ? 'paused' : 'running', ending] as const;
  const at = path.indexOf(status as (typeof path)[number]);
  const final = (batchRunMachine.final as readonly string[]).includes(status);
  return (
    <Steps
      size="small"
      current={at < 0 ? 1 : at}
      status={status === 'failed' ? 'error' : final ? 'finish' : 'process'}
      items={path.map((s) => ({ title: t(`status.${s}`) }))}
    />
  );
}

/** Population in words: the whole bank or a branch, and the segment and tag when picked. */
export function populationText(
  run: Pick<BatchRun, 'orgPath' | 'segment' | 'tag'>,
  t: ReturnType<typeof useBatchText>['t'],
) {
  const parts = [run.orgPath ? t('population.branch') : t('population.bank')];
  if (run.segment) parts.push(t.opt(`segment.${run.segment}`) ?? run.segment);
  if (run.tag) parts.push(run.tag);
  return parts.join(' · ');
}

export const flowText = (name: string, version: number, t: ReturnType<typeof useBatchText>['t']) =>
  `${t.opt(`flow.${name}`) ?? t('flow.other')} ${t('version', { n: version })}`;

export function etaText(seconds: number | null, t: ReturnType<typeof useBatchText>['t']) {
  if (seconds === null) return t('eta.none');
  if (seconds < 60) return t('eta.seconds', { n: seconds });
  return t('eta.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
}
