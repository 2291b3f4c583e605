import { useShowError } from '@zhanye/app-kit/react';
import type { FlowVersion, SimulateResult } from '@zhanye/contracts';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { parseObject, pretty, simulate } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';
import { JsonBlock, TraceGraph, TraceSteps } from './trace.view.tsx';

/**
 * 模拟: any input on this version (nothing stored as a run); the output, and the trace drawn on the
 * graph — nodes that ran, decision-table rows matched, each node's values in and out.
 */
export function SimulateTab({ version }: { version: FlowVersion }) {
  const { api, t } = useFlowsText();
  const showError = useShowError();
  const [text, setText] = useState(() => pretty(version.cases[0]?.input ?? {}));
  const [result, setResult] = useState<SimulateResult>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const input = parseObject(text);

  const run = async () => {
    setTried(true);
    if (!input) return;
    setBusy(true);
    try {
      setResult(await simulate(api, version.name, version.version, input));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="simulate-tab">
      <Typography.Text type="secondary">
        {t('sim.hint')} {t('sim.notKept')}
      </Typography.Text>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('sim.input')}>
            <Form layout="vertical">
              {version.cases.length > 0 && (
                <Form.Item label={t('sim.fromCase')}>
                  <Select
                    data-testid="sim-case"
                    placeholder={t('sim.fromCase')}
                    options={version.cases.map((c, i) => ({ value: i, label: c.name }))}
                    onChange={(i: number) => setText(pretty(version.cases[i]?.input ?? {}))}
                  />
                </Form.Item>
              )}
              <Form.Item
                validateStatus={tried && !input ? 'error' : undefined}
                help={tried && !input ? t('json.invalid') : undefined}
              >
                <Input.TextArea
                  rows={12}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="sim-input"
                />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={run} data-testid="sim-run">
                {t('sim.run')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('sim.output')}
            extra={
              result && (
                <Typography.Text type="secondary">
                  {t('sim.latency', { ms: result.latencyMs.toFixed(2) })}
                </Typography.Text>
              )
            }
          >
            {result?.error ? (
              <Alert
                type="error"
                showIcon
                title={t('sim.error')}
                description={result.error}
                data-testid="sim-error"
              />
            ) : result ? (
              <JsonBlock value={result.output} testId="sim-output" />
            ) : (
              <Typography.Text type="secondary">{t('none')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {result && (
        <>
          <Card size="small" title={t('sim.trace')}>
            <TraceGraph
              content={version.content}
              trace={result.trace}
              output={result.output}
              latencyMs={result.latencyMs}
            />
          </Card>
          <Card size="small" title={t('trace.list')}>
            <TraceSteps steps={result.trace} />
          </Card>
        </>
      )}
    </Flex>
  );
}
