import { useConfirm, useShowError } from '@zhanye/app-kit/react';
import {
  type FlowCaseResult,
  type FlowTestCase,
  type FlowTestReport,
  type FlowVersion,
  Permissions,
} from '@zhanye/contracts';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { parseObject, pretty, saveCases, testVersion } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';
import { JsonBlock } from './trace.view.tsx';

type Row = FlowTestCase & { i: number };
const caseRow = (r: Row) =>
  ({ 'data-testid': 'case-row', 'data-name': r.name }) as HTMLAttributes<HTMLElement>;

/**
 * 测试用例: input and expected output (a partial match) per case; a draft's cases are added, edited
 * and deleted here and saved together; 全部运行 runs them on the server (saving first) and shows
 * pass or fail per case with the actual output and what differed.
 */
export function CasesTab({
  version,
  onSaved,
  onTested,
}: {
  version: FlowVersion;
  onSaved: (v: FlowVersion) => void;
  onTested: () => void;
}) {
  const { api, can, t } = useFlowsText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError();
  const editable = version.status === 'draft' && can(Permissions.flowEdit);
  const [cases, setCases] = useState<FlowTestCase[]>(version.cases);
  const [editing, setEditing] = useState<{ index: number | null; value: FlowTestCase }>();
  const [report, setReport] = useState<FlowTestReport>();
  const [busy, setBusy] = useState(false);
  const results = new Map<string, FlowCaseResult>((report?.results ?? []).map((r) => [r.name, r]));

  /** Every change is saved at once (a draft's cases are replaced as a whole). */
  const change = async (next: FlowTestCase[]) => {
    try {
      const v = await saveCases(api, version.name, version.version, next);
      setCases(v.cases);
      setReport(undefined);
      onSaved(v);
      message.success(t('cases.saved'));
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  const run = async () => {
    setBusy(true);
    try {
      const r = await testVersion(api, version.name, version.version);
      setReport(r);
      onTested();
      const words = t('cases.summary', { passed: r.passedCount, failed: r.failedCount });
      if (r.passed) message.success(words);
      else message.warning(words);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (r: Row) => {
    const yes = await confirm({
      title: t('cases.deleteTitle', { name: r.name }),
      content: t('cases.deleteContent'),
      okText: t('cases.delete'),
      cancelText: t('cancel'),
      danger: true,
    });
    if (yes) await change(cases.filter((_, j) => j !== r.i));
  };

  const columns: TableColumnsType<Row> = [
    { title: t('cases.name'), dataIndex: 'name', width: 180 },
    {
      title: t('cases.input'),
      dataIndex: 'input',
      render: (v: unknown) => <CompactJson value={v} />,
    },
    {
      title: t('cases.expected'),
      dataIndex: 'expected',
      render: (v: unknown) => <CompactJson value={v} />,
    },
    {
      title: t('cases.result'),
      key: 'result',
      width: 260,
      render: (_, r) => {
        const res = results.get(r.name);
        if (!res)
          return (
            <Tag data-testid="case-result" data-result="none">
              {t('cases.notRun')}
            </Tag>
          );
        return (
          <Flex vertical gap={4}>
            <span>
              <Tag
                color={res.passed ? 'success' : 'error'}
                data-testid="case-result"
                data-result={res.passed ? 'pass' : 'fail'}
              >
                {t(res.passed ? 'cases.passed' : 'cases.failed')}
              </Tag>
            </span>
            {res.error !== null && (
              <Typography.Text type="danger">{t('cases.error', { error: res.error })}</Typography.Text>
            )}
            {res.mismatches.map((m) => (
              <Typography.Text key={m.path} type="danger" data-testid="case-mismatch">
                {t('cases.mismatch', {
                  path: m.path,
                  expected: JSON.stringify(m.before),
                  actual: JSON.stringify(m.after),
                })}
              </Typography.Text>
            ))}
          </Flex>
        );
      },
    },
    ...(editable
      ? [
          {
            title: t('field.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, r: Row) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  data-testid="case-edit"
                  onClick={() => setEditing({ index: r.i, value: r })}
                >
                  {t('cases.edit')}
                </Button>
                <Button type="link" size="small" danger data-testid="case-delete" onClick={() => remove(r)}>
                  {t('cases.delete')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="cases-tab">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          {report && (
            <Tag color={report.passed ? 'success' : 'error'} data-testid="cases-summary">
              {t('cases.summary', { passed: report.passedCount, failed: report.failedCount })}
            </Tag>
          )}
          {!editable && <Typography.Text type="secondary">{t('cases.readonly')}</Typography.Text>}
        </Space>
        <Space>
          {editable && (
            <Button
              data-testid="case-add"
              onClick={() => setEditing({ index: null, value: { name: '', input: {}, expected: {} } })}
            >
              {t('cases.add')}
            </Button>
          )}
          {can(Permissions.flowEdit) && (
            <Button
              type="primary"
              loading={busy}
              disabled={!cases.length}
              onClick={run}
              data-testid="cases-run"
            >
              {t('cases.runAll')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table
        rowKey="i"
        size="small"
        dataSource={cases.map((c, i) => ({ ...c, i }))}
        columns={columns}
        onRow={caseRow}
        pagination={false}
        locale={{ emptyText: t('cases.empty') }}
        expandable={{
          rowExpandable: (r) => results.has(r.name),
          expandedRowRender: (r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('cases.actual')}</Typography.Text>
              <JsonBlock value={results.get(r.name)?.actual} testId="case-actual" />
            </Flex>
          ),
        }}
      />
      {editing && (
        <CaseModal
          value={editing.value}
          taken={cases.filter((_, j) => j !== editing.index).map((c) => c.name)}
          onClose={() => setEditing(undefined)}
          onOk={async (c) => {
            const next =
              editing.index === null ? [...cases, c] : cases.map((x, j) => (j === editing.index ? c : x));
            if (await change(next)) setEditing(undefined);
          }}
        />
      )}
    </Flex>
  );
}

/** Adds or edits one case: its name, input and expected output as JSON objects. */
function CaseModal({
  value,
  taken,
  onClose,
  onOk,
}: {
  value: FlowTestCase;
  taken: string[];
  onClose: () => void;
  onOk: (c: FlowTestCase) => Promise<void>;
}) {
  const { t } = useFlowsText();
  const [name, setName] = useState(value.name);
  const [input, setInput] = useState(pretty(value.input));
  const [expected, setExpected] = useState(pretty(value.expected));
  const [tried, setTried] = useState(false);
  const parsedIn = parseObject(input);
  const parsedOut = parseObject(expected);
  const nameError = !name.trim()
    ? t('cases.name')
    : taken.includes(name.trim())
      ? t('cases.name')
      : undefined;
  const [saving, setSaving] = useState(false);
  const ok = async () => {
    setTried(true);
    if (nameError || !parsedIn || !parsedOut) return;
    setSaving(true);
    await onOk({ name: name.trim(), input: parsedIn, expected: parsedOut });
    setSaving(false);
  };
  return (
    <Modal
      open
      width={720}
      title={value.name ? t('cases.edit') : t('cases.add')}
      okText={t('cases.save')}
      cancelText={t('cancel')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ ...({ 'data-testid': 'case-ok' } as object) }}
    >
      <Form layout="vertical">
        <Form.Item label={t('cases.name')} required validateStatus={tried && nameError ? 'error' : undefined}>
          <Input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            data-testid="case-name"
          />
        </Form.Item>
        <Form.Item
          label={t('cases.input')}
          validateStatus={tried && !parsedIn ? 'error' : undefined}
          help={tried && !parsedIn ? t('json.invalid') : undefined}
        >
          <Input.TextArea
            rows={6}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            style={{ fontFamily: 'monospace' }}
            data-testid="case-input"
          />
        </Form.Item>
        <Form.Item
          label={t('cases.expected')}
          validateStatus={tried && !parsedOut ? 'error' : undefined}
          help={tried && !parsedOut ? t('json.invalid') : undefined}
        >
          <Input.TextArea
            rows={4}
            value={expected}
            onChange={(e) => setExpected(e.target.value)}
            style={{ fontFamily: 'monospace' }}
            data-testid="case-expected"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A JSON object on as few lines as fit: `key: value` per line (the graph's own field names). */
function CompactJson({ value }: { value: unknown }) {
  if (!value || typeof value !== 'object')
    return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
  return (
    <Flex vertical>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <Typography.Text key={k} style={{ fontSize: 12, fontFamily: 'monospace' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {k}:
          </Typography.Text>{' '}
          {JSON.stringify(v)}
        </Typography.Text>
      ))}
    </Flex>
  );
}
