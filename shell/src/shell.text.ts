import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '展业工作台',
  switchTo: 'English',
  logout: '退出登录',
  account: '账户与安全',
  greeting: (name: string) => `你好，${name}`,
  yourApps: '你可以使用以下功能：',
  noApps: '暂无可用功能，请联系管理员开通。',
  notFound: '页面不存在',
  notFoundHint: '请从左侧菜单选择要使用的功能。',
  backHome: '返回工作台',
  appFailed: '该功能暂时无法加载',
  appFailedHint: '其他功能不受影响，请稍后重试。',
  retry: '重试',
  startFailed: '工作台暂时无法打开',
  startFailedHint: '请检查网络后重新加载。',
  reload: '重新加载',
  devOverride: (list: string) => `开发覆盖生效中（仅本标签页）：${list}`,
  devOverrideClear: '清除覆盖',
};

export type ShellText = typeof zh;

const en: ShellText = {
  title: 'Zhanye Workbench',
  switchTo: '中文',
  logout: 'Sign out',
  account: 'Account & security',
  greeting: (name) => `Hello, ${name}`,
  yourApps: 'What you can use:',
  noApps: 'Nothing is assigned to you yet; please ask your administrator.',
  notFound: 'Page not found',
  notFoundHint: 'Pick a page from the menu on the left.',
  backHome: 'Back to the workbench',
  appFailed: 'This app could not be loaded',
  appFailedHint: 'Everything else keeps working; please try again.',
  retry: 'Retry',
  startFailed: 'The workbench could not start',
  startFailedHint: 'Check the network, then reload.',
  reload: 'Reload',
  devOverride: (list) => `Developer override active (this tab only): ${list}`,
  devOverrideClear: 'Clear overrides',
};

export const shellText: Record<Locale, ShellText> = { 'zh-CN': zh, 'en-US': en };
