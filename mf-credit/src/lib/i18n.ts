import { defineText } from '@zhanye/app-kit/react';

/**
 * The app's own words; each feature keeps its words beside it (`<feature>.text.ts`, `defineText`),
 * so features change without touching one another's dictionaries.
 */
const zhCN = {
  'app.crashed': '授信模块出错了',
  notFound: '页面不存在',
  back: '返回申请列表',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'app.crashed': 'The credit module crashed',
  notFound: 'This page does not exist',
  back: 'Back to applications',
};

export const { translator, useShell } = defineText({ 'zh-CN': zhCN, 'en-US': enUS });
