import { isApiError, type Locale } from '@zhanye/contracts';

/**
 * What a failed call means, in the user's language, for every front end: the title comes from the
 * error's reason or code (never the server's English); the server's own words, status and request
 * id are only the detail, for whoever has to report it.
 */
export interface ErrorDescription {
  title: string;
  detail?: string;
}

type Words = Record<string, string>;

const TITLES: Record<Locale, Words> = {
  'zh-CN': {
    unexpected: '出现意外错误，请稍后重试。',
    network: '网络异常，请检查网络后重试。',
    BAD_REQUEST: '请检查填写的内容。',
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    FORBIDDEN: '你没有执行此操作的权限。',
    NOT_FOUND: '记录不存在，或不在你的数据权限范围内。',
    CONFLICT: '操作与当前数据冲突，请刷新后重试。',
    RATE_LIMITED: '操作过于频繁，请稍后再试。',
    UNAVAILABLE: '服务暂时不可用，请稍后重试。',
    TIMEOUT: '服务响应超时，请稍后重试。',
    INTERNAL: '服务出错了，请稍后重试。',
    // reasons the platform gives (a finer cause for the same code)
    SEPARATION_OF_DUTIES: '受理人不能审批自己受理的业务，请由其他审批人处理。',
    FOUR_EYES: '需要另一位管理员审批：申请人不能审批自己的申请。',
    INCOMPATIBLE: '该版本与当前工作台不兼容，无法启用。',
    IMMUTABLE: '同一版本号已登记过不同的文件，请使用新的版本号。',
    DUPLICATE: '已存在相同编码或名称的记录。',
    NOT_EMPTY: '仍有下级或关联的数据，请先移走或删除它们。',
    IN_USE: '仍有用户在使用，请先解除关联。',
    SELF: '不能对自己的账户执行此操作，请由其他管理员处理。',
    ESCALATION: '不能授予超出你自身权限或数据范围的权限。',
    UNION: '省联社本身不能执行此操作。',
    HQ: '总行不能移动或删除。',
    STATE: '当前状态下不能执行此操作，请刷新后查看。',
    NOT_PENDING: '该业务已不在待审批状态，请刷新后查看。',
    CONCURRENT_UPDATE: '数据已被他人修改，请刷新后重试。',
    INVALID_STATUS: '当前状态下不能执行此操作，请刷新后查看。',
    UNION_ONLY: '此操作只能由省联社的发布管理员执行。',
    READ_ONLY_SCOPE: '省联社人员只能查看各行社的业务数据，不能修改。',
    OUTSIDE_PACKAGE: '所选菜单不在本行社开通的菜单包内。',
    IDEMPOTENCY_IN_PROGRESS: '同一请求仍在处理中，请稍后刷新查看结果，不要重复提交。',
    IDEMPOTENCY_KEY_REUSED: '该请求与之前提交的内容不一致，请刷新页面后重新填写。',
    NO_PREVIOUS: '没有可回退的上一个版本。',
  },
  'en-US': {
    unexpected: 'Something went wrong; please try again.',
    network: 'Network error; check the connection and try again.',
    BAD_REQUEST: 'Please check the fields.',
    UNAUTHENTICATED: 'Your session has ended; please sign in again.',
    FORBIDDEN: 'You are not allowed to do this.',
    NOT_FOUND: 'The record does not exist, or is outside your data scope.',
    CONFLICT: 'This conflicts with the current data; refresh and try again.',
    RATE_LIMITED: 'Too many attempts; please wait a moment.',
    UNAVAILABLE: 'The service is unavailable; please try again later.',
    TIMEOUT: 'The service did not answer in time; please try again later.',
    INTERNAL: 'The service failed; please try again later.',
    SEPARATION_OF_DUTIES: 'Whoever took an application cannot decide it; another approver must.',
    FOUR_EYES: 'Another administrator must approve: nobody approves their own request.',
    INCOMPATIBLE: 'This version is not compatible with the current workbench.',
    IMMUTABLE: 'This version was registered with other files; use a new version number.',
    DUPLICATE: 'A record with this code or name exists already.',
    NOT_EMPTY: 'It still has children or linked records; move or remove them first.',
    IN_USE: 'Users still hold it; remove it from them first.',
    SELF: 'You cannot do this to your own account; another administrator must.',
    ESCALATION: 'You cannot grant more rights or data than you hold yourself.',
    UNION: 'The provincial union itself cannot do this.',
    HQ: 'The head office cannot be moved or removed.',
    STATE: 'Not possible in the current state; refresh to see it.',
    NOT_PENDING: 'It is no longer pending approval; refresh to see it.',
    CONCURRENT_UPDATE: 'Someone else changed it meanwhile; refresh and try again.',
    INVALID_STATUS: 'Not possible in the current state; refresh to see it.',
    UNION_ONLY: 'Only the provincial union’s release managers may do this.',
    READ_ONLY_SCOPE: 'The provincial union’s staff read the banks’ data; they do not change it.',
    OUTSIDE_PACKAGE: 'These menus are not in your bank’s menu package.',
    IDEMPOTENCY_IN_PROGRESS:
      'The same request is still being processed; refresh to see its result rather than sending it again.',
    IDEMPOTENCY_KEY_REUSED: 'This differs from what was sent before; reload the page and fill it in again.',
    NO_PREVIOUS: 'There is no previous version to roll back to.',
  },
};

/**
 * Describes a failed call. `reasons` lets a page say more for a reason or code it knows
 * (e.g. `{ NOT_FOUND: '客户不存在' }`); the kit's words cover every code and the platform's reasons.
 */
export function describeError(error: unknown, locale: Locale, reasons: Words = {}): ErrorDescription {
  const words = TITLES[locale];
  if (!isApiError(error)) return { title: words.unexpected! };
  if (error.status === 0) return { title: words.network! };
  const reason = error.reason?.toUpperCase();
  const title =
    (reason && (reasons[reason] ?? words[reason])) ??
    reasons[error.code] ??
    words[error.code] ??
    words.unexpected!;
  const tag = [error.status, error.reason ?? error.code, error.requestId].filter(Boolean).join(' · ');
  return { title, detail: `${error.message} (${tag})` };
}

const FIELD: Record<Locale, Words> = {
  'zh-CN': {
    required: '必填',
    amount: '请输入金额，如 50000 或 50000.00（最多两位小数）',
    positive: '金额必须大于 0',
    idNumber: '请输入 18 位身份证号',
    phone: '请输入 11 位手机号',
    tooLong: '内容过长',
    tooShort: '内容过短',
    invalid: '填写有误，请检查',
  },
  'en-US': {
    required: 'Required',
    amount: 'Enter an amount like 50000 or 50000.00 (at most 2 decimals)',
    positive: 'The amount must be greater than 0',
    idNumber: 'Enter an 18-character resident ID number',
    phone: 'Enter an 11-digit mobile number',
    tooLong: 'Too long',
    tooShort: 'Too short',
    invalid: 'Please check this field',
  },
};

/** The server's messages for a field (from the contracts' zod schemas), matched to the user's words. */
const FIELD_MESSAGES: [RegExp, string][] = [
  [/^required$/i, 'required'],
  [/^must be an amount/, 'amount'],
  [/^must be greater than 0/, 'positive'],
  [/resident id/i, 'idNumber'],
  [/mobile number/i, 'phone'],
  [/too big|too long|at most/i, 'tooLong'],
  [/too small|too short|at least/i, 'tooShort'],
];

/**
 * A server field message in the user's language. A message the kit does not know is shown as it
 * came in English, and as a generic "please check" in Chinese (never English inside the Chinese UI).
 */
export function fieldMessage(message: string, locale: Locale): string {
  const key = FIELD_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
  if (key) return FIELD[locale][key]!;
  return locale === 'en-US' ? message : FIELD[locale].invalid!;
}
