import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { orgTreeCall } from '../platform/platform.subjects.ts';
import { preapprovedListed } from './batch.events.ts';
import { batchApi } from './batch.routes.ts';
import { riskPermissions as P } from './risk.permissions.ts';
import { riskApi } from './risk.routes.ts';
import { prescreenCall, priceCall, renewalCall } from './risk.subjects.ts';

/** The risk console: decisions and their traces (see DomainDecl). */
export const riskDomain = defineDomain({
  name: 'risk',
  title: { zh: '风控中心', en: 'Risk console' },
  apis: { risk: riskApi, batch: batchApi },
  permissions: P,
  answers: [prescreenCall, priceCall, renewalCall],
  calls: [orgTreeCall],
  events: [preapprovedListed],
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
    menuPage('m-risk-batch', 'm-risk', ['批量授信', 'Batch credit'], {
      icon: 'ThunderboltOutlined',
      app: 'mf-risk-console',
      route: '/risk/batch',
      permission: P.batchRead,
      sort: 45,
    }),
    menuButton(
      'm-risk-batch-create',
      'm-risk-batch',
      ['发起批量授信', 'Start a batch run'],
      P.batchCreate,
      1,
    ),
    menuButton(
      'm-risk-batch-control',
      'm-risk-batch',
      ['暂停/继续/取消', 'Pause, resume, cancel'],
      P.batchControl,
      2,
    ),
    menuButton(
      'm-risk-batch-export',
      'm-risk-batch',
      ['导出预授信名单', 'Export the list'],
      P.batchExport,
      3,
    ),
  ],
});
