import { lookupCustomerCall } from '../customer/customer.subjects.ts';
import { defineDomain, followsOrgMoves, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { orgMoved } from '../platform/org.events.ts';
import { marketingPermissions as P } from './marketing.permissions.ts';
import { marketingApi } from './marketing.routes.ts';
import { leadLookupCall } from './marketing.subjects.ts';

/** Marketing: leads (see DomainDecl). */
export const marketingDomain = defineDomain({
  name: 'marketing',
  title: { zh: '营销管理', en: 'Marketing' },
  apis: { marketing: marketingApi },
  permissions: P,
  calls: [lookupCustomerCall],
  answers: [leadLookupCall],
  consumes: [followsOrgMoves('marketing', orgMoved)],
  menus: [
    menuDirectory('m-marketing', ['营销管理', 'Marketing'], 'RiseOutlined', 20),
    menuPage('m-marketing-leads', 'm-marketing', ['线索管理', 'Leads'], {
      icon: 'AimOutlined',
      app: 'mf-marketing',
      route: '/marketing',
      permission: P.leadRead,
      sort: 21,
    }),
    menuButton('b-lead-create', 'm-marketing-leads', ['新建线索', 'New lead'], P.leadCreate, 1),
  ],
});
