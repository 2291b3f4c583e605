import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '在线会话',
  user: '用户',
  created: '登录时间',
  lastSeen: '最近活动',
  idleExpires: '空闲到期',
  absoluteExpires: '最长到期',
  ip: 'IP 地址',
  agent: '客户端',
  mfa: '双因素',
  current: '当前会话',
  end: '结束会话',
  endConfirm: (name: string) => `结束「${name}」的这个会话？该设备将立即退出登录。`,
  ended: '会话已结束',
  empty: '没有在线会话',
};

export type SessionsText = typeof zh;

const en: SessionsText = {
  title: 'Live sessions',
  user: 'User',
  created: 'Signed in',
  lastSeen: 'Last seen',
  idleExpires: 'Idle expiry',
  absoluteExpires: 'Absolute expiry',
  ip: 'IP address',
  agent: 'Client',
  mfa: 'MFA',
  current: 'This session',
  end: 'End session',
  endConfirm: (name) => `End this session of “${name}”? That device is signed out at once.`,
  ended: 'Session ended',
  empty: 'No live sessions',
};

export const sessionsText: Record<Locale, SessionsText> = { 'zh-CN': zh, 'en-US': en };
