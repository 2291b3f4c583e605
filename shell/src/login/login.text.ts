import type { Locale } from '@zhanye/contracts';

const zh = {
  pageTitle: '登录 · 展业工作台',
  title: '展业工作台',
  subtitle: '请使用行内账号登录',
  username: '用户名',
  password: '密码',
  submit: '登录',
  submitting: '登录中…',
  switchTo: 'English',
  required: '必填',
  badCredentials: '用户名或密码错误',
  badInput: '请检查填写的内容',
  rateLimited: '尝试次数过多，请稍后再试',
  unavailable: '服务暂不可用，请稍后再试',
  // MFA
  mfaSubtitle: '两步验证：请输入身份验证器中的 6 位验证码',
  recoverySubtitle: '两步验证：请输入一个恢复码（每个只能使用一次）',
  code: '验证码',
  recoveryCode: '恢复码',
  verify: '验证',
  useRecovery: '无法使用身份验证器？使用恢复码',
  useCode: '使用身份验证器验证码',
  badCode: '验证码错误或已使用，请重试',
  sixDigits: '请输入 6 位数字',
  expired: '登录已超时，请重新登录',
  enrolSubtitle: '您的角色要求启用两步验证',
  enrolIntro:
    '请用身份验证器（如 Microsoft Authenticator、Google 身份验证器）扫描二维码，然后输入其显示的 6 位验证码。',
  enrolSecret: '无法扫码时，请手动输入密钥：',
  codesSubtitle: '请保存恢复码',
  codesIntro:
    '手机丢失时可用以下恢复码登录，每个只能使用一次。离开此页后将无法再次查看，请抄写或打印后妥善保管。',
  codesSaved: '我已保存，继续',
  // new password
  passwordSubtitle: '首次登录或密码已被重置，请设置新密码',
  passwordPolicy:
    '新密码长度 10–128 位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能与当前密码相同。',
  newPassword: '新密码',
  confirmPassword: '确认新密码',
  savePassword: '保存并继续',
  mismatch: '两次输入的密码不一致',
  samePassword: '新密码不能与当前密码相同',
  weakPassword: '密码不符合要求',
};

export type LoginText = typeof zh;

const en: LoginText = {
  pageTitle: 'Sign in · Zhanye Workbench',
  title: 'Zhanye Workbench',
  subtitle: 'Sign in with your bank account',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  switchTo: '中文',
  required: 'Required',
  badCredentials: 'Incorrect username or password',
  badInput: 'Please check what you entered',
  rateLimited: 'Too many attempts, please try again later',
  unavailable: 'The service is unavailable, please try again later',
  mfaSubtitle: 'Two-step verification: enter the 6-digit code from your authenticator',
  recoverySubtitle: 'Two-step verification: enter a recovery code (each works once)',
  code: 'Code',
  recoveryCode: 'Recovery code',
  verify: 'Verify',
  useRecovery: 'Cannot use your authenticator? Use a recovery code',
  useCode: 'Use a code from your authenticator',
  badCode: 'The code is wrong or was used already, please try again',
  sixDigits: 'Enter 6 digits',
  expired: 'The sign-in timed out, please start again',
  enrolSubtitle: 'Your role requires two-step verification',
  enrolIntro:
    'Scan the QR code with an authenticator app (e.g. Microsoft Authenticator, Google Authenticator), then enter the 6-digit code it shows.',
  enrolSecret: 'Cannot scan? Enter this key by hand:',
  codesSubtitle: 'Save your recovery codes',
  codesIntro:
    'If you lose your phone, sign in with one of these codes; each works once. They are not shown again after this page: write them down or print them and keep them safe.',
  codesSaved: 'I have saved them, continue',
  passwordSubtitle: 'First sign-in or a reset password: choose a new password',
  passwordPolicy:
    'A new password has 10–128 characters, with at least three of: upper case, lower case, digits, symbols; it must differ from the current one.',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
  savePassword: 'Save and continue',
  mismatch: 'The passwords do not match',
  samePassword: 'The new password must differ from the current one',
  weakPassword: 'The password does not meet the rules',
};

export const loginText: Record<Locale, LoginText> = { 'zh-CN': zh, 'en-US': en };
