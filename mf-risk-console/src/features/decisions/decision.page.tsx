import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import { Card, Descriptions, Flex } from 'antd';
import { Link } from 'react-router';
import { useShell } from '../../lib/i18n.ts';
import { graphTitles } from '../graphs/graph.resource.ts';
import { getDecision } from './decision.resource.ts';
import { DecisionTrace } from './decision-trace.panel.tsx';
import { runNumber } from './decisions.page.tsx';
import { FactsView } from './facts.view.tsx';
import { OutcomeTag } from './outcome.tag.tsx';
import { SubjectLink } from './subject.link.tsx';

/** One decision run: which graph decided what, on which facts, and how (the trace). */
export function DecisionPage({ id }: { id: string }) {
  const { api, t, lang } = useShell();
  const loaded = useLoad((signal) => getDecision(api, id, signal), [api, id]);
  const titles = useLoad((signal) => graphTitles(api, signal), [api]);
  const d = loaded.data;
  const graph =
    d && `${titles.data?.get(d.graphKey) ?? t('unknown')} · ${t('version', { n: d.graphVersion })}`;

  return (
    <div data-testid="decision-detail">
      <Link to="/">← {t('back')}</Link>
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('decision.notFound') }} />
      ) : (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Card
            title={`${t('decision')} ${runNumber(id)}`}
            loading={!d}
            extra={d && <OutcomeTag outcome={d.outcome} />}
          >
            {d && (
              <Descriptions
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'graph', label: t('field.graph'), children: graph },
                  {
                    key: 'subject',
                    label: t('field.subject'),
                    children: <SubjectLink subjectRef={d.subjectRef} />,
                  },
                  {
                    key: 'requestedBy',
                    label: t('field.requestedBy'),
                    children: d.requestedByName || t('unknown'),
                  },
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
                <FactsView value={d.input} />
              </Card>
              <Card title={t('output')} size="small">
                <FactsView value={d.output} />
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
