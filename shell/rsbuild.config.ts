import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { sharedSingletons } from '@zhanye/app-kit/federation';
import { pluginPrecompress } from '@zhanye/app-kit/precompress';

/**
 * The shared singletons every app declares (`@zhanye/app-kit/federation`). zod is eager in the
 * shell only: its entry asks for the session (through the contracts client) before the async boundary.
 */
const shared = { ...sharedSingletons, zod: { ...sharedSingletons.zod, eager: true } };

/**
 * Two builds into one `dist/`: `login.html` (plain TypeScript, no React, no Module Federation)
 * and `index.html` (the workbench: a Module Federation host that learns its remotes at run time).
 */
export default defineConfig({
  output: { distPath: { root: 'dist' }, assetPrefix: '/' },
  // `.br` and `.gz` beside each file, served by the gateway by content negotiation
  plugins: [pluginPrecompress()],
  environments: {
    login: {
      source: { entry: { login: './src/login/login.ts' } },
      html: { template: './src/login/login.html' },
      splitChunks: false,
    },
    workbench: {
      source: { entry: { index: './src/index.ts' } },
      html: { title: '展业工作台', mountId: 'root' },
      plugins: [
        pluginReact(),
        pluginModuleFederation(
          {
            name: 'shell',
            remotes: {},
            shared,
            // Never fetch every registered remote's entry to compare versions: one slow or broken
            // remote must not hold up the others.
            shareStrategy: 'loaded-first',
            dts: false,
            experiments: { provideExternalRuntime: true, optimization: { target: 'web' } },
          },
          { environment: 'workbench' },
        ),
      ],
    },
  },
});
