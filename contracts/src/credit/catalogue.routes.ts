import { z } from 'zod';
import { CustomerSegment } from '../customer/customer.schema.ts';
import { defineApi, Id, PositiveMoney, wholeNumber } from '../http.ts';
import {
  ApprovalLevel,
  AuthorityRule,
  CreateLpr,
  CreateProduct,
  GuaranteeType,
  LprRate,
  ProcessMode,
  ProcessRule,
  Product,
  RateBasis,
  ReviseProduct,
  RuleTableVersion,
} from './catalogue.schema.ts';
import { creditPermissions as P } from './credit.permissions.ts';

const ProcessRuleTable = RuleTableVersion(ProcessRule);
const AuthorityTable = RuleTableVersion(AuthorityRule);
const SaveTable = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.array(row).min(1).max(200), note: z.string().trim().max(200).default('') });

/** What the credit team maintains: products, the LPR table, the process-mode and authority tables. */
export const catalogueApi = defineApi('credit', {
  listProducts: {
    method: 'GET',
    path: '/products',
    input: z.object({ status: z.enum(['active', 'retired', 'all']).default('active') }),
    output: z.object({ items: z.array(Product) }),
    permission: P.productRead,
    summary: 'The bank’s credit products, each at its current version',
  },
  getProduct: {
    method: 'GET',
    path: '/products/:id',
    input: z.object({ id: Id, version: wholeNumber({ min: 1 }).optional() }),
    output: Product,
    permission: P.productRead,
    summary: 'A product at its current version, or at a given version',
  },
  productVersions: {
    method: 'GET',
    path: '/products/:id/versions',
    input: z.object({ id: Id }),
    output: z.object({ items: z.array(Product) }),
    permission: P.productRead,
    summary: 'Every version of a product, newest first',
  },
  createProduct: {
    method: 'POST',
    path: '/products',
    input: CreateProduct,
    output: Product,
    permission: P.productManage,
    summary: 'Add a product (version 1)',
  },
  reviseProduct: {
    method: 'POST',
    path: '/products/:id/versions',
    input: ReviseProduct,
    output: Product,
    permission: P.productManage,
    summary: 'Change a product’s terms: a new version (409 when baseVersion is not the current one)',
  },
  retireProduct: {
    method: 'POST',
    path: '/products/:id/retire',
    input: z.object({ id: Id }),
    output: Product,
    permission: P.productManage,
    summary: 'Take a product off offer (applications made under it keep their version)',
  },
  listLpr: {
    method: 'GET',
    path: '/lpr',
    input: z.object({}),
    output: z.object({
      items: z.array(LprRate),
      current: z.object({ '1Y': LprRate.nullable(), '5Y': LprRate.nullable() }),
    }),
    permission: P.productRead,
    summary: 'The LPR table, newest first, and the rate in force today per tenor',
  },
  createLpr: {
    method: 'POST',
    path: '/lpr',
    input: CreateLpr,
    output: LprRate,
    permission: P.productManage,
    summary: 'Record an LPR fixing (409 when that tenor already has one on that date)',
  },
  quoteRate: {
    method: 'GET',
    path: '/pricing/quote',
    input: z.object({
      productId: Id,
      amount: PositiveMoney,
      termMonths: wholeNumber({ min: 1, max: 360 }),
      guaranteeType: GuaranteeType,
      segment: CustomerSegment.default('prospect'),
    }),
    output: z.object({ rate: RateBasis, decisionId: z.string().nullable(), withinBounds: z.boolean() }),
    permission: P.applicationRead,
    summary:
      'The rate risk’s pricing decision gives (LPR + spread), kept within the product’s floor and ceiling',
  },
  processRules: {
    method: 'GET',
    path: '/rules/process',
    input: z.object({}),
    output: z.object({ items: z.array(ProcessRuleTable) }),
    permission: P.productRead,
    summary: 'The process-mode decision table: every version, newest first (one active)',
  },
  saveProcessRules: {
    method: 'POST',
    path: '/rules/process',
    input: SaveTable(ProcessRule),
    output: ProcessRuleTable,
    permission: P.ruleManage,
    summary: 'Save the process-mode table as a new version (not yet active)',
  },
  activateProcessRules: {
    method: 'POST',
    path: '/rules/process/:version/activate',
    input: z.object({ version: wholeNumber({ min: 1 }) }),
    output: ProcessRuleTable,
    permission: P.ruleManage,
    summary: 'Make a version of the process-mode table the active one',
  },
  tryProcessRules: {
    method: 'GET',
    path: '/rules/process/try',
    input: z.object({
      version: wholeNumber({ min: 1 }).optional(),
      productCode: z.string().max(32),
      amount: PositiveMoney,
      guaranteeType: GuaranteeType,
      segment: CustomerSegment,
      prescreen: z.enum(['pass', 'refer']),
    }),
    output: z.object({
      mode: ProcessMode,
      approvalLevel: ApprovalLevel,
      row: z.number().int(),
      version: z.number().int(),
    }),
    permission: P.productRead,
    summary: 'Which mode and approval level a case gets (a version, default the active one)',
  },
  authorityRules: {
    method: 'GET',
    path: '/rules/authority',
    input: z.object({}),
    output: z.object({ items: z.array(AuthorityTable) }),
    permission: P.productRead,
    summary: 'The authority table: every version, newest first (one active)',
  },
  saveAuthorityRules: {
    method: 'POST',
    path: '/rules/authority',
    input: SaveTable(AuthorityRule),
    output: AuthorityTable,
    permission: P.ruleManage,
    summary: 'Save the authority table as a new version (not yet active)',
  },
  activateAuthorityRules: {
    method: 'POST',
    path: '/rules/authority/:version/activate',
    input: z.object({ version: wholeNumber({ min: 1 }) }),
    output: AuthorityTable,
    permission: P.ruleManage,
    summary: 'Make a version of the authority table the active one',
  },
});
