import type { AuthorityRule, FormField, ProcessRule, ProductTerms } from '@zhanye/contracts';

type Option = [value: string, zh: string, en: string];

/** One field of an investigation form. */
const field = (
  key: string,
  zh: string,
  en: string,
  type: FormField['type'],
  section: FormField['section'],
  required = false,
  options?: Option[],
): FormField => ({
  key,
  label: { 'zh-CN': zh, 'en-US': en },
  type,
  required,
  section,
  ...(options
    ? { options: options.map(([value, z, e]) => ({ value, label: { 'zh-CN': z, 'en-US': e } })) }
    : {}),
});

const yesNo: Option[] = [
  ['yes', '是', 'Yes'],
  ['no', '否', 'No'],
];

const household = [
  field('householdSize', '家庭人口（人）', 'Household members', 'number', 'household', true),
  field('laborers', '劳动力（人）', 'Working members', 'number', 'household', true),
  field('maritalStatus', '婚姻状况', 'Marital status', 'select', 'household', true, [
    ['single', '未婚', 'Single'],
    ['married', '已婚', 'Married'],
    ['divorced', '离异', 'Divorced'],
    ['widowed', '丧偶', 'Widowed'],
  ]),
];

const farming = [
  field('mainIncomeSource', '主要收入来源', 'Main source of income', 'select', 'income', true, [
    ['planting', '种植', 'Crops'],
    ['breeding', '养殖', 'Livestock'],
    ['migrantWork', '务工', 'Wage work away from home'],
    ['business', '个体经营', 'Own business'],
  ]),
  field('landArea', '承包土地（亩）', 'Contracted land (mu)', 'number', 'assets'),
  field(
    'annualHouseholdIncome',
    '家庭年收入（元）',
    'Household income per year (yuan)',
    'money',
    'income',
    true,
  ),
  field(
    'annualHouseholdExpense',
    '家庭年支出（元）',
    'Household spending per year (yuan)',
    'money',
    'income',
    true,
  ),
  field('houseValue', '自有住房估值（元）', 'Own house, estimated value (yuan)', 'money', 'assets'),
  field('machineryValue', '农机具价值（元）', 'Farm machinery value (yuan)', 'money', 'assets'),
  field('livestockValue', '存栏牲畜价值（元）', 'Livestock value (yuan)', 'money', 'assets'),
  field('depositBalance', '存款余额（元）', 'Deposits (yuan)', 'money', 'assets'),
  field('existingLoans', '现有借款余额（元）', 'Loans outstanding (yuan)', 'money', 'liabilities', true),
  field('monthlyRepayment', '月还款额（元）', 'Monthly repayments (yuan)', 'money', 'liabilities'),
  field('externalGuarantees', '对外担保（元）', 'Guarantees given to others (yuan)', 'money', 'liabilities'),
];

const consumer = [
  field('employer', '工作单位', 'Employer', 'text', 'income', true),
  field('occupation', '职业', 'Occupation', 'select', 'income', true, [
    ['civilServant', '公务员/事业单位', 'Civil service / public institution'],
    ['enterprise', '企业职工', 'Company employee'],
    ['selfEmployed', '个体经营', 'Self-employed'],
    ['farmer', '农户', 'Farmer'],
    ['other', '其他', 'Other'],
  ]),
  field('monthlyIncome', '月收入（元）', 'Monthly income (yuan)', 'money', 'income', true),
  field('incomeProof', '收入证明方式', 'Proof of income', 'select', 'income', true, [
    ['payroll', '代发工资流水', 'Payroll through our bank'],
    ['tax', '个税记录', 'Income tax record'],
    ['bankStatement', '银行流水', 'Bank statements'],
    ['employerLetter', '单位收入证明', 'Letter from the employer'],
  ]),
  field('depositBalance', '存款余额（元）', 'Deposits (yuan)', 'money', 'assets'),
  field('houseOwned', '是否有自有住房', 'Owns a home', 'select', 'assets', true, yesNo),
  field('carValue', '车辆价值（元）', 'Car value (yuan)', 'money', 'assets'),
  field(
    'creditCardLimit',
    '信用卡授信总额（元）',
    'Credit card limits in total (yuan)',
    'money',
    'liabilities',
  ),
  field('otherDebt', '其他负债余额（元）', 'Other debts (yuan)', 'money', 'liabilities', true),
  field('monthlyRepayment', '月还款额（元）', 'Monthly repayments (yuan)', 'money', 'liabilities'),
  ...household,
  field('purposeDetail', '用途说明', 'What the money is for', 'textarea', 'other', true),
];

const business = [
  field('businessName', '经营主体名称', 'Business name', 'text', 'business', true),
  field('industry', '所属行业', 'Industry', 'select', 'business', true, [
    ['retail', '批发零售', 'Wholesale and retail'],
    ['catering', '住宿餐饮', 'Hotels and catering'],
    ['agriculture', '农林牧渔', 'Agriculture'],
    ['manufacturing', '加工制造', 'Manufacturing'],
    ['transport', '交通运输', 'Transport'],
    ['services', '居民服务', 'Household services'],
  ]),
  field('yearsInBusiness', '经营年限（年）', 'Years in business', 'number', 'business', true),
  field('employees', '雇员人数', 'Employees', 'number', 'business'),
  field('premises', '经营场所', 'Premises', 'select', 'business', true, [
    ['owned', '自有', 'Owned'],
    ['rented', '租赁', 'Rented'],
  ]),
  field('annualRevenue', '年营业收入（元）', 'Revenue per year (yuan)', 'money', 'income', true),
  field('annualProfit', '年净利润（元）', 'Net profit per year (yuan)', 'money', 'income', true),
  field('inventoryValue', '存货（元）', 'Inventory (yuan)', 'money', 'assets'),
  field('receivables', '应收账款（元）', 'Receivables (yuan)', 'money', 'assets'),
  field('fixedAssets', '经营性固定资产（元）', 'Fixed assets of the business (yuan)', 'money', 'assets'),
  field('payables', '应付账款（元）', 'Payables (yuan)', 'money', 'liabilities'),
  field('existingLoans', '现有借款余额（元）', 'Loans outstanding (yuan)', 'money', 'liabilities', true),
  field('externalGuarantees', '对外担保（元）', 'Guarantees given to others (yuan)', 'money', 'liabilities'),
  ...household,
];

const collateral = [
  field('collateralAddress', '抵押物坐落', 'Address of the property', 'textarea', 'assets', true),
  field('collateralArea', '建筑面积（平方米）', 'Floor area (m²)', 'number', 'assets', true),
  field('collateralCertificate', '不动产权证号', 'Title certificate number', 'text', 'assets', true),
  field('collateralValue', '评估价值（元）', 'Appraised value (yuan)', 'money', 'assets', true),
  field('appraisalDate', '评估日期', 'Appraisal date', 'date', 'assets', true),
  field('collateralOwner', '产权人', 'Owner of record', 'text', 'assets', true),
];

/** The union's standard catalogue: what every bank starts with (then versions on its own). */
export const standardProducts: (ProductTerms & { code: string })[] = [
  {
    code: 'FARMER_CREDIT',
    name: '农户小额信用贷',
    kind: 'farmer',
    guaranteeTypes: ['credit'],
    minAmount: '1000.00',
    maxAmount: '300000.00',
    minTermMonths: 3,
    maxTermMonths: 36,
    repaymentMethods: ['equal_installment', 'interest_first', 'bullet'],
    lprTenor: '1Y',
    floorBps: 0,
    ceilingBps: 300,
    investigationForm: [
      ...household,
      ...farming,
      field('villageOpinion', '村委评议意见', 'Opinion of the village committee', 'textarea', 'other'),
    ],
    description: '面向辖内农户的免担保小额信用贷款，依据信用等级核定额度，随借随还。',
  },
  {
    code: 'FARMER_GUARANTEE',
    name: '农户联保贷',
    kind: 'farmer',
    guaranteeTypes: ['guarantee'],
    minAmount: '10000.00',
    maxAmount: '500000.00',
    minTermMonths: 6,
    maxTermMonths: 36,
    repaymentMethods: ['equal_installment', 'interest_first'],
    lprTenor: '1Y',
    floorBps: 20,
    ceilingBps: 300,
    investigationForm: [
      ...household,
      ...farming,
      field('groupName', '联保小组名称', 'Joint-guarantee group', 'text', 'other', true),
      field('groupMembers', '联保小组户数', 'Households in the group', 'number', 'other', true),
      field('groupOpinion', '联保小组意见', 'Opinion of the group', 'textarea', 'other'),
    ],
    description: '3-5 户农户组成联保小组，相互承担连带保证责任。',
  },
  {
    code: 'CONSUMER',
    name: '个人消费贷',
    kind: 'consumer',
    guaranteeTypes: ['credit', 'guarantee'],
    minAmount: '1000.00',
    maxAmount: '300000.00',
    minTermMonths: 6,
    maxTermMonths: 60,
    repaymentMethods: ['equal_installment', 'equal_principal'],
    lprTenor: '1Y',
    floorBps: 30,
    ceilingBps: 500,
    investigationForm: consumer,
    description: '用于装修、教育、医疗、购车等个人消费，不得用于购房及投资。',
  },
  {
    code: 'BUSINESS',
    name: '个体工商户经营贷',
    kind: 'business',
    guaranteeTypes: ['guarantee', 'mortgage'],
    minAmount: '10000.00',
    maxAmount: '3000000.00',
    minTermMonths: 6,
    maxTermMonths: 60,
    repaymentMethods: ['interest_first', 'equal_installment', 'bullet'],
    lprTenor: '1Y',
    floorBps: 20,
    ceilingBps: 400,
    investigationForm: business,
    description: '支持个体工商户日常经营周转，保证或抵押方式。',
  },
  {
    code: 'MORTGAGE_BUSINESS',
    name: '房产抵押经营贷',
    kind: 'business',
    guaranteeTypes: ['mortgage'],
    minAmount: '100000.00',
    maxAmount: '5000000.00',
    minTermMonths: 12,
    maxTermMonths: 120,
    repaymentMethods: ['interest_first', 'equal_principal', 'equal_installment'],
    lprTenor: '5Y',
    floorBps: -20,
    ceilingBps: 300,
    investigationForm: [...business, ...collateral],
    description: '以借款人或第三人名下住房、商铺抵押，用于生产经营，抵押率不超过评估价值 70%。',
  },
];

const rule = (r: Partial<ProcessRule> & Pick<ProcessRule, 'mode' | 'approvalLevel'>): ProcessRule => ({
  productCodes: [],
  minAmount: null,
  maxAmount: null,
  guaranteeTypes: [],
  segments: [],
  prescreen: [],
  note: '',
  ...r,
});

/** The process-mode table every bank starts with (first match wins). */
export const defaultProcessRules: ProcessRule[] = [
  rule({
    productCodes: ['CONSUMER'],
    maxAmount: '50000.00',
    guaranteeTypes: ['credit'],
    prescreen: ['pass'],
    mode: 'online',
    approvalLevel: 'branch',
    note: '5 万元以下信用消费贷，预审通过：线上自动审批',
  }),
  rule({
    productCodes: ['FARMER_CREDIT'],
    maxAmount: '100000.00',
    prescreen: ['pass'],
    mode: 'oneStop',
    approvalLevel: 'branch',
    note: '10 万元以下农户信用贷，预审通过：包办制',
  }),
  rule({
    productCodes: ['MORTGAGE_BUSINESS'],
    mode: 'division',
    approvalLevel: 'branch',
    note: '房产抵押经营贷：普惠金融事业部办理（事业部权限内办结，超权限报总行）',
  }),
  rule({ maxAmount: '500000.00', mode: 'staffed', approvalLevel: 'branch', note: '三台六岗，支行审批' }),
  rule({ mode: 'staffed', approvalLevel: 'hq', note: '三台六岗，50 万元以上总行审批' }),
];

/** The authority table every bank starts with. */
export const defaultAuthorityRules: AuthorityRule[] = [
  { post: 'approver', orgLevel: 'branch', productCode: '*', maxAmount: '500000.00' },
  { post: 'approver', orgLevel: 'division', productCode: '*', maxAmount: '3000000.00' },
  { post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '5000000.00' },
];

/** Who made what the union standardised. */
export const SYSTEM = { userId: 'system', name: '省联社标准' } as const;
