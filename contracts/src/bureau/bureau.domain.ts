import { defineDomain } from '../domain.ts';
import { bureauPermissions } from './bureau.permissions.ts';
import { bureauReportCall } from './bureau.subjects.ts';

/**
 * The credit bureau's adapter contract (an external system; DOMAINS.md "Simulators"). The service
 * answering it in this repository is the simulator `bff/sim-bureau`; a bank connects its real
 * bureau by answering `svc.bureau.report` instead.
 */
export const bureauDomain = defineDomain({
  name: 'bureau',
  title: { zh: '征信（模拟）', en: 'Credit bureau (simulator)' },
  service: 'sim-bureau',
  apis: {},
  permissions: bureauPermissions,
  answers: [bureauReportCall],
});
