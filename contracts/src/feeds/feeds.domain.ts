import { defineDomain } from '../domain.ts';
import { feedsPermissions } from './feeds.permissions.ts';
import { feedFactRecorded, feedsPullCall } from './feeds.subjects.ts';

/**
 * External data feeds' adapter contract (core banking, tax, utilities, courts; DOMAINS.md
 * "Simulators"). The service answering it here is the SIMULATOR `bff/sim-feeds`; a bank connects
 * its real feeds by answering `svc.feeds.pull` and publishing `evt.feeds.fact.recorded` instead.
 */
export const feedsDomain = defineDomain({
  name: 'feeds',
  title: { zh: '外部数据（模拟）', en: 'External data feeds (simulator)' },
  service: 'sim-feeds',
  apis: {},
  permissions: feedsPermissions,
  answers: [feedsPullCall],
  events: [feedFactRecorded],
});
