import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginSvelte } from '@rsbuild/plugin-svelte';
import { remoteFederation, remoteOutput, sharedForSvelte } from '@zhanye/app-kit/federation';
import { pluginPrecompress } from '@zhanye/app-kit/precompress';

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
    // Svelte is compiled into this app; only the contracts' zod is shared with the shell.
    pluginModuleFederation(remoteFederation('mf_marketing', './src/app.ts', sharedForSvelte)),
    pluginPrecompress(),
  ],
  // A remote only: no page of its own (the shell is the page), so no entry and no HTML.
  ...remoteOutput,
});
