import { formatMoney } from '@zhanye/app-kit/react';
import { money } from '@zhanye/contracts';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { Limit } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

const STATUS_COLOR: Record<Limit['status'], string> = {
  active: 'success',
  frozen: 'processing',
  cancelled: 'default',
  expired: 'warning',
};

export function LimitStatusTag({ status }: { status: Limit['status'] }) {
  const { t } = useLimitsText();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function LimitKindTag({ kind }: { kind: Limit['kind'] }) {
  const { t } = useLimitsText();
  return <Tag color={kind === 'comprehensive' ? 'processing' : 'processing'}>{t(`kind.${kind}`)}</Tag>;
}

/** Share of `part` in `whole` as a CSS percentage (display only: the amounts stay decimal strings). */
const share = (part: string, whole: string) => {
  const w = money(whole);
  return w.isZero() ? '0%' : `${money(part).div(w).mul(100).toDecimalPlaces(2).toString()}%`;
};

/** used | frozen | available as one stacked bar of the granted amount, with the figures under it. */
export function LimitFigures({ limit }: { limit: Pick<Limit, 'granted' | 'used' | 'frozen' | 'available'> }) {
  const { t, lang } = useLimitsText();
  const parts = [
    { key: 'used', value: limit.used, color: '#fa8c16' },
    { key: 'frozen', value: limit.frozen, color: '#1677ff' },
    { key: 'available', value: limit.available, color: '#52c41a' },
  ] as const;
  return (
    <div data-testid="limit-figures">
      <div
        style={{ display: 'flex', height: 16, borderRadius: 8, overflow: 'hidden', background: '#f0f0f0' }}
        role="img"
        aria-label={t('figures.title')}
      >
        {parts.map((p) => (
          <Tooltip key={p.key} title={`${t(`field.${p.key}`)} ${formatMoney(p.value, lang)}`}>
            <div style={{ width: share(p.value, limit.granted), background: p.color }} />
          </Tooltip>
        ))}
      </div>
      <Flex gap={24} wrap style={{ marginTop: 8 }}>
        <Typography.Text strong>
          {t('field.granted')} {formatMoney(limit.granted, lang)}
        </Typography.Text>
        {parts.map((p) => (
          <Typography.Text key={p.key}>
            <span
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: p.color,
                marginInlineEnd: 6,
              }}
            />
            {t(`field.${p.key}`)} {formatMoney(p.value, lang)}
          </Typography.Text>
        ))}
      </Flex>
    </div>
  );
}

/** The page's words for the refusals a limit operation can meet. */
export function useLimitReasons() {
  const { t } = useLimitsText();
  const codes = [
    'INSUFFICIENT_LIMIT',
    'LIMIT_NOT_ACTIVE',
    'STALE_VERSION',
    'EXCEEDS_FROZEN',
    'BELOW_USED',
    'ADJUSTMENT_PENDING',
    'ADJUSTMENT_DECIDED',
    'FOUR_EYES',
  ] as const;
  return Object.fromEntries(codes.map((c) => [c, t(`reason.${c}`)]));
}
