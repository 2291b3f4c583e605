import { defineDomain, followsOrgMoves, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { riskPermissions as P } from './risk.permissions.ts';
import { riskApi } from './risk.routes.ts';
import { prescreenCall, priceCall, renewalCall } from './risk.subjects.ts';

/** The risk console: decisions and their traces (see DomainDecl). */
export const riskDomain = defineDomain({
  name: 'risk',
  title: { zh: '风控中心', en: 'Risk console' },
  apis: { risk: riskApi },
  permissions: P,
  answers: [prescreenCall, priceCall, renewalCall],
  consumes: [followsOrgMoves('risk', orgMoved)],
  menus: [
    menuDirectory('m-risk', ['风控中心', 'Risk console'], 'SafetyOutlined', 40),
    menuPage('m-risk-decisions', 'm-risk', ['决策记录', 'Decisions'], {
      icon: 'AuditOutlined',
      app: 'mf-risk-console',
      route: '/risk',
      permission: P.decisionRead,
      sort: 41,
    }),
  ],
});
