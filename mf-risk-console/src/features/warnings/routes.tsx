import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { RulesPage } from './rules.page.tsx';
import { WarningPage } from './warning.page.tsx';
import { WarningsPage } from './warnings.page.tsx';

/** The detail page of the warning the address names (keyed, so another warning mounts afresh). */
function WarningRoute() {
  const { id = '' } = useParams();
  return <WarningPage key={id} id={id} />;
}

/** 风险预警 (`/risk/warnings`, menu `m-risk-warnings`): the list, the rules and one warning. */
export const warningRoutes: RouteObject[] = [
  { path: 'warnings', element: <WarningsPage /> },
  { path: 'warnings/rules', element: <RulesPage /> },
  { path: 'warnings/:id', element: <WarningRoute /> },
];
