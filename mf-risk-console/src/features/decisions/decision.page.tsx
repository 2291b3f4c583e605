import { formatTime, Link, LoadError, useLoad } from '@zhanye/app-kit/react';
import { Card, Descriptions, Flex } from 'antd';
import { useShell } from '../../lib/shell.ts';
import { getDecision } from './decision.resource.ts';
import { DecisionTrace } from './decision-trace.panel.tsx';
import { JsonView } from './json.view.tsx';
import { OutcomeTag } from './outcome.tag.tsx';

const show = (v: unknown) => (v !== null && typeof v === 'object' ? <JsonView value={v} /> : String(v));

/** One decision run: which graph decided what, on which input, and how (the trace). */
export function DecisionPage({ id }: { id: string }) {
  const { api, basePath, t, lang } = useShell();
  const loaded = useLoad((signal) => getDecision(api, id, signal), [api, id]);
  const d = loaded.data;

  return (
    <div data-testid="decision-detail">
      <Link to={basePath}>← {t('back')}</Link>
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} />
      ) : (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Card title={`${t('decision')} ${id}`} loading={!d} extra={d && <OutcomeTag outcome={d.outcome} />}>
            {d && (
              <Descriptions
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'graph', label: t('field.graph'), children: `${d.graphKey} v${d.graphVersion}` },
                  { key: 'subject', label: t('field.subject'), children: d.subjectRef },
                  { key: 'requestedBy', label: t('field.requestedBy'), children: d.requestedBy },
                  { key: 'createdAt', label: t('field.createdAt'), children: formatTime(d.createdAt, lang) },
                  {
                    key: 'reasons',
                    label: t('reasons'),
                    span: 'filled',
                    children: d.reasons.length ? d.reasons.join('；') : t('reasons.none'),
                  },
                ]}
              />
            )}
          </Card>
          {d && (
            <>
              <Card title={t('input')} size="small">
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  items={Object.entries(d.input).map(([k, v]) => ({ key: k, label: k, children: show(v) }))}
                />
              </Card>
              <Card title={t('output')} size="small">
                <JsonView value={d.output} />
              </Card>
              <Card title={t('trace')} size="small">
                <div data-testid="decision-trace">
                  <DecisionTrace steps={d.trace} />
                </div>
              </Card>
            </>
          )}
        </Flex>
      )}
    </div>
  );
}
