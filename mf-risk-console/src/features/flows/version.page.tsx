import { LoadError, useLoad } from '@zhanye/app-kit/react';
import type { FlowVersion, JdmContent } from '@zhanye/contracts';
import { Card, Descriptions, Flex, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { UnsavedGuard } from '../../lib/unsaved.guard.tsx';
import { CasesTab } from './cases.tab.tsx';
import { DiffTab } from './diff.tab.tsx';
import { EditTab } from './edit.tab.tsx';
import { HashText, LastTest, OwnerTag, StatusTag } from './flow.parts.tsx';
import { getVersion } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';
import { RunsTab } from './runs.tab.tsx';
import { SimulateTab } from './simulate.tab.tsx';

const TABS = ['edit', 'cases', 'simulate', 'diff', 'runs'] as const;
type Tab = (typeof TABS)[number];

/**
 * A version: 编辑 (the graph in the JDM editor; saving makes a new draft), 测试用例, 模拟 (the trace
 * drawn on the graph), 差异 and its 决策记录. The tab is in the URL (`?tab=`), so it deep-links; the
 * editor's unsaved graph lives here, so switching tabs keeps it, leaving the page asks first.
 */
export function VersionPage() {
  const { name = '', version: v = '' } = useParams();
  const version = Number(v);
  const [search, setSearch] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as Tab)
    : 'edit';
  const { api, t, lang } = useFlowsText();
  const loaded = useLoad((signal) => getVersion(api, name, version, signal), [api, name, version]);
  const [fresh, setFresh] = useState<FlowVersion>();
  const [draft, setDraft] = useState<{ of: string; content: JdmContent }>();
  const key = `${name}@${version}`;
  const data = fresh && `${fresh.name}@${fresh.version}` === key ? fresh : loaded.data;
  const edited = draft?.of === key ? draft.content : undefined;
  // after a test run or a cases change: the header's last test and counts read again
  const refresh = () => {
    setFresh(undefined);
    loaded.reload();
  };

  const setTab = (next: string) =>
    setSearch(
      (s) => {
        s.set('tab', next);
        return s;
      },
      { replace: true },
    );

  return (
    <div data-testid="version-page">
      <UnsavedGuard dirty={edited !== undefined} />
      <PageHeader
        crumbs={[
          { title: t('app') },
          { title: t('flows'), to: '/flows' },
          { title: data?.title ?? name, to: `/flows/${name}` },
          { title: t('version', { n: version }) },
        ]}
        title={`${data?.title ?? name} · ${t('version', { n: version })}`}
        tags={
          data && (
            <>
              <StatusTag status={data.status} />
              <OwnerTag owner={data.owner} />
              {edited !== undefined && (
                <Tag color="orange" data-testid="unsaved-tag">
                  {t('edit.unsaved')}
                </Tag>
              )}
            </>
          )
        }
      />
      {loaded.error !== undefined && !data ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('version.notFound') }} />
      ) : (
        <Flex vertical gap={16}>
          <Card loading={!data} size="small">
            {data && (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 4 }}
                items={[
                  { key: 'author', label: t('field.author'), children: data.authorName },
                  { key: 'hash', label: t('field.hash'), children: <HashText hash={data.hash} /> },
                  { key: 'cases', label: t('field.lastTest'), children: <LastTest v={data} /> },
                  {
                    key: 'features',
                    label: t('field.features'),
                    children: data.features.length ? data.features.join('、') : t('none'),
                  },
                  { key: 'note', label: t('field.note'), span: 'filled', children: data.note || t('none') },
                ]}
              />
            )}
          </Card>
          {data && (
            <Card>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                destroyOnHidden
                items={[
                  {
                    key: 'edit',
                    label: t('tab.edit'),
                    children: (
                      <EditTab
                        version={data}
                        edited={edited}
                        onEdit={(content) => setDraft(content ? { of: key, content } : undefined)}
                      />
                    ),
                  },
                  {
                    key: 'cases',
                    label: t('tab.cases'),
                    children: <CasesTab version={data} onSaved={setFresh} onTested={refresh} />,
                  },
                  { key: 'simulate', label: t('tab.simulate'), children: <SimulateTab version={data} /> },
                  { key: 'diff', label: t('tab.diff'), children: <DiffTab version={data} /> },
                  {
                    key: 'runs',
                    label: t('tab.runs'),
                    children: <RunsTab name={name} version={version} lang={lang} />,
                  },
                ].map((i) => ({ ...i, label: <span data-testid={`tab-${i.key}`}>{i.label}</span> }))}
              />
            </Card>
          )}
        </Flex>
      )}
    </div>
  );
}
