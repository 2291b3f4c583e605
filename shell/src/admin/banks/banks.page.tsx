import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { adminApi, type Bank, type MenuItem, Permissions as P } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { type MenuText, menuText } from '../common/menu.text.ts';
import { MenuGrantTree } from '../common/menu-tree.tsx';
import { useRun } from '../common/use-run.ts';
import { type BanksText, banksText } from './banks.text.ts';

const bankRow = (b: Bank) =>
  ({ 'data-testid': 'bank-row', 'data-code': b.code }) as HTMLAttributes<HTMLElement>;
interface Values {
  code: string;
  name: string;
  hqName: string;
  menuIds: string[];
}
type Props = ShellPageProps & { t: BanksText; c: CommonText; m: MenuText };

/** 银行管理 (union administrators): the banks, their status and their menu packages. */
export default function BanksPage(props: ShellPageProps) {
  const { locale } = props;
  return (
    <App component={false}>
      <Banks {...props} t={banksText[locale]} c={commonText[locale]} m={menuText[locale]} />
    </App>
  );
}

function Banks(props: Props) {
  const { api, can, locale, t, c } = props;
  const banks = useLoad((signal) => api.call(adminApi.listBanks, {}, { signal }), [api]);
  const menus = useLoad(
    (signal) => api.call(adminApi.listMenus, {}, { signal }).catch(() => ({ items: [] })),
    [api],
  );
  const [editing, setEditing] = useState<Bank | null | undefined>(undefined);
  const { run, failure, clear } = useRun(c);
  const manage = can(P.bankManage);

  async function setStatus(b: Bank, status: Bank['status']) {
    if (await run(() => api.call(adminApi.updateBank, { id: b.id, status }))) banks.reload();
  }

  const columns: TableColumnsType<Bank> = [
    { title: t.code, dataIndex: 'code' },
    { title: t.name, dataIndex: 'name' },
    {
      title: t.status,
      dataIndex: 'status',
      render: (s: Bank['status']) => (
        <Tag color={s === 'active' ? 'success' : 'default'}>{t.statuses[s]}</Tag>
      ),
    },
    { title: t.users, dataIndex: 'userCount', align: 'right' },
    { title: t.menus, dataIndex: 'menuIds', render: (ids: string[]) => t.menusCount(ids.length) },
    { title: t.created, dataIndex: 'createdAt', render: (v: string) => formatTime(v, locale) },
    ...(manage
      ? [
          {
            title: c.actions,
            key: 'actions',
            render: (_: unknown, b: Bank) => (
              <Space size={4}>
                <Button size="small" data-testid="bank-edit" onClick={() => setEditing(b)}>
                  {c.edit}
                </Button>
                {b.status === 'active' ? (
                  <Popconfirm
                    title={t.disable}
                    description={t.disableConfirm(b.name)}
                    okText={c.ok}
                    cancelText={c.cancel}
                    onConfirm={() => setStatus(b, 'disabled')}
                  >
                    <Button size="small" danger data-testid="bank-disable">
                      {t.disable}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" data-testid="bank-enable" onClick={() => setStatus(b, 'active')}>
                    {t.enable}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t.title}
      data-testid="admin-banks-page"
      extra={
        manage && (
          <Button type="primary" data-testid="bank-create" onClick={() => setEditing(null)}>
            {t.newBank}
          </Button>
        )
      }
    >
      <ErrorAlert
        error={failure ?? banks.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        loading={banks.loading}
        dataSource={banks.data?.items ?? []}
        columns={columns}
        onRow={bankRow}
        locale={{ emptyText: t.empty }}
      />
      {editing !== undefined && (
        <BankForm
          {...props}
          bank={editing}
          menus={menus.data?.items ?? []}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) banks.reload();
          }}
        />
      )}
    </Card>
  );
}

function BankForm({
  api,
  locale,
  t,
  c,
  m,
  bank,
  menus,
  onClose,
}: Props & { bank: Bank | null; menus: MenuItem[]; onClose(saved: boolean): void }) {
  const [form] = Form.useForm<Values>();
  const { run, failure, clear } = useRun(c);
  const required = [{ required: true, message: c.required }];
  async function submit(v: Values) {
    const menuIds = v.menuIds ?? [];
    const saved = await run(
      () =>
        bank
          ? api.call(adminApi.updateBank, { id: bank.id, name: v.name, menuIds })
          : api.call(adminApi.createBank, { code: v.code, name: v.name, hqName: v.hqName, menuIds }),
      { form },
    );
    if (saved) onClose(true);
  }
  return (
    <Modal
      open
      width={680}
      title={bank ? t.editBank : t.newBank}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'bank-form-submit' }}
    >
      <ErrorAlert error={failure} locale={c.locale} data-testid="admin-error" onClose={clear} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={bank ? { code: bank.code, name: bank.name, menuIds: bank.menuIds } : { menuIds: [] }}
      >
        <Form.Item name="code" label={t.code} extra={t.codeHint} rules={required}>
          <Input data-testid="bank-code" disabled={bank !== null} />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={required}>
          <Input data-testid="bank-name" />
        </Form.Item>
        {!bank && (
          <Form.Item name="hqName" label={t.hqName} rules={required}>
            <Input data-testid="bank-hq-name" />
          </Form.Item>
        )}
        <Form.Item name="menuIds" label={t.menus} extra={t.packageHint}>
          <MenuGrantTree items={menus} locale={locale} text={m} testId="bank-menus" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
