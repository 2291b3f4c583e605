/** `pnpm start` / `pnpm dev`: the whole product on this machine, with demo data. */
import { DEMO_PASSWORD, dropNamespaceOf, startStack } from './lib/stack.ts';

const port = Number(process.env.PORT ?? 8080);
const ns = process.env.ZY_NS ?? 'dev';
const stack = await startStack({ ns, port, demo: process.env.ZY_DEMO !== '0' });

const logins = [
  ['am1', '客户经理 account manager (青山农商银行 城关支行)'],
  ['am2', '客户经理 account manager (青山农商银行 河西支行)'],
  ['approver1', '审批岗 approver (青山农商银行 总行)'],
  ['head1', '支行行长 branch head (城关支行)'],
  ['admin', '系统管理员 bank admin: users, roles, orgs, sessions, audit, its bank’s canaries (青山农商银行)'],
  ['admin2', '系统管理员 second admin, for four-eyes approval'],
  ['dev1', '开发人员 developer: may override an app with a local build'],
  ['bam1', '客户经理 account manager (绿水农商银行, another bank)'],
  ['bapprover1', '审批岗 approver (绿水农商银行)'],
  ['inspector1', '稽核 inspector: custom data scope, 城关支行 only (青山农商银行 总行)'],
  ['inv1', '调查岗 lead investigator (城关支行)'],
  ['inv2', '调查岗 assistant investigator (城关支行)'],
  ['brapprover1', '审批岗 branch approver (城关支行)'],
  ['reviewer1', '审查岗 reviewer (总行)'],
  [
    'creditadmin1',
    '信贷管理员 credit admin: products, LPR, process and authority tables, limits, jobs (总行)',
  ],
  ['divreviewer1', '审查岗 reviewer of the 普惠金融事业部 (事业部制)'],
  ['divapprover1', '审批岗 approver of the 普惠金融事业部 (事业部制)'],
  ['riskanalyst1', '风控分析岗 risk analyst: decision flows, features (总行)'],
  ['riskmgr1', '风控管理岗 risk manager: publishes flows, batch credit, warnings (总行)'],
  ['unionriskmgr1', '省联社风控管理岗: the union’s standard flows and the models register'],
  ['union1', '省联社管理员 union admin: banks, menu packages, the menu tree, releases; every bank read-only'],
];
console.log(`\nZhanye is running at ${stack.url}  (logs: ${stack.logDir})\n`);
console.log(`Demo logins, password for all: ${DEMO_PASSWORD}`);
for (const [u, role] of logins) console.log(`  ${u!.padEnd(12)} ${role}`);
console.log('\nCtrl-C stops everything.');

const shutdown = () =>
  void stack
    .stop()
    .then(() => (process.env.ZY_EPHEMERAL === '1' ? dropNamespaceOf(ns) : undefined))
    .then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
