import { Permissions } from '@zhanye/contracts';
import { Tabs } from 'antd';
import { useNavigate } from 'react-router';
import { useShell } from './i18n.ts';
import { PageHeader } from './page-header.tsx';

type Section = 'flows' | 'decisions' | 'graphs';
const PATHS: Record<Section, string> = { flows: '/flows', decisions: '/', graphs: '/graphs' };

/** The console's list pages under one header: 决策流, 决策记录, the stored graphs. */
export function RiskNav({ active, extra }: { active: Section; extra?: React.ReactNode }) {
  const { t, can } = useShell();
  const navigate = useNavigate();
  const sections: Section[] = can(Permissions.flowRead)
    ? ['flows', 'decisions', 'graphs']
    : ['decisions', 'graphs'];
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
        items={sections.map((s) => ({ key: s, label: t(`nav.${s}`) }))}
      />
    </>
  );
}
