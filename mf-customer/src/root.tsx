import { useRoute } from '@zhanye/app-kit/react';
import { matchPath } from '@zhanye/contracts';
import { Customer360Page } from './features/customers/customer-360.page.tsx';
import { CustomerListPage } from './features/customers/customer-list.page.tsx';

/** The app's pages below its base path. */
export function Routes() {
  const { path } = useRoute();
  const detail = matchPath('/:id', path);
  if (detail) return <Customer360Page key={detail.id} id={detail.id!} />;
  return <CustomerListPage />;
}
