import { applicationApproved, applicationRejected, limitChanged } from '../credit/credit.events.ts';
import { lookupCustomerCall } from '../customer/customer.subjects.ts';
import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { feedFactRecorded, feedsPullCall } from '../feeds/feeds.subjects.ts';
import { orgMoved } from '../platform/org.events.ts';
import { orgTreeCall } from '../platform/platform.subjects.ts';
import { preapprovedListed } from './batch.events.ts';
import { batchApi } from './batch.routes.ts';
import { featureApi } from './feature.routes.ts';
import { flowApi } from './flow.routes.ts';
import { decideCall } from './flow.subjects.ts';
import { modelApi } from './model.routes.ts';
import { riskPermissions as P } from './risk.permissions.ts';
import { riskApi } from './risk.routes.ts';
import { prescreenCall, priceCall, renewalCall } from './risk.subjects.ts';
import { customerRelationChanged, loanOverdue, riskTodos, warningRaised } from './warning.events.ts';
import { warningApi } from './warning.routes.ts';
import { signalCall } from './warning.subjects.ts';

/** The risk console: decisions and their traces (see DomainDecl). */
export const riskDomain = defineDomain({
  name: 'risk',
  title: { zh: '风控中心', en: 'Risk console' },
  apis: {
    risk: riskApi,
    flows: flowApi,
    models: modelApi,
    warnings: warningApi,
    features: featureApi,
    batch: batchApi,
  },
  permissions: P,
  answers: [prescreenCall, priceCall, renewalCall, decideCall, signalCall],
  calls: [feedsPullCall, lookupCustomerCall, orgTreeCall],
  events: [warningRaised, riskTodos.opened, riskTodos.closed, preapprovedListed],
  consumes: [
    followsOrgMoves('risk', orgMoved),
    { durable: 'risk-relations', event: customerRelationChanged },
    { durable: 'risk-loan-overdue', event: loanOverdue },
    { durable: 'risk-features-credit-approved', event: applicationApproved },
    { durable: 'risk-features-credit-rejected', event: applicationRejected },
    { durable: 'risk-features-credit-limit', event: limitChanged },
    { durable: 'risk-features-feeds', event: feedFactRecorded },
  ],
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
      icon: 'RiseOutlined',
      app: 'mf-risk-console',
      route: '/risk/batch',
      permission: P.batchRead,
      sort: 45,
    }),
    menuButton('b-batch-create', 'm-risk-batch', ['发起批量授信', 'Start a batch run'], P.batchCreate, 1),
    menuButton(
      'b-batch-control',
      'm-risk-batch',
      ['暂停/继续/取消', 'Pause, resume, cancel'],
      P.batchControl,
      2,
    ),
    menuButton('b-batch-export', 'm-risk-batch', ['导出预授信名单', 'Export the list'], P.batchExport, 3),
    menuPage('m-risk-features', 'm-risk', ['特征工厂', 'Feature factory'], {
      icon: 'ClusterOutlined',
      app: 'mf-risk-console',
      route: '/risk/features',
      permission: P.featureRead,
      sort: 43,
    }),
    menuButton('b-feature-edit', 'm-risk-features', ['编辑特征', 'Edit features'], P.featureWrite, 1),
    menuButton(
      'b-feature-compute',
      'm-risk-features',
      ['计算客户特征', 'Compute a customer’s features'],
      P.featureCompute,
      2,
    ),
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
    menuPage('m-risk-warnings', 'm-risk', ['风险预警', 'Risk warnings'], {
      icon: 'NotificationOutlined',
      app: 'mf-risk-console',
      route: '/risk/warnings',
      permission: P.warningRead,
      sort: 45,
    }),
    menuButton(
      'b-risk-warning-handle',
      'm-risk-warnings',
      ['处置预警', 'Handle warnings'],
      P.warningHandle,
      1,
    ),
    menuButton('b-risk-warning-close', 'm-risk-warnings', ['关闭预警', 'Close warnings'], P.warningClose, 2),
    menuButton(
      'b-risk-warning-rules',
      'm-risk-warnings',
      ['维护预警规则', 'Manage warning rules'],
      P.warningRuleManage,
      3,
    ),
  ],
  grants: {
    account_manager: ['m-risk-warnings', 'b-risk-warning-handle'],
    // the bank-wide reading post closest to risk staff until risk has its own post
    reviewer: ['m-risk-warnings', 'b-risk-warning-handle', 'b-risk-warning-close', 'b-risk-warning-rules'],
  },
});
