import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { CommonText } from './common.text.ts';

/** A server-paged table: the page to ask for, and the table's `pagination` once the total is known. */
export function usePaging(pageSize: number, c: CommonText) {
  const [page, setPage] = useState({ page: 1, pageSize });
  const pagination = (total = 0): TablePaginationConfig => ({
    current: page.page,
    pageSize: page.pageSize,
    total,
    showTotal: c.total,
    onChange: (p, size) => setPage({ page: p, pageSize: size }),
  });
  /** Back to the first page (new filters). */
  const first = () => setPage((p) => ({ ...p, page: 1 }));
  return { page, pagination, first };
}
