import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  /** In-app path (below `/risk`); the last crumb has none. */
  to?: string;
}

/** The Pro page header: breadcrumb, title with tags, actions on the right. */
export function PageHeader({
  crumbs,
  title,
  tags,
  extra,
}: {
  crumbs: Crumb[];
  title: ReactNode;
  tags?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }} data-testid="page-header">
      <Breadcrumb
        items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        style={{ marginBottom: 8 }}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {extra}
      </Flex>
    </div>
  );
}
