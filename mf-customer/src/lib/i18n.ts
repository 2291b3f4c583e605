import type { Locale } from '@zhanye/contracts';

const zhCN = {
  'app.crashed': '客户模块出错了',
  'error.unexpected': '出现意外错误，请稍后重试',
  'error.unavailable': '服务暂不可用，请稍后重试',
  back: '返回客户列表',
  customers: '客户',
  'customer.new': '新建客户',
  'customer.search': '搜索姓名、手机号或证件号后四位',
  'customer.created': '客户已建档',
  'field.name': '姓名',
  'field.idNumber': '身份证号',
  'field.phone': '手机号',
  'field.segment': '客群',
  'field.owner': '客户经理',
  'field.createdAt': '建档时间',
  'rule.required': '请填写{field}',
  'rule.idNumber': '请输入 18 位身份证号',
  'rule.phone': '请输入 11 位手机号',
  'segment.prospect': '潜在客户',
  'segment.listed': '名单客户',
  'segment.existing': '存量客户',
  'segment.merchant': '商户',
  save: '保存',
  cancel: '取消',
  timeline: '客户旅程',
  'timeline.empty': '暂无旅程记录',
  'action.lead': '新建线索',
  'action.credit': '申请授信',
  'detail.applicationId': '申请编号',
  'detail.amount': '金额',
  'detail.termMonths': '期限（月）',
  'detail.productCode': '产品',
  'detail.approvedBy': '审批人',
  'kind.customer.created': '客户建档',
  'kind.credit.application.approved': '授信申请已批准',
  'kind.marketing.lead.created': '新建营销线索',
  yuan: '元',
};
type Key = keyof typeof zhCN;

const enUS: Record<Key, string> = {
  'app.crashed': 'The customer module failed',
  'error.unexpected': 'Something went wrong, please try again',
  'error.unavailable': 'Service unavailable, please try again later',
  back: 'Back to customers',
  customers: 'Customers',
  'customer.new': 'New customer',
  'customer.search': 'Search name, phone or last 4 of id number',
  'customer.created': 'Customer registered',
  'field.name': 'Name',
  'field.idNumber': 'ID number',
  'field.phone': 'Mobile',
  'field.segment': 'Segment',
  'field.owner': 'Relationship manager',
  'field.createdAt': 'Registered',
  'rule.required': '{field} is required',
  'rule.idNumber': 'Enter an 18-character resident ID number',
  'rule.phone': 'Enter an 11-digit mobile number',
  'segment.prospect': 'Prospect',
  'segment.listed': 'Listed',
  'segment.existing': 'Existing',
  'segment.merchant': 'Merchant',
  save: 'Save',
  cancel: 'Cancel',
  timeline: 'Customer journey',
  'timeline.empty': 'No journey events yet',
  'action.lead': 'New lead',
  'action.credit': 'Apply for credit',
  'detail.applicationId': 'Application',
  'detail.amount': 'Amount',
  'detail.termMonths': 'Term (months)',
  'detail.productCode': 'Product',
  'detail.approvedBy': 'Approved by',
  'kind.customer.created': 'Customer registered',
  'kind.credit.application.approved': 'Credit application approved',
  'kind.marketing.lead.created': 'Marketing lead created',
  yuan: 'CNY',
};

/** `t('rule.required', { field: '姓名' })`; `t.opt(key)` for keys built at run time (undefined if unknown). */
export function translator(locale: Locale) {
  const dict: Record<string, string> = locale === 'en-US' ? enUS : zhCN;
  const t = (key: Key, vars: Record<string, string | number> = {}) =>
    dict[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  return Object.assign(t, { opt: (key: string): string | undefined => dict[key] });
}
export type Translate = ReturnType<typeof translator>;
