import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useShell } from './i18n.ts';
import { PageHeader } from './page-header.tsx';

type Section = 'decisions' | 'graphs';
const PATHS: Record<Section, string> = { decisions: '/', graphs: '/graphs' };

/** 决策记录 and the stored graphs under one header (决策流 has its own menu entry and header). */
export function RiskNav({ active, extra }: { active: Section; extra?: ReactNode }) {
  const { t } = useShell();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t(`nav.${active}`) }]}
        title={t(`nav.${active}`)}
        extra={extra}
      />
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(PATHS[k as Section])}
        items={(['decisions', 'graphs'] as const).map((s) => ({ key: s, label: t(`nav.${s}`) }))}
      />
    </>
  );
}
