import type { Locale } from '@zhanye/contracts';

type LeadSource = 'visit' | 'phone' | 'qr' | 'campaign' | 'referral';
type LeadStatus = 'new' | 'following' | 'converted' | 'lost';

const zhCN = {
  title: '营销线索',
  subtitle: '记录客户的贷款、存款等需求，跟进转化',
  newLead: '新建线索',
  refresh: '刷新',
  toCredit: '转授信申请',
  columns: {
    customer: '客户',
    product: '意向产品',
    amount: '预计金额',
    source: '来源',
    status: '状态',
    createdAt: '创建时间',
    actions: '操作',
  },
  empty: '暂无线索',
  loading: '加载中…',
  retry: '重试',
  total: (n: number) => `共 ${n} 条`,
  prev: '上一页',
  next: '下一页',
  pageOf: (page: number, pages: number) => `第 ${page} / ${pages} 页`,
  source: {
    visit: '上门拜访',
    phone: '电话营销',
    qr: '扫码进件',
    campaign: '营销活动',
    referral: '转介绍',
  } satisfies Record<LeadSource, string>,
  status: { new: '新建', following: '跟进中', converted: '已转化', lost: '已流失' } satisfies Record<
    LeadStatus,
    string
  >,
  form: {
    title: '新建线索',
    customer: '客户',
    customerPlaceholder: '输入姓名，或完整的手机号、身份证号搜索',
    searching: '搜索中…',
    noCustomer: '未找到客户',
    product: '意向产品',
    productPlaceholder: '如：农户小额信用贷',
    amount: '预计金额（元）',
    amountPlaceholder: '如：50000.00',
    source: '来源',
    note: '备注',
    notePlaceholder: '客户需求、跟进计划等（选填）',
    save: '保存',
    saving: '保存中…',
    cancel: '取消',
    saved: '线索已保存',
  },
  errors: {
    chooseCustomer: '请从搜索结果中选择客户',
    customerNotFound: '客户不存在或不在您的数据权限范围内',
  },
};

export type Messages = typeof zhCN;

const enUS: Messages = {
  title: 'Leads',
  subtitle: 'Record what customers need — loans, deposits — and follow up',
  newLead: 'New lead',
  refresh: 'Refresh',
  toCredit: 'Start credit application',
  columns: {
    customer: 'Customer',
    product: 'Product',
    amount: 'Expected amount',
    source: 'Source',
    status: 'Status',
    createdAt: 'Created',
    actions: 'Actions',
  },
  empty: 'No leads yet',
  loading: 'Loading…',
  retry: 'Retry',
  total: (n: number) => `${n} in total`,
  prev: 'Previous',
  next: 'Next',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  source: { visit: 'Visit', phone: 'Phone', qr: 'QR code', campaign: 'Campaign', referral: 'Referral' },
  status: { new: 'New', following: 'Following up', converted: 'Converted', lost: 'Lost' },
  form: {
    title: 'New lead',
    customer: 'Customer',
    customerPlaceholder: 'Search by name, or a whole mobile or ID number',
    searching: 'Searching…',
    noCustomer: 'No customer found',
    product: 'Product',
    productPlaceholder: 'e.g. Farmer micro credit loan',
    amount: 'Expected amount (CNY)',
    amountPlaceholder: 'e.g. 50000.00',
    source: 'Source',
    note: 'Note',
    notePlaceholder: 'Needs, follow-up plan… (optional)',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: 'Lead saved',
  },
  errors: {
    chooseCustomer: 'Choose a customer from the search results',
    customerNotFound: 'Customer not found or outside your data scope',
  },
};

export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
