import {
  fenToYuan,
  formatMoney,
  formatTime,
  LoadError,
  useConfirm,
  useLoad,
  useShowError,
} from '@zhanye/app-kit/react';
import { type WarningCommand, warningMachine } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import {
  acknowledgeWarning,
  closeWarning,
  getWarning,
  handleWarning,
  type WarningDetail,
} from './warning.resource.ts';
import { KindText, SeverityTag, StatusTag, scorePercent } from './warning.tags.tsx';
import { useWarningText } from './warnings.text.ts';

const RelationGraph = lazy(() => import('./relation.graph.tsx'));

type T = ReturnType<typeof useWarningText>['t'];

/** The signal's facts in words (known facts only: no raw codes or ids on screen). */
function factItems(facts: WarningDetail['facts'], t: T, lang: 'zh-CN' | 'en-US') {
  const out: { key: string; label: string; children: string }[] = [];
  const add = (key: string, text: string | null | undefined) => {
    if (text) out.push({ key, label: t(`fact.${key}` as Parameters<T>[0]), children: text });
  };
  const f = facts;
  if (typeof f.overdueDays === 'number') add('overdueDays', t('fact.days', { n: f.overdueDays }));
  if (typeof f.overdueAmount === 'string') add('overdueAmount', formatMoney(f.overdueAmount, lang));
  if (typeof f.scoreDrop === 'number') add('scoreDrop', t('fact.points', { n: f.scoreDrop }));
  if (typeof f.amountFen === 'number') {
    const yuan = fenToYuan(f.amountFen);
    if (yuan) add('amountFen', formatMoney(yuan, lang));
  }
  if (typeof f.court === 'string') add('court', f.court);
  if (f.caseType === 'enforcement' || f.caseType === 'lawsuit') add('caseType', t(`caseType.${f.caseType}`));
  return out;
}

/** One warning: what hit whom, the path it travelled on the relation graph, and its life cycle. */
export function WarningPage({ id }: { id: string }) {
  const { api, t, lang } = useWarningText();
  const loaded = useLoad((signal) => getWarning(api, id, signal), [api, id]);
  const confirm = useConfirm();
  const showError = useShowError();
  const { message } = App.useApp();
  const [noteFor, setNoteFor] = useState<'handle' | 'close' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const w = loaded.data;
  const name = (n: string) => n || t('unknownCustomer');

  const run = async (command: WarningCommand, note?: string) => {
    if (!w) return;
    setBusy(true);
    try {
      if (command === 'acknowledge') await acknowledgeWarning(api, w.id, w.version);
      else if (command === 'handle') await handleWarning(api, w.id, w.version, note ?? '');
      else await closeWarning(api, w.id, w.version, note);
      message.success(t('done'));
      setNoteFor(null);
      form.resetFields();
      loaded.reload();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const onCommand = async (command: WarningCommand) => {
    if (command === 'acknowledge') {
      const ok = await confirm({
        title: t('confirm.acknowledge'),
        content: t('confirm.acknowledge.content'),
        okText: t('cmd.acknowledge'),
        cancelText: t('cancel'),
      });
      if (ok) await run('acknowledge');
    } else setNoteFor(command);
  };

  const onNote = async () => {
    const { note } = await form.validateFields();
    if (noteFor === 'close') {
      const ok = await confirm({
        title: t('confirm.close'),
        content: t('confirm.close.content'),
        okText: t('cmd.close'),
        cancelText: t('cancel'),
        danger: true,
      });
      if (!ok) return;
    }
    if (noteFor) await run(noteFor, note?.trim() || undefined);
  };

  const names = new Map(w?.graph.nodes.map((n) => [n.ref, name(n.name)]) ?? []);
  const states = warningMachine.states;

  return (
    <div data-testid="warning-detail">
      <Link to={`/warnings`}>← {t('back')}</Link>
      {loaded.error !== undefined && !w ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('detail.notFound') }} />
      ) : (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Card
            title={w ? `${t('detail.title')} · ${name(w.customerName)}` : t('detail.title')}
            loading={!w}
            extra={
              w && (
                <Space>
                  <StatusTag status={w.status} />
                  {w.commands.map((c) => (
                    <Button
                      key={c}
                      type={c === 'close' ? 'default' : 'primary'}
                      danger={c === 'close'}
                      loading={busy}
                      data-testid={`warning-${c}`}
                      onClick={() => void onCommand(c)}
                    >
                      {t(`cmd.${c}`)}
                    </Button>
                  ))}
                </Space>
              )
            }
          >
            {w && (
              <Descriptions
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'customer', label: t('field.customer'), children: name(w.customerName) },
                  {
                    key: 'source',
                    label: t('field.source'),
                    children:
                      w.depth === 0
                        ? t('source.direct')
                        : t('source.relation', { name: name(w.hitName), n: w.depth }),
                  },
                  { key: 'kind', label: t('field.kind'), children: <KindText kind={w.kind} /> },
                  {
                    key: 'severity',
                    label: t('field.severity'),
                    children: <SeverityTag severity={w.severity} />,
                  },
                  { key: 'score', label: t('field.score'), children: scorePercent(w.score) },
                  { key: 'rule', label: t('field.rule'), children: w.ruleTitle },
                  { key: 'manager', label: t('field.manager'), children: w.managerName || t('unassigned') },
                  { key: 'signalAt', label: t('field.signalAt'), children: formatTime(w.signalAt, lang) },
                  { key: 'createdAt', label: t('field.createdAt'), children: formatTime(w.createdAt, lang) },
                  ...factItems(w.facts, t, lang),
                  ...(w.note
                    ? [{ key: 'note', label: t('field.note'), span: 'filled' as const, children: w.note }]
                    : []),
                ]}
              />
            )}
          </Card>
          {w && (
            <>
              <Card title={t('detail.machine')} size="small">
                <Steps
                  size="small"
                  current={states.indexOf(w.status)}
                  items={states.map((s) => ({ title: t(`status.${s}`) }))}
                />
              </Card>
              {w.path.length > 0 && (
                <Card title={t('detail.path')} size="small">
                  <Steps
                    size="small"
                    data-testid="warning-path"
                    items={[
                      {
                        title: names.get(w.hitRef) ?? name(w.hitName),
                        description: t('role.hit'),
                        status: 'error' as const,
                      },
                      ...w.path.map((s) => ({
                        title: names.get(s.to) ?? t('unknownCustomer'),
                        description: `${t(`relation.${s.kind}`)} × ${s.weight.replace(/0+$/, '').replace(/\.$/, '')}`,
                        status: 'process' as const,
                      })),
                    ]}
                  />
                </Card>
              )}
              <Card
                title={t('detail.graph')}
                size="small"
                extra={<Typography.Text type="secondary">{t('detail.graph.hint')}</Typography.Text>}
              >
                <div data-testid="warning-graph">
                  {w.graph.nodes.length > 1 ? (
                    <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                      <RelationGraph
                        graph={w.graph}
                        hitRef={w.hitRef}
                        roleText={(r) => t(`role.${r}`)}
                        kindText={(k) => t(`relation.${k}`)}
                        unnamed={t('unknownCustomer')}
                      />
                    </Suspense>
                  ) : (
                    <Empty />
                  )}
                </div>
              </Card>
              <Card title={t('detail.steps')} size="small">
                {w.steps.length ? (
                  <Timeline
                    items={w.steps.map((s) => ({
                      key: s.id,
                      children: (
                        <>
                          <Typography.Text strong>
                            {t(`cmd.${s.command as WarningCommand | 'raise'}`)}
                          </Typography.Text>
                          {' · '}
                          {s.actorName}
                          {' · '}
                          {formatTime(s.at, lang)}
                          {s.comment && <div>{s.comment}</div>}
                        </>
                      ),
                    }))}
                  />
                ) : (
                  <Empty description={t('detail.noSteps')} />
                )}
              </Card>
            </>
          )}
        </Flex>
      )}
      <Modal
        open={noteFor !== null}
        title={noteFor === 'close' ? t('cmd.close') : t('handle.title')}
        okText={noteFor === 'close' ? t('cmd.close') : t('ok')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void onNote()}
        onCancel={() => setNoteFor(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={noteFor === 'close' ? t('close.note') : t('handle.note')}
            rules={
              noteFor === 'handle'
                ? [{ required: true, min: 2, whitespace: true, message: t('handle.required') }]
                : []
            }
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              placeholder={t('handle.placeholder')}
              data-testid="warning-note"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
