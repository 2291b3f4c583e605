import type { Locale, MenuItem } from '@zhanye/contracts';
import { Flex, Form, type FormInstance, Input, Radio, Select, Switch, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { MenuIcon, useMenuIcons } from '../../layout/menu-icon.tsx';
import type { CommonText } from '../common/common.text.ts';
import type { MenuText } from '../common/menu.text.ts';
import { buildTree, descendantIds, type TreeOf } from '../common/tree.ts';
import type { MenusText } from './menus.text.ts';

export interface MenuValues {
  parentId: string | null;
  kind: MenuItem['kind'];
  titleZh: string;
  titleEn: string;
  icon: string | null;
  app: string | null;
  route: string | null;
  permission: string | null;
  hidden: boolean;
}

const ROOT = '__root__';

export function valuesOf(item: MenuItem): MenuValues {
  return {
    parentId: item.parentId,
    kind: item.kind,
    titleZh: item.title['zh-CN'],
    titleEn: item.title['en-US'],
    icon: item.icon,
    app: item.app,
    route: item.route,
    permission: item.permission,
    hidden: item.hidden,
  };
}

/** Form values as the API takes them; empty text is null. */
export function bodyOf(v: MenuValues) {
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    parentId: v.parentId === ROOT ? null : (v.parentId ?? null),
    kind: v.kind,
    title: { 'zh-CN': v.titleZh, 'en-US': v.titleEn },
    icon: text(v.icon),
    app: v.kind === 'page' ? text(v.app) : null,
    route: v.kind === 'page' ? text(v.route) : null,
    permission: v.kind === 'directory' ? null : text(v.permission),
    hidden: v.hidden ?? false,
  };
}

interface Props {
  form: FormInstance<MenuValues>;
  items: MenuItem[];
  /** The node edited (its subtree cannot become its parent); null when creating. */
  self: MenuItem | null;
  initial: Partial<MenuValues>;
  locale: Locale;
  t: MenusText;
  c: CommonText;
  m: MenuText;
  disabled?: boolean;
  onFinish(values: MenuValues): void;
}

/** A menu node's fields: parent (moving it), kind, titles, icon with preview, app, route, code, hidden. */
export function MenuForm({ form, items, self, initial, locale, t, c, m, disabled, onFinish }: Props) {
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const icon = Form.useWatch('icon', form);
  const icons = useMenuIcons();
  const required = [{ required: true, message: c.required }];
  const parents = useMemo(() => {
    const excluded = self ? new Set([self.id, ...descendantIds(items, self.id)]) : new Set<string>();
    // buttons hang under pages; nothing hangs under a button
    const candidates = items.filter((i) => i.kind !== 'button' && !excluded.has(i.id));
    const map = (nodes: TreeOf<MenuItem>[]): object[] =>
      nodes.map(({ item, children }) => ({
        value: item.id,
        title: item.title[locale],
        children: map(children),
      }));
    return [{ value: ROOT, title: t.root, children: map(buildTree(candidates)) }];
  }, [items, self, locale, t]);

  return (
    <Form<MenuValues>
      form={form}
      layout="vertical"
      disabled={disabled}
      data-testid="menu-form"
      initialValues={{ ...initial, parentId: initial.parentId ?? ROOT, hidden: initial.hidden ?? false }}
      onFinish={onFinish}
    >
      <Form.Item name="parentId" label={t.parent}>
        <TreeSelect treeData={parents} treeDefaultExpandAll data-testid="menu-parent" />
      </Form.Item>
      <Form.Item name="kind" label={t.kind} rules={required}>
        <Radio.Group
          optionType="button"
          data-testid="menu-kind"
          options={(['directory', 'page', 'button'] as const).map((k) => ({ value: k, label: m.kinds[k] }))}
        />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="titleZh" label={t.titleZh} rules={required} style={{ flex: 1 }}>
          <Input data-testid="menu-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t.titleEn} rules={required} style={{ flex: 1 }}>
          <Input data-testid="menu-title-en" />
        </Form.Item>
      </Flex>
      <Form.Item name="icon" label={t.icon}>
        <Select
          allowClear
          showSearch
          data-testid="menu-icon"
          prefix={<MenuIcon name={icon} />}
          options={Object.keys(icons ?? {}).map((name) => ({
            value: name,
            label: (
              <Flex gap={8} align="center">
                <MenuIcon name={name} />
                {name}
              </Flex>
            ),
          }))}
          optionFilterProp="value"
        />
      </Form.Item>
      {kind === 'page' && (
        <Flex gap={12}>
          <Form.Item name="app" label={t.app} extra={t.appHint} rules={required} style={{ flex: 1 }}>
            <Input data-testid="menu-app" />
          </Form.Item>
          <Form.Item name="route" label={t.route} extra={t.routeHint} rules={required} style={{ flex: 1 }}>
            <Input data-testid="menu-route" />
          </Form.Item>
        </Flex>
      )}
      {kind !== 'directory' && (
        <Form.Item
          name="permission"
          label={t.permission}
          extra={t.permissionHint}
          rules={kind === 'button' ? required : []}
        >
          <Input data-testid="menu-permission" />
        </Form.Item>
      )}
      <Form.Item name="hidden" label={t.hidden} valuePropName="checked">
        <Switch data-testid="menu-hidden" />
      </Form.Item>
    </Form>
  );
}
