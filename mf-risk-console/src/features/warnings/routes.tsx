import { useRoute } from '@zhanye/app-kit/react';
import { matchPath } from '@zhanye/contracts';
import { RulesPage } from './rules.page.tsx';
import { WarningPage } from './warning.page.tsx';
import { WarningsPage } from './warnings.page.tsx';

/** The detail page of the warning the address names (keyed, so another warning mounts afresh). */
function WarningRoute() {
  const { path } = useRoute();
  const id = matchPath('/warnings/:id', path)?.id;
  return id ? <WarningPage key={id} id={id} /> : null;
}

/**
 * 风险预警 (`/risk/warnings`, menu `m-risk-warnings`): the list, the rules and one warning. Route
 * objects shaped for react-router's `RouteObject` (paths relative to the app's base path).
 */
export const warningRoutes = [
  { path: 'warnings', element: <WarningsPage /> },
  { path: 'warnings/rules', element: <RulesPage /> },
  { path: 'warnings/:id', element: <WarningRoute /> },
];

/** The same for the app's own matcher until the router lands: the element for a path, if it is ours. */
export function warningElement(path: string) {
  if (path === '/warnings') return <WarningsPage />;
  if (path === '/warnings/rules') return <RulesPage />;
  if (matchPath('/warnings/:id', path)) return <WarningRoute />;
  return null;
}
