import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { DecisionPage } from './decision.page.tsx';
import { DecisionsPage } from './decisions.page.tsx';

function DecisionRoute() {
  const { id = '' } = useParams();
  return <DecisionPage key={id} id={id} />;
}

/** 决策记录 (`/risk`, menu m-risk-decisions) and a run (`/risk/decisions/:id`). */
export const decisionRoutes: RouteObject[] = [
  { index: true, element: <DecisionsPage /> },
  { path: 'decisions/:id', element: <DecisionRoute /> },
];
