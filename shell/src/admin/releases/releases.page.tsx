import { App, Card, Tabs } from 'antd';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { releasesText } from './releases.text.ts';
import { RolloutPanel } from './rollout.panel.tsx';
import { ServicesPanel } from './services.panel.tsx';

/**
 * 发布管理: per app its releases, activation rules and history, with the actions the user holds;
 * and the running services. Loaded on first visit only (its own chunk).
 */
export default function ReleasesPage(props: ShellPageProps) {
  const t = releasesText[props.locale];
  return (
    <App component={false}>
      <Card title={t.title} data-testid="releases-page">
        <Tabs
          destroyOnHidden
          items={[
            {
              key: 'releases',
              label: <span data-testid="releases-tab-releases">{t.tabReleases}</span>,
              children: <RolloutPanel {...props} t={t} />,
            },
            {
              key: 'services',
              label: <span data-testid="releases-tab-services">{t.tabServices}</span>,
              children: <ServicesPanel {...props} t={t} />,
            },
          ]}
        />
      </Card>
    </App>
  );
}
