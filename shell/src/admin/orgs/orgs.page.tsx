import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { adminApi, type Org, Permissions as P } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { type OrgOption, orgTreeData } from '../common/org-tree.ts';
import { descendantIds, useOpenTree } from '../common/tree.ts';
import { useRun } from '../common/use-run.ts';
import { type OrgsText, orgsText } from './orgs.text.ts';

type Dialog = { kind: 'add' | 'rename' | 'move'; org: Org };
interface Values {
  name?: string;
  kind?: 'branch' | 'subbranch' | 'division';
  parentId?: string;
  sort?: number;
}

/** 机构管理: my bank's org tree: add a branch or sub-branch, rename, move (with its subtree), delete. */
export default function OrgsPage(props: ShellPageProps) {
  return (
    <App component={false}>
      <Orgs {...props} t={orgsText[props.locale]} c={commonText[props.locale]} />
    </App>
  );
}

function Orgs({ api, can, t, c }: ShellPageProps & { t: OrgsText; c: CommonText }) {
  const orgs = useLoad((signal) => api.call(adminApi.listOrgs, {}, { signal }), [api]);
  const items = orgs.data?.items ?? [];
  const [selectedId, setSelectedId] = useState<string>();
  const open = useOpenTree(useMemo(() => items.map((o) => o.id), [items]));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { run, failure, clear } = useRun(c);
  const manage = can(P.orgManage);
  const selected = items.find((o) => o.id === selectedId);
  const treeData = useMemo(() => {
    const byId = new Map(items.map((o) => [o.id, o]));
    const label = (nodes: OrgOption[]): object[] =>
      nodes.map((n) => {
        const org = byId.get(n.key)!;
        return {
          key: n.key,
          title: (
            <span data-testid="org-node" data-id={org.id}>
              {org.name} <Tag>{t.kinds[org.kind]}</Tag>
              <Typography.Text type="secondary">{t.users(org.userCount)}</Typography.Text>
            </span>
          ),
          children: label(n.children),
        };
      });
    return label(orgTreeData(items));
  }, [items, t]);

  async function act(action: () => Promise<unknown>, form?: ReturnType<typeof Form.useForm<Values>>[0]) {
    const ok = await run(action, { form });
    orgs.reload();
    return ok;
  }

  return (
    <Card title={t.title} data-testid="admin-orgs-page">
      <ErrorAlert
        error={failure ?? orgs.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Tree
            data-testid="org-tree"
            blockNode
            expandedKeys={open.expandedKeys}
            onExpand={open.onExpand}
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => setSelectedId(keys[0] === undefined ? undefined : String(keys[0]))}
          />
        </Col>
        <Col xs={24} lg={12}>
          {selected ? (
            <Flex vertical gap={12} data-testid="org-detail">
              <Descriptions
                size="small"
                column={1}
                title={t.selected}
                items={[
                  { key: 'name', label: t.name, children: selected.name },
                  { key: 'kind', label: t.kind, children: t.kinds[selected.kind] },
                  { key: 'path', label: 'path', children: selected.path },
                  { key: 'users', label: '', children: t.users(selected.userCount) },
                ]}
              />
              {selected.kind === 'hq' && <Typography.Text type="secondary">{t.hqFixed}</Typography.Text>}
              {manage && (
                <Flex gap={8} wrap>
                  {selected.kind !== 'subbranch' && (
                    <Button data-testid="org-add" onClick={() => setDialog({ kind: 'add', org: selected })}>
                      {t.addChild}
                    </Button>
                  )}
                  <Button
                    data-testid="org-rename"
                    onClick={() => setDialog({ kind: 'rename', org: selected })}
                  >
                    {t.rename}
                  </Button>
                  {selected.kind !== 'hq' && (
                    <>
                      <Button
                        data-testid="org-move"
                        onClick={() => setDialog({ kind: 'move', org: selected })}
                      >
                        {t.move}
                      </Button>
                      <Popconfirm
                        title={c.delete}
                        description={c.confirmDelete(selected.name)}
                        okText={c.ok}
                        cancelText={c.cancel}
                        onConfirm={async () => {
                          if (await act(() => api.call(adminApi.deleteOrg, { id: selected.id })))
                            setSelectedId(undefined);
                        }}
                      >
                        <Button danger data-testid="org-delete">
                          {c.delete}
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                </Flex>
              )}
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t.pick}</Typography.Text>
          )}
        </Col>
      </Row>
      {dialog && (
        <OrgDialog
          dialog={dialog}
          orgs={items}
          t={t}
          c={c}
          onCancel={() => setDialog(null)}
          onSubmit={async (v, form) => {
            const { kind, org } = dialog;
            const ok =
              kind === 'add'
                ? await act(
                    () =>
                      api.call(adminApi.createOrg, {
                        parentId: org.id,
                        name: v.name ?? '',
                        kind: v.kind ?? 'branch',
                        sort: v.sort ?? 0,
                      }),
                    form,
                  )
                : kind === 'rename'
                  ? await act(
                      () => api.call(adminApi.updateOrg, { id: org.id, name: v.name, sort: v.sort }),
                      form,
                    )
                  : await act(() => api.call(adminApi.updateOrg, { id: org.id, parentId: v.parentId }), form);
            if (ok) setDialog(null);
          }}
        />
      )}
    </Card>
  );
}

function OrgDialog({
  dialog,
  orgs,
  t,
  c,
  onCancel,
  onSubmit,
}: {
  dialog: Dialog;
  orgs: Org[];
  t: OrgsText;
  c: CommonText;
  onCancel(): void;
  onSubmit(values: Values, form: ReturnType<typeof Form.useForm<Values>>[0]): Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const { kind, org } = dialog;
  const required = [{ required: true, message: c.required }];
  const parents = useMemo(() => {
    // not into its own subtree, and never under a sub-branch
    const excluded = new Set([org.id, ...descendantIds(orgs, org.id)]);
    return orgTreeData(orgs.filter((o) => !excluded.has(o.id) && o.kind !== 'subbranch'));
  }, [orgs, org]);
  const title = kind === 'add' ? t.addChild : kind === 'rename' ? t.rename : t.move;
  return (
    <Modal
      open
      title={`${title} · ${org.name}`}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'org-dialog-submit' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void onSubmit(v, form)}
        initialValues={
          kind === 'add'
            ? { kind: org.kind === 'hq' ? 'branch' : 'subbranch', sort: 0 }
            : kind === 'rename'
              ? { name: org.name, sort: org.sort }
              : { parentId: org.parentId ?? undefined }
        }
      >
        {kind !== 'move' && (
          <Form.Item name="name" label={t.name} rules={required}>
            <Input data-testid="org-name" />
          </Form.Item>
        )}
        {kind === 'add' && (
          <Form.Item name="kind" label={t.kind} rules={required}>
            <Radio.Group
              optionType="button"
              options={(['branch', 'subbranch', 'division'] as const).map((k) => ({
                value: k,
                label: t.kinds[k],
              }))}
            />
          </Form.Item>
        )}
        {kind !== 'move' && (
          <Form.Item name="sort" label={t.sort}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
        )}
        {kind === 'move' && (
          <Form.Item name="parentId" label={t.parent} rules={required}>
            <TreeSelect treeData={parents} treeDefaultExpandAll data-testid="org-parent" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
