import { fenToYuan, formatMoney } from '@zhanye/app-kit/react';
import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useShell } from '../../lib/i18n.ts';

type Shell = ReturnType<typeof useShell>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

/** The facts a decision graph reads and writes, each in the user's words (fen as yuan, codes as names). */
const VALUES: Record<string, (v: unknown, s: Shell) => ReactNode | undefined> = {
  amountFen: (v, { lang }) => money(v, lang),
  annualIncomeFen: (v, { lang }) => money(v, lang),
  termMonths: (v, { t }) => (typeof v === 'number' ? t('months', { n: v }) : undefined),
  productCode: (v, { t }) => (typeof v === 'string' ? t.opt(`product.${v}`) : undefined),
  outcome: (v, { t }) => (typeof v === 'string' ? t.opt(`outcome.${v}`) : undefined),
  reasons: (v, { t }) => list(strings(v), t),
  rules: (v, { t }) => (strings(v)?.length ? strings(v)!.join('、') : t('none')),
  refusals: (v, { t }) => hits(v, t),
  referrals: (v, { t }) => hits(v, t),
};

function money(v: unknown, lang: Shell['lang']) {
  const yuan = typeof v === 'number' || typeof v === 'string' ? fenToYuan(v) : null;
  return yuan === null ? undefined : formatMoney(yuan, lang);
}

function list(items: string[] | null, t: Shell['t']) {
  if (!items) return undefined;
  if (!items.length) return t('none');
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {items.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

/** Rule hits (`[{ rule: 'R1', reason: '…' }]`): the rule number, then its reason. */
function hits(v: unknown, t: Shell['t']) {
  if (!Array.isArray(v) || !v.every(isRecord)) return undefined;
  return list(
    v.map((h) => [h.rule, h.reason].filter((x) => typeof x === 'string').join(' ')),
    t,
  );
}

/**
 * A decision's facts as a labelled list: what a bank's risk officer reads, not JSON. A fact this
 * console does not know yet (a new graph's) is shown under its own name, its value as text.
 */
export function FactsView({ value }: { value: unknown }) {
  const shell = useShell();
  const { t } = shell;
  if (!isRecord(value)) return <>{value === null || value === undefined ? t('none') : String(value)}</>;
  const items = Object.entries(value).map(([key, v]) => ({
    key,
    label: t.opt(`fact.${key}`) ?? key,
    children: VALUES[key]?.(v, shell) ?? (isRecord(v) ? <FactsView value={v} /> : plain(v, t)),
  }));
  return <Descriptions bordered size="small" column={1} items={items} data-testid="facts" />;
}

function plain(v: unknown, t: Shell['t']): ReactNode {
  if (v === null || v === undefined) return t('none');
  if (Array.isArray(v))
    return v.map((x) => (isRecord(x) ? Object.values(x).join(' ') : String(x))).join('；');
  return String(v);
}
