import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginSvelte } from '@rsbuild/plugin-svelte';
import { sharedForSvelte } from '@zhanye/app-kit/federation';

export default defineConfig({
  plugins: [
    pluginSvelte({
      svelteLoaderOptions: {
        // Svelte 5 strips `lang="ts"` itself; svelte-preprocess would reach for TypeScript's JS API.
        preprocess: [],
        // Styles travel inside the JS and are injected as <style id="zy-mk-...">, which
        // `app.ts` removes again on unmount: no stylesheet stays behind in the host page.
        emitCss: false,
        compilerOptions: {
          css: 'injected',
          cssHash: ({ hash, css }: { hash: (input: string) => string; css: string }) => `zy-mk-${hash(css)}`,
        },
      },
    }),
    pluginModuleFederation({
      name: 'mf_marketing',
      exposes: { './app': './src/app.ts' },
      filename: 'remoteEntry.js',
      // Svelte is compiled into this app; only the contracts' zod is shared with the shell.
      shared: sharedForSvelte,
      // Reuse the shell's MF runtime (it sets `provideExternalRuntime`).
      experiments: { externalRuntime: true },
      manifest: true,
      dts: false,
    }),
  ],
  // A remote only: no page of its own (the shell is the page), so no entry and no HTML.
  source: { entry: {} },
  tools: {
    htmlPlugin: false,
  },
  output: { assetPrefix: 'auto', distPath: { root: 'dist' } },
});
