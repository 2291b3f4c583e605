import { useDebounced, useLoad } from '@zhanye/app-kit/react';
import type { CustomerSummary } from '@zhanye/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useShell } from '../../lib/shell.ts';
import { getCustomer, searchCustomers } from './application.resource.ts';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  'data-testid'?: string;
}

/** Customer select that searches the customer service as you type; a preset id is looked up for its name. */
export function CustomerPicker({ value, onChange, ...rest }: Props) {
  const { api, t } = useShell();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const [picked, setPicked] = useState<CustomerSummary>();
  const found = useLoad((signal) => searchCustomers(api, q, signal), [api, q]);

  useEffect(() => {
    if (!value || picked?.id === value) return;
    const ctrl = new AbortController();
    getCustomer(api, value, ctrl.signal).then(
      (c) => setPicked(c.customer),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [api, value, picked]);

  const items = found.data?.items ?? [];
  const all = picked && !items.some((c) => c.id === picked.id) ? [picked, ...items] : items;
  return (
    <Select
      {...rest}
      value={value}
      placeholder={t('customer.search')}
      loading={found.loading}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={all.map((c) => ({ value: c.id, label: `${c.name} · ${c.phoneMasked} · ${c.idNumberMasked}` }))}
      onChange={(id: string) => {
        setPicked(all.find((c) => c.id === id));
        onChange?.(id);
      }}
    />
  );
}
