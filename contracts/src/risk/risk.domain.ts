import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { flowApi } from './flow.routes.ts';
import { decideCall } from './flow.subjects.ts';
import { modelApi } from './model.routes.ts';
import { riskPermissions as P } from './risk.permissions.ts';
import { riskApi } from './risk.routes.ts';
import { prescreenCall, priceCall, renewalCall } from './risk.subjects.ts';

/** The risk console: decisions and their traces (see DomainDecl). */
export const riskDomain = defineDomain({
  name: 'risk',
  title: { zh: '风控中心', en: 'Risk console' },
  apis: { risk: riskApi, flows: flowApi, models: modelApi },
  permissions: P,
  answers: [prescreenCall, priceCall, renewalCall, decideCall],
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
    menuPage('m-risk-flows', 'm-risk', ['决策流', 'Decision flows'], {
      icon: 'ApartmentOutlined',
      app: 'mf-risk-console',
      route: '/risk/flows',
      permission: P.flowRead,
      sort: 42,
    }),
    menuButton('b-flow-edit', 'm-risk-flows', ['编辑决策流', 'Edit flows'], P.flowEdit, 1),
    menuButton('b-flow-publish', 'm-risk-flows', ['发布决策流', 'Publish flows'], P.flowPublish, 2),
    menuPage('m-risk-models', 'm-risk', ['模型管理', 'Models'], {
      icon: 'FundOutlined',
      app: 'mf-risk-console',
      route: '/risk/models',
      permission: P.modelRead,
      sort: 46,
    }),
    menuButton('b-model-manage', 'm-risk-models', ['维护模型', 'Maintain models'], P.modelManage, 1),
  ],
});
