import { formatMoney, formatTime } from '@zhanye/app-kit/react';
import type { CreditApplication } from '@zhanye/contracts';
import { Descriptions, type DescriptionsProps } from 'antd';
import { type AppText, useShell } from './applications.text.ts';

/** `1年期LPR 3.10%（2026-11-20）+ 45 个基点 = 3.55%`: the rate as it is kept, LPR plus spread. */
export function rateBasis(t: AppText, rate: NonNullable<CreditApplication['rate']>): string {
  return t('rate.basis', {
    tenor: t(`tenor.${rate.lprTenor}`),
    lpr: rate.lprPct,
    date: rate.lprDate,
    sign: rate.spreadBps < 0 ? '-' : '+',
    bps: Math.abs(rate.spreadBps),
    rate: rate.ratePct,
  });
}

/** 概要: the terms, the rate and its basis, where it came from. */
export function SummaryTab({ application: a }: { application: CreditApplication }) {
  const { t, lang } = useShell();
  const items: DescriptionsProps['items'] = [
    { key: 'product', label: t('field.product'), children: a.productName },
    { key: 'amount', label: t('field.amount'), children: formatMoney(a.amount, lang) },
    { key: 'term', label: t('field.term'), children: t('months', { n: a.termMonths }) },
    { key: 'repayment', label: t('field.repayment'), children: t(`repayment.${a.repaymentMethod}`) },
    { key: 'guarantee', label: t('field.guarantee'), children: t(`guarantee.${a.guaranteeType}`) },
    { key: 'income', label: t('field.income'), children: formatMoney(a.annualIncome, lang) },
    { key: 'purpose', label: t('field.purpose'), children: a.purpose, span: 'filled' },
    {
      key: 'rate',
      label: t('field.rateBasis'),
      children: a.rate ? rateBasis(t, a.rate) : t('rate.none'),
      span: 'filled',
    },
    { key: 'segment', label: t('field.segment'), children: t(`segment.${a.segment}`) },
    { key: 'channel', label: t('field.channel'), children: t(`channel.${a.channel}`) },
    {
      key: 'variant',
      label: t('field.variant'),
      children: a.variant ? t(`variant.${a.variant}`) : t('variant.none'),
    },
    {
      key: 'level',
      label: t('field.level'),
      children: a.approvalLevel ? t(`level.${a.approvalLevel}`) : '—',
    },
    { key: 'lead', label: t('field.lead'), children: a.leadId ? t('lead.yes') : t('lead.no') },
    ...(a.groupId ? [{ key: 'group', label: t('field.group'), children: t('group.yes') }] : []),
    { key: 'owner', label: t('field.owner'), children: a.ownerName },
    { key: 'org', label: t('field.org'), children: a.orgName },
    { key: 'created', label: t('field.createdAt'), children: formatTime(a.createdAt, lang) },
    { key: 'updated', label: t('field.updatedAt'), children: formatTime(a.updatedAt, lang) },
  ];
  const supplement: DescriptionsProps['items'] = a.supplement
    ? [
        { key: 'offlineRef', label: t('field.offlineRef'), children: a.supplement.offlineRef },
        { key: 'grantedOn', label: t('field.grantedOn'), children: a.supplement.grantedOn },
        { key: 'reason', label: t('field.reason'), children: a.supplement.reason, span: 'filled' },
      ]
    : [];
  return (
    <div data-testid="application-summary">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      {supplement.length > 0 && (
        <Descriptions
          title={t('field.supplement')}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={supplement}
          style={{ marginTop: 16 }}
        />
      )}
    </div>
  );
}
