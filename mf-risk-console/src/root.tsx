import { useRoute } from '@zhanye/app-kit/react';
import { matchPath } from '@zhanye/contracts';
import { Tabs } from 'antd';
import { DecisionPage } from './features/decisions/decision.page.tsx';
import { DecisionsPage } from './features/decisions/decisions.page.tsx';
import { GraphsPage } from './features/graphs/graphs.page.tsx';
import { warningElement } from './features/warnings/routes.tsx';
import { useShell } from './lib/i18n.ts';

/** The app's pages below its base path. */
export function Routes() {
  const { basePath, navigate, t } = useShell();
  const { path } = useRoute();
  const warnings = warningElement(path);
  if (warnings) return warnings;
  const detail = matchPath('/decisions/:id', path);
  if (detail) return <DecisionPage key={detail.id} id={detail.id!} />;
  return (
    <Tabs
      activeKey={path === '/graphs' ? 'graphs' : 'decisions'}
      onChange={(tab) => navigate(tab === 'graphs' ? `${basePath}/graphs` : basePath)}
      items={[
        { key: 'decisions', label: t('decisions'), children: <DecisionsPage /> },
        { key: 'graphs', label: t('graphs'), children: <GraphsPage /> },
      ]}
    />
  );
}
