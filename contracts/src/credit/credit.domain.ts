import { lookupCustomerCall } from '../customer/customer.subjects.ts';
import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { prescreenCall } from '../risk/risk.subjects.ts';
import { applicationApproved } from './credit.events.ts';
import { creditPermissions as P } from './credit.permissions.ts';
import { creditApi } from './credit.routes.ts';

/** Retail credit: applications, pre-screen by risk, approval (see DomainDecl). */
export const creditDomain = defineDomain({
  name: 'credit',
  title: { zh: '零售信贷', en: 'Retail credit' },
  apis: { credit: creditApi },
  permissions: P,
  calls: [lookupCustomerCall, prescreenCall],
  events: [applicationApproved],
  consumes: [followsOrgMoves('credit', orgMoved)],
  menus: [
    menuDirectory('m-credit', ['零售信贷', 'Retail credit'], 'BankOutlined', 30),
    menuPage('m-credit-apps', 'm-credit', ['授信申请', 'Credit applications'], {
      icon: 'FileTextOutlined',
      app: 'mf-credit',
      route: '/credit',
      permission: P.applicationRead,
      sort: 31,
    }),
    menuButton('b-app-create', 'm-credit-apps', ['新建申请', 'New application'], P.applicationCreate, 1),
    menuButton('b-app-submit', 'm-credit-apps', ['提交审批', 'Submit'], P.applicationSubmit, 2),
    menuButton('b-app-approve', 'm-credit-apps', ['审批', 'Approve or reject'], P.applicationApprove, 3),
  ],
});
