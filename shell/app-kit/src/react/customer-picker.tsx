import type { CustomerSummary } from '@zhanye/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { customerById, customerLabel, findCustomers } from '../customer-search.ts';
import { useMount } from './mount.tsx';
import { useDebounced } from './use-debounced.ts';
import { useLoad } from './use-load.ts';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  /** The app's words: what to type. */
  placeholder: string;
  /** The app's words: nothing matched. */
  notFound: string;
  'data-testid'?: string;
}

/**
 * A customer field (an antd form control) that searches the customer service as you type; a preset
 * id (e.g. from `?customerId=`) is looked up for its name. Its Svelte twin is mf-marketing's
 * `CustomerPicker.svelte`; both take their data from `customer-search.ts`.
 */
export function CustomerPicker({ value, onChange, placeholder, notFound, ...rest }: Props) {
  const { api } = useMount();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed, 250);
  const [picked, setPicked] = useState<CustomerSummary>();
  const found = useLoad((signal) => findCustomers(api, q, signal), [api, q]);

  useEffect(() => {
    if (!value || picked?.id === value) return;
    const ctrl = new AbortController();
    customerById(api, value, ctrl.signal).then(setPicked, () => undefined);
    return () => ctrl.abort();
  }, [api, value, picked]);

  const items = found.data ?? [];
  const all = picked && !items.some((c) => c.id === picked.id) ? [picked, ...items] : items;
  return (
    <Select
      {...rest}
      value={value}
      placeholder={placeholder}
      loading={found.loading}
      notFoundContent={found.loading ? undefined : notFound}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={all.map((c) => ({ value: c.id, label: customerLabel(c) }))}
      onChange={(id: string) => {
        setPicked(all.find((c) => c.id === id));
        onChange?.(id);
      }}
    />
  );
}
