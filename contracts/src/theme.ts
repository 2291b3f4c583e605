/**
 * Design tokens shared by the shell and every app. The shell writes them as CSS variables
 * (`--zy-color-primary`, ...) so the Svelte app looks like the antd apps; antd apps pass
 * them to `ConfigProvider`.
 */
export const themeTokens = {
  colorPrimary: '#1a7f5a',
  colorSuccess: '#389e0d',
  colorWarning: '#d48806',
  colorError: '#cf1322',
  colorText: '#1f1f1f',
  colorTextSecondary: '#595959',
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
