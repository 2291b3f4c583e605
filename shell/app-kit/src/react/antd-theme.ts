import type { ThemeTokens } from '@zhanye/contracts';
import type { ThemeConfig } from 'antd';

/** The class the theme's CSS variables hang on, the same in the shell and every app. */
const THEME_KEY = 'zy-theme';

/**
 * The antd theme of the shell and of every React app:
 * - `zeroRuntime`: component styles come from `antd/dist/antd.css`, which the shell loads once
 *   beside antd (the shared singleton, so the stylesheet always matches the running antd),
 *   instead of being generated and inserted as `<style>` elements at the first render of each
 *   component in each mount.
 * - `cssVar.key` fixed: the theme's CSS variables live under one class, so an app's
 *   `ConfigProvider` finds the entry the shell's provider (mounted for the whole session) already
 *   made: no token computation and no `<style>` inserted on mount, none removed on unmount
 *   (by default each provider gets a new key per mount). Every provider under this key passes the
 *   same tokens: the shell's `themeTokens`, handed to apps as `props.theme`.
 */
export function antdTheme(token: ThemeTokens): ThemeConfig {
  return {
    token,
    // the selected menu item's text on its tint: antd would use colorPrimary (4.4:1 there)
    components: { Menu: { itemSelectedColor: token.colorPrimaryText } },
    zeroRuntime: true,
    cssVar: { key: THEME_KEY },
  };
}
