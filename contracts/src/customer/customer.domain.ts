import { applicationApproved } from '../credit/credit.events.ts';
import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { customerPermissions as P } from './customer.permissions.ts';
import { customerApi } from './customer.routes.ts';
import { customerIdentityCall, lookupCustomerCall } from './customer.subjects.ts';

/** The customer center: customers, the 360 view and its timeline (see DomainDecl). */
export const customerDomain = defineDomain({
  name: 'customer',
  title: { zh: '客户中心', en: 'Customers' },
  apis: { customer: customerApi },
  permissions: P,
  answers: [lookupCustomerCall, customerIdentityCall],
  consumes: [
    { durable: 'customer-timeline-credit-approved', event: applicationApproved },
    followsOrgMoves('customer', orgMoved),
  ],
  menus: [
    menuDirectory('m-customer', ['客户中心', 'Customers'], 'TeamOutlined', 10),
    menuPage('m-customer-list', 'm-customer', ['客户管理', 'Customer list'], {
      icon: 'IdcardOutlined',
      app: 'mf-customer',
      route: '/customer',
      permission: P.customerRead,
      sort: 11,
    }),
    menuButton('b-customer-create', 'm-customer-list', ['新建客户', 'New customer'], P.customerCreate, 1),
  ],
});
