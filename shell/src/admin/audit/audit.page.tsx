import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import {
  type AuditRecord,
  adminApi,
  auditApi,
  type InputOf,
  type OutputOf,
  Permissions as P,
  UNION_CHAIN,
} from '@zhanye/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { usePaging } from '../common/use-paging.ts';
import { useRun } from '../common/use-run.ts';
import { type AuditText, auditText } from './audit.text.ts';

type Filters = Omit<InputOf<typeof auditApi.auditLog>, 'page' | 'pageSize'>;
type Verification = OutputOf<typeof auditApi.verifyAudit>;
/** RangePicker values (dayjs); only `toISOString` is used, so antd's date library stays antd's. */
interface FilterValues {
  user?: string;
  action?: string;
  result?: string;
  period?: [{ toISOString(): string } | null, { toISOString(): string } | null] | null;
}

const auditRow = (r: AuditRecord) =>
  ({ 'data-testid': 'audit-row', 'data-action': r.action }) as HTMLAttributes<HTMLElement>;

/** 审计日志: filtered, paged, each record's input and before/after; chain verification; CSV export. */
export default function AuditPage(props: ShellPageProps) {
  return (
    <App component={false}>
      <Audit {...props} t={auditText[props.locale]} c={commonText[props.locale]} />
    </App>
  );
}

function Audit({ api, can, user, locale, t, c }: ShellPageProps & { t: AuditText; c: CommonText }) {
  const [filters, setFilters] = useState<Filters>({});
  const { page, pagination, first } = usePaging(50, c);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const { run, failure, clear } = useRun(c);
  const [form] = Form.useForm<FilterValues>();
  const log = useLoad(
    (signal) => api.call(auditApi.auditLog, { ...filters, ...page }, { signal }),
    [api, filters, page],
  );

  async function verify() {
    setBusy('verify');
    setVerification(null);
    const result = await run(() => api.call(auditApi.verifyAudit, {}), { done: t.verify });
    setBusy(null);
    if (result) setVerification(result);
  }

  /** Fetches the export part by part (each fits one message), showing progress, then saves one file. */
  async function exportCsv() {
    setBusy('export');
    setProgress(0);
    const file = await run(
      async () => {
        const parts: string[] = [];
        let rows = 0;
        let filename = '';
        let next: string | null = null;
        do {
          // typed: inferred, `part` and `next` would depend on each other round the loop (TS7022)
          const part: OutputOf<typeof adminApi.exportAudit> = await api.call(adminApi.exportAudit, {
            ...filters,
            ...(next ? { cursor: next } : {}),
          });
          parts.push(part.csv);
          rows += part.rows;
          filename ||= part.filename;
          next = part.nextCursor;
          setProgress(part.total ? Math.min(99, Math.floor((rows / part.total) * 100)) : 99);
        } while (next);
        return { filename, rows, parts };
      },
      { done: (f) => t.exported(f.rows) },
    );
    setBusy(null);
    setProgress(null);
    // the first part starts with a byte-order mark: spreadsheets then read the Chinese text as UTF-8
    if (file) download(new Blob(file.parts, { type: 'text/csv;charset=utf-8' }), file.filename);
  }

  // a bank's records are one chain; a union auditor sees every bank's, each numbered on its own
  const everyChain = user.dataScope === 'all';
  const columns: TableColumnsType<AuditRecord> = [
    ...(everyChain
      ? [
          {
            title: t.chain,
            dataIndex: 'chain',
            render: (v: string) => (v === UNION_CHAIN ? t.unionChain : v),
          },
        ]
      : []),
    { title: t.seq, dataIndex: 'seq', width: 70 },
    { title: t.at, dataIndex: 'at', render: (v: string) => formatTime(v, locale) },
    { title: t.user, dataIndex: 'username', render: (v: string | null) => v ?? '-' },
    {
      title: t.action,
      dataIndex: 'action',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t.target,
      dataIndex: 'target',
      render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '-'),
    },
    {
      title: t.result,
      dataIndex: 'result',
      render: (v: string) => (
        <Tag color={v === 'ok' ? 'success' : 'error'} data-result={v}>
          {t.results[v] ?? v}
        </Tag>
      ),
    },
    { title: t.status, dataIndex: 'status' },
    { title: t.service, dataIndex: 'service', render: (v: string) => t.services[v] ?? v },
    {
      title: t.requestId,
      dataIndex: 'requestId',
      render: (v: string) => (
        <Typography.Text type="secondary" code>
          {v.slice(0, 12)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card
      title={t.title}
      data-testid="admin-audit-page"
      extra={
        <Space>
          <Button data-testid="audit-verify" loading={busy === 'verify'} onClick={() => void verify()}>
            {t.verify}
          </Button>
          {can(P.auditExport) && (
            <Button data-testid="audit-export" loading={busy === 'export'} onClick={() => void exportCsv()}>
              {t.export}
            </Button>
          )}
          {progress !== null && (
            <Progress type="circle" size={28} percent={progress} data-testid="audit-export-progress" />
          )}
        </Space>
      }
    >
      <ErrorAlert
        error={failure ?? log.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      {verification && (
        <Alert
          showIcon
          type={verification.ok ? 'success' : 'error'}
          data-testid="audit-verification"
          data-ok={String(verification.ok)}
          title={
            verification.ok
              ? t.verifyOk(verification.checked)
              : t.verifyBroken(verification.brokenAt, verification.reason, verification.chain)
          }
          closable={{ onClose: () => setVerification(null) }}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<FilterValues>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters({
            user: v.user || undefined,
            action: v.action || undefined,
            result: v.result || undefined,
            from: v.period?.[0]?.toISOString(),
            to: v.period?.[1]?.toISOString(),
          });
          first();
        }}
      >
        <Form.Item name="user">
          <Input placeholder={t.user} allowClear style={{ width: 140 }} data-testid="audit-filter-user" />
        </Form.Item>
        <Form.Item name="action">
          <Input placeholder={t.action} allowClear style={{ width: 200 }} data-testid="audit-filter-action" />
        </Form.Item>
        <Form.Item name="result">
          <Input placeholder={t.result} allowClear style={{ width: 120 }} data-testid="audit-filter-result" />
        </Form.Item>
        <Form.Item name="period">
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {c.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {c.reset}
          </Button>
        </Flex>
      </Form>
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={log.loading}
        dataSource={log.data?.items ?? []}
        columns={columns}
        onRow={auditRow}
        locale={{ emptyText: t.empty }}
        expandable={{ expandedRowRender: (r) => <Detail record={r} t={t} /> }}
        pagination={pagination(log.data?.total)}
      />
    </Card>
  );
}

function Detail({ record, t }: { record: AuditRecord; t: AuditText }) {
  const parts = [
    [t.input, record.input],
    [t.before, record.before],
    [t.after, record.after],
  ] as const;
  return (
    <Flex gap={16} wrap data-testid="audit-detail">
      {parts.map(([label, value]) => (
        <div key={label} style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Typography.Text strong>{label}</Typography.Text>
          <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {value === undefined || value === null ? t.nothing : JSON.stringify(value, null, 2)}
          </pre>
        </div>
      ))}
    </Flex>
  );
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // the click has started the download; the URL is no longer needed
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
