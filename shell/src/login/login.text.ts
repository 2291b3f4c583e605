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
};

export const loginText: Record<Locale, LoginText> = { 'zh-CN': zh, 'en-US': en };
