import { fenToYuan, formatMoney } from '@zhanye/app-kit/react';
import type { FeatureDef, FeatureValue, Locale } from '@zhanye/contracts';
import { Tag, Typography } from 'antd';
import { useFeaturesText } from './features.text.ts';

type T = ReturnType<typeof useFeaturesText>['t'];

/** A feature's value as staff read it: fen as 元, ratios as a percentage, yes/no, "no value". */
export function formatFeatureValue(v: FeatureValue, unit: FeatureDef['unit'], t: T, lang: Locale): string {
  if (v === null) return t('none');
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (typeof v === 'string') return v;
  if (unit === 'fen') {
    const yuan = fenToYuan(Math.round(v));
    return yuan ? formatMoney(yuan, lang) : String(v);
  }
  if (unit === 'ratio') return `${(v * 100).toFixed(2)}%`;
  return Number.isInteger(v) ? v.toLocaleString(lang) : v.toFixed(2);
}

/** The text values of the fact columns that have words (direction, role, kind...). */
export const VALUE_WORDS = new Set([
  'in',
  'out',
  'salary',
  'sales',
  'transfer',
  'cash',
  'defendant',
  'plaintiff',
  'lawsuit',
  'enforcement',
  'dishonest',
  'open',
  'closed',
  'electricity',
  'water',
  'gas',
  'approved',
  'rejected',
  'limit',
]);

export function StatusTag({ status }: { status: FeatureDef['status'] }) {
  const { t } = useFeaturesText();
  const color = status === 'active' ? 'green' : status === 'draft' ? 'blue' : 'default';
  return <Tag color={color}>{t(`status.${status}`)}</Tag>;
}

export const windowText = (days: number | null, t: T) =>
  days === null ? t('window.all') : t('window.days', { n: days });

/** What a definition computes, in words: "核心交易（模拟） · 合计 金额 · 方向 等于 in" or its expression. */
export function DefinitionText({ def }: { def: Pick<FeatureDef, 'kind' | 'aggregate' | 'expression'> }) {
  const { t } = useFeaturesText();
  if (def.kind === 'expression') return <Typography.Text code>{def.expression}</Typography.Text>;
  const a = def.aggregate;
  if (!a) return null;
  const col = (c: string) => t(`col.${c}` as 'col.kind');
  const parts = [t(`source.${a.source}`), `${t(`fn.${a.fn}`)}${a.column ? ` ${col(a.column)}` : ''}`];
  const val = (v: string | number) =>
    typeof v === 'string' && VALUE_WORDS.has(v) ? t(`val.${v}` as 'val.in') : String(v);
  for (const f of a.filter) parts.push(`${col(f.column)} ${t(`op.${f.op}`)} ${val(f.value)}`);
  return <span>{parts.join(' · ')}</span>;
}

/** Who made a version: a person by name, the standard features' owner in words. */
export const ownerText = (f: Pick<FeatureDef, 'ownerId' | 'ownerName'>, t: T) =>
  f.ownerId === 'system' ? t('owner.system') : f.ownerName;
