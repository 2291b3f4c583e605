import type { ModelStatus, PsiLevel } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useModelsText } from './models.text.ts';

const STATUS_COLOR: Record<ModelStatus, string> = {
  inUse: 'success',
  piloting: 'processing',
  retired: 'default',
};
const LEVEL_COLOR: Record<PsiLevel, string> = {
  stable: 'success',
  shift: 'warning',
  major: 'error',
  insufficient: 'default',
};

export function ModelStatusTag({ status }: { status: ModelStatus }) {
  const { t } = useModelsText();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function PsiLevelTag({ level }: { level: PsiLevel }) {
  const { t } = useModelsText();
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid="psi-level">
      {t(`level.${level}`)}
    </Tag>
  );
}
