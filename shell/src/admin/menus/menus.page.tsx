import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { adminApi, type MenuItem, Permissions as P } from '@zhanye/contracts';
import type { TreeProps } from 'antd';
import { App, Button, Card, Col, Empty, Flex, Form, Modal, Popconfirm, Row, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { type MenuText, menuText } from '../common/menu.text.ts';
import { MenuLabel, menuTreeData, sortedMenus } from '../common/menu-tree.tsx';
import { useOpenTree } from '../common/tree.ts';
import { useRun } from '../common/use-run.ts';
import { bodyOf, MenuForm, type MenuValues, valuesOf } from './menu-form.tsx';
import { type MenusText, menusText } from './menus.text.ts';

type DropInfo = Parameters<NonNullable<TreeProps['onDrop']>>[0];

/** 菜单管理: the menu tree (directories, pages, buttons): add, edit, move, reorder, delete. */
export default function MenusPage(props: ShellPageProps) {
  const { locale } = props;
  return (
    <App component={false}>
      <Menus {...props} t={menusText[locale]} c={commonText[locale]} m={menuText[locale]} />
    </App>
  );
}

function Menus({ api, can, locale, t, c, m }: ShellPageProps & { t: MenusText; c: CommonText; m: MenuText }) {
  const menus = useLoad((signal) => api.call(adminApi.listMenus, {}, { signal }), [api]);
  const items = useMemo(() => sortedMenus(menus.data?.items ?? []), [menus.data]);
  const [selectedId, setSelectedId] = useState<string>();
  const open = useOpenTree(useMemo(() => items.map((i) => i.id), [items]));
  const [adding, setAdding] = useState<{ parentId: string | null } | null>(null);
  const { run, failure, clear } = useRun(c);
  const manage = can(P.menuManage);
  const selected = items.find((i) => i.id === selectedId);
  const siblings = (parentId: string | null) => items.filter((i) => i.parentId === parentId);
  const treeData = useMemo(
    () => menuTreeData(items, (item) => <MenuLabel item={item} locale={locale} kinds={m.kinds} />),
    [items, locale, m],
  );

  async function act(action: () => Promise<unknown>) {
    const ok = await run(action);
    menus.reload();
    return ok;
  }

  function reorder(parentId: string | null, ids: string[]) {
    return act(() => api.call(adminApi.reorderMenus, { parentId, ids }));
  }

  function move(item: MenuItem, delta: -1 | 1) {
    const ids = siblings(item.parentId).map((i) => i.id);
    const at = ids.indexOf(item.id);
    const to = at + delta;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    void reorder(item.parentId, ids);
  }

  async function onDrop(info: DropInfo) {
    const dragged = items.find((i) => i.id === String(info.dragNode.key));
    const target = items.find((i) => i.id === String(info.node.key));
    if (!dragged || !target) return;
    // antd: dropToGap false = onto the node (becomes its first child); else before/after it
    const onto = !info.dropToGap;
    const parentId = onto ? target.id : target.parentId;
    const order = siblings(parentId)
      .map((i) => i.id)
      .filter((id) => id !== dragged.id);
    if (onto) order.unshift(dragged.id);
    else {
      const pos = info.node.pos.split('-');
      const before = info.dropPosition - Number(pos[pos.length - 1]) === -1;
      order.splice(order.indexOf(target.id) + (before ? 0 : 1), 0, dragged.id);
    }
    if (parentId !== dragged.parentId) {
      const moved = await run(() => api.call(adminApi.updateMenu, { id: dragged.id, parentId }));
      if (!moved) return menus.reload();
    }
    await reorder(parentId, order);
  }

  return (
    <Card
      title={t.title}
      data-testid="admin-menus-page"
      extra={
        manage && (
          <Button type="primary" data-testid="menu-add-root" onClick={() => setAdding({ parentId: null })}>
            {t.addRoot}
          </Button>
        )
      }
    >
      <ErrorAlert
        error={failure ?? menus.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t.tree}</Typography.Title>
          {manage && <Typography.Paragraph type="secondary">{t.dragHint}</Typography.Paragraph>}
          {items.length === 0 && !menus.loading ? (
            <Empty description={t.empty} />
          ) : (
            <Tree
              data-testid="menu-tree"
              blockNode
              expandedKeys={open.expandedKeys}
              onExpand={open.onExpand}
              draggable={manage ? { icon: false } : false}
              treeData={treeData}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(keys[0] === undefined ? undefined : String(keys[0]))}
              onDrop={(info) => void onDrop(info)}
            />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t.detail}</Typography.Title>
          {selected ? (
            <NodeDetail
              key={`${selected.id}:${JSON.stringify(selected)}`}
              item={selected}
              items={items}
              manage={manage}
              locale={locale}
              t={t}
              c={c}
              m={m}
              onSave={(v) => act(() => api.call(adminApi.updateMenu, { id: selected.id, ...bodyOf(v) }))}
              onAddChild={() => setAdding({ parentId: selected.id })}
              onMove={(delta) => move(selected, delta)}
              onDelete={async () => {
                if (await act(() => api.call(adminApi.deleteMenu, { id: selected.id })))
                  setSelectedId(undefined);
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t.pick}</Typography.Text>
          )}
        </Col>
      </Row>
      {adding && (
        <AddNode
          parent={items.find((i) => i.id === adding.parentId) ?? null}
          items={items}
          locale={locale}
          t={t}
          c={c}
          m={m}
          onCancel={() => setAdding(null)}
          onCreate={async (v, form) => {
            const body = bodyOf(v);
            // a new node goes last among its siblings
            const sort = Math.min(9999, Math.max(0, ...siblings(body.parentId).map((i) => i.sort + 1)));
            const created = await run(() => api.call(adminApi.createMenu, { ...body, sort }), { form });
            if (created) {
              setAdding(null);
              setSelectedId(created.id);
              menus.reload();
            }
          }}
        />
      )}
    </Card>
  );
}

interface DetailProps {
  item: MenuItem;
  items: MenuItem[];
  manage: boolean;
  locale: ShellPageProps['locale'];
  t: MenusText;
  c: CommonText;
  m: MenuText;
  onSave(values: MenuValues): Promise<unknown>;
  onAddChild(): void;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
}

function NodeDetail({
  item,
  items,
  manage,
  locale,
  t,
  c,
  m,
  onSave,
  onAddChild,
  onMove,
  onDelete,
}: DetailProps) {
  const [form] = Form.useForm<MenuValues>();
  const hasChildren = items.some((i) => i.parentId === item.id);
  return (
    <div data-testid="menu-detail" data-id={item.id}>
      <MenuForm
        form={form}
        items={items}
        self={item}
        initial={valuesOf(item)}
        locale={locale}
        t={t}
        c={c}
        m={m}
        disabled={!manage}
        onFinish={(v) => void onSave(v)}
      />
      {manage && (
        <Flex gap={8} wrap>
          <Button type="primary" data-testid="menu-save" onClick={() => form.submit()}>
            {c.save}
          </Button>
          {item.kind !== 'button' && (
            <Button data-testid="menu-add-child" onClick={onAddChild}>
              {t.addChild}
            </Button>
          )}
          <Button data-testid="menu-up" onClick={() => onMove(-1)}>
            {t.moveUp}
          </Button>
          <Button data-testid="menu-down" onClick={() => onMove(1)}>
            {t.moveDown}
          </Button>
          <Popconfirm
            title={c.delete}
            description={c.confirmDelete(item.title[locale])}
            okText={c.ok}
            cancelText={c.cancel}
            onConfirm={onDelete}
          >
            <Button danger data-testid="menu-delete" disabled={hasChildren}>
              {c.delete}
            </Button>
          </Popconfirm>
        </Flex>
      )}
    </div>
  );
}

function AddNode({
  parent,
  items,
  locale,
  t,
  c,
  m,
  onCancel,
  onCreate,
}: {
  parent: MenuItem | null;
  items: MenuItem[];
  locale: ShellPageProps['locale'];
  t: MenusText;
  c: CommonText;
  m: MenuText;
  onCancel(): void;
  onCreate(values: MenuValues, form: ReturnType<typeof Form.useForm<MenuValues>>[0]): Promise<void>;
}) {
  const [form] = Form.useForm<MenuValues>();
  const kind: MenuItem['kind'] = !parent ? 'directory' : parent.kind === 'page' ? 'button' : 'page';
  return (
    <Modal
      open
      title={t.newNode}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'menu-create-submit' }}
    >
      <MenuForm
        form={form}
        items={items}
        self={null}
        initial={{ parentId: parent?.id ?? null, kind, app: parent?.app ?? null }}
        locale={locale}
        t={t}
        c={c}
        m={m}
        onFinish={(v) => void onCreate(v, form)}
      />
    </Modal>
  );
}
