import { cssVariables, themeTokens } from '@zhanye/contracts';

/** Writes the theme tokens as `--zy-*` CSS variables on :root, for apps that do not use antd. */
export function applyThemeVariables(): void {
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries(cssVariables(themeTokens))) style.setProperty(name, value);
}
