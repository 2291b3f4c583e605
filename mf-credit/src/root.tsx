import { useRoute } from '@zhanye/app-kit/react';
import { matchPath } from '@zhanye/contracts';
import { ApplicationPage } from './features/applications/application.page.tsx';
import { ApplicationNewPage } from './features/applications/application-new.page.tsx';
import { ApplicationsPage } from './features/applications/applications.page.tsx';

/** The app's pages below its base path. */
export function Routes() {
  const { path, query } = useRoute();
  if (path === '/new') {
    const customerId = query.get('customerId') ?? undefined;
    return <ApplicationNewPage key={customerId} customerId={customerId} />;
  }
  const detail = matchPath('/:id', path);
  if (detail) return <ApplicationPage key={detail.id} id={detail.id!} />;
  return <ApplicationsPage />;
}
