import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { sharedSingletons } from '@zhanye/app-kit/federation';

export default defineConfig({
  source: { entry: {} },
  plugins: [
    pluginReact(),
    pluginModuleFederation({
      name: 'mf_customer',
      exposes: { './app': './src/app.tsx' },
      filename: 'remoteEntry.js',
      manifest: true,
      dts: false,
      shared: sharedSingletons,
      // Reuse the shell's MF runtime (it sets `provideExternalRuntime`) instead of bundling ~100 KB raw of it.
      experiments: { externalRuntime: true },
    }),
  ],
  tools: { htmlPlugin: false },
  output: { assetPrefix: 'auto', distPath: { root: 'dist' } },
  // Dev only: the shell's dev server on another localhost port loads this remote.
  server: { port: 3101, cors: { origin: /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/ } },
});
