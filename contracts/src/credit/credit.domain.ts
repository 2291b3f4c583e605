import { bureauReportCall } from '../bureau/bureau.subjects.ts';
import { customerIdentityCall, lookupCustomerCall } from '../customer/customer.subjects.ts';
import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { leadLookupCall } from '../marketing/marketing.subjects.ts';
import { orgMoved } from '../platform/org.events.ts';
import { colleaguesCall, orgTreeCall } from '../platform/platform.subjects.ts';
import { prescreenCall, priceCall, renewalCall } from '../risk/risk.subjects.ts';
import { bureauApi } from './bureau.routes.ts';
import { catalogueApi } from './catalogue.routes.ts';
import { applicationApproved, applicationRejected, creditTodos, limitChanged } from './credit.events.ts';
import { creditPermissions as P } from './credit.permissions.ts';
import { creditApi, creditJobsApi } from './credit.routes.ts';
import { customerLimitsCall, releaseLimitCall, reserveLimitCall } from './credit.subjects.ts';
import { limitApi } from './limit.routes.ts';

const page = (
  id: string,
  title: readonly [string, string],
  icon: string,
  route: string,
  permission: string,
  sort: number,
) => menuPage(id, 'm-credit', title, { icon, app: 'mf-credit', route, permission, sort });

/**
 * Retail credit, part 1 (授信): products, the LPR, process modes and authority, the application's
 * life cycle from taking it to approval by authority, the credit bureau, evidence, to-dos, limits
 * granted once and drawn many times (see DomainDecl).
 */
export const creditDomain = defineDomain({
  name: 'credit',
  title: { zh: '零售信贷', en: 'Retail credit' },
  apis: {
    credit: creditApi,
    catalogue: catalogueApi,
    bureau: bureauApi,
    limits: limitApi,
    jobs: creditJobsApi,
  },
  permissions: P,
  calls: [
    lookupCustomerCall,
    customerIdentityCall,
    prescreenCall,
    priceCall,
    renewalCall,
    leadLookupCall,
    bureauReportCall,
    orgTreeCall,
    colleaguesCall,
  ],
  answers: [reserveLimitCall, releaseLimitCall, customerLimitsCall],
  events: [applicationApproved, applicationRejected, limitChanged, creditTodos.opened, creditTodos.closed],
  consumes: [followsOrgMoves('credit', orgMoved)],
  menus: [
    menuDirectory('m-credit', ['零售信贷', 'Retail credit'], 'BankOutlined', 30),
    page(
      'm-credit-apps',
      ['授信申请', 'Credit applications'],
      'FileTextOutlined',
      '/credit',
      P.applicationRead,
      31,
    ),
    menuButton('b-app-create', 'm-credit-apps', ['新建申请', 'New application'], P.applicationCreate, 1),
    menuButton('b-app-submit', 'm-credit-apps', ['提交审批', 'Submit'], P.applicationSubmit, 2),
    menuButton('b-app-approve', 'm-credit-apps', ['审批', 'Approve or reject'], P.applicationApprove, 3),
    menuButton(
      'b-app-investigate',
      'm-credit-apps',
      ['授信调查', 'Investigate'],
      P.applicationInvestigate,
      4,
    ),
    menuButton('b-app-admit', 'm-credit-apps', ['人工准入', 'Manual admission'], P.applicationAdmit, 5),
    menuButton('b-app-review', 'm-credit-apps', ['审查', 'Review'], P.applicationReview, 6),
    menuButton(
      'b-app-supplement',
      'm-credit-apps',
      ['授信补录', 'Enter offline credit'],
      P.applicationSupplement,
      7,
    ),
    menuButton(
      'b-evidence-export',
      'm-credit-apps',
      ['导出履职记录', 'Export evidence'],
      P.evidenceExport,
      8,
    ),
    menuButton(
      'b-bureau-authorize',
      'm-credit-apps',
      ['登记征信授权', 'Record bureau authorisation'],
      P.bureauAuthorize,
      9,
    ),
    menuButton('b-bureau-query', 'm-credit-apps', ['查询征信', 'Query the bureau'], P.bureauQuery, 10),
    page(
      'm-credit-todos',
      ['我的待办', 'My to-dos'],
      'CheckSquareOutlined',
      '/credit/todos',
      P.applicationRead,
      32,
    ),
    page('m-credit-limits', ['额度管理', 'Limits'], 'WalletOutlined', '/credit/limits', P.limitRead, 33),
    menuButton('b-limit-manage', 'm-credit-limits', ['额度操作', 'Manage limits'], P.limitManage, 1),
    menuButton('b-limit-approve', 'm-credit-limits', ['调额审批', 'Approve increases'], P.limitApprove, 2),
    page(
      'm-credit-products',
      ['产品管理', 'Products'],
      'AppstoreOutlined',
      '/credit/products',
      P.productRead,
      34,
    ),
    menuButton(
      'b-product-manage',
      'm-credit-products',
      ['维护产品与LPR', 'Manage products and LPR'],
      P.productManage,
      1,
    ),
    page(
      'm-credit-rules',
      ['流程与授权', 'Process and authority'],
      'PartitionOutlined',
      '/credit/rules',
      P.productRead,
      35,
    ),
    menuButton('b-rule-manage', 'm-credit-rules', ['维护规则', 'Manage rules'], P.ruleManage, 1),
    page('m-credit-stats', ['统计分析', 'Statistics'], 'BarChartOutlined', '/credit/stats', P.statsRead, 36),
    page(
      'm-credit-jobs',
      ['定时作业', 'Scheduled jobs'],
      'ScheduleOutlined',
      '/credit/jobs',
      P.jobManage,
      37,
    ),
  ],
  grants: {
    account_manager: [
      'm-credit-todos',
      'b-app-supplement',
      'b-app-investigate',
      'b-bureau-authorize',
      'b-bureau-query',
      'm-credit-limits',
      'm-credit-products',
    ],
    approver: [
      'm-credit-todos',
      'b-app-review',
      'm-credit-limits',
      'b-limit-approve',
      'm-credit-products',
      'm-credit-rules',
      'm-credit-stats',
    ],
    branch_head: ['m-credit-todos', 'b-app-admit', 'm-credit-limits', 'm-credit-stats'],
  },
});
