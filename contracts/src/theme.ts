/**
 * Design tokens shared by the shell and every app. The shell writes them as CSS variables
 * (`--zy-color-primary`, ...) so the Svelte app looks like the antd apps; antd apps pass
 * them to `ConfigProvider`.
 */
export const themeTokens = {
  colorPrimary: '#1a7f5a',
  // antd derives the light tints from each seed colour; for these darker seeds it derives greys
  // (#b4bfb9 behind the selected menu item), so the tints are given. Every text colour below meets
  // WCAG AA (4.5:1) on white, on colorBgLayout and on its own tint (checked by e2e ui-text.spec.ts).
  colorPrimaryBg: '#e8f3ee',
  colorPrimaryBgHover: '#d5eadf',
  /** Primary-coloured text on colorPrimaryBg (the selected menu item): 5.9:1. */
  colorPrimaryText: '#14684a',
  colorLink: '#1a7f5a',
  colorLinkHover: '#14684a',
  colorInfo: '#0958d9',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#ad4e00',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorError: '#cf1322',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorText: '#1f1f1f',
  colorTextSecondary: '#595959',
  /** Secondary text (descriptions' labels, hints, `Typography` type="secondary"): 5.7:1 on white, not antd's 3.4:1. */
  colorTextTertiary: '#666666',
  colorTextDescription: '#666666',
  colorTextPlaceholder: '#767676',
  colorBorder: '#d9d9d9',
  colorBgLayout: '#f5f7f6',
  colorBgContainer: '#ffffff',
  borderRadius: 6,
  fontSize: 14,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
} as const;
export type ThemeTokens = typeof themeTokens;

/** `colorPrimary` -> `--zy-color-primary`. */
export function cssVariables(tokens: ThemeTokens): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tokens)) {
    const name = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out[`--zy-${name}`] = typeof v === 'number' ? `${v}px` : v;
  }
  return out;
}
