import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';

/** Identical in the shell and every React app: one React, one renderer, one antd. */
const shared = {
  react: { singleton: true, requiredVersion: '^19.3.1' },
  'react-dom': { singleton: true, requiredVersion: '^19.3.1' },
  'react-dom/client': { singleton: true, requiredVersion: '^19.3.1' },
  'react/jsx-runtime': { singleton: true, requiredVersion: '^19.3.1' },
  antd: { singleton: true, requiredVersion: '^6.6.8' },
  // the contracts' schemas: one copy instead of one per app
  zod: { singleton: true, requiredVersion: '^4.6.7' },
};

export default defineConfig({
  source: { entry: {} },
  plugins: [
    pluginReact(),
    pluginModuleFederation({
      name: 'mf_risk_console',
      exposes: { './app': './src/app.tsx' },
      filename: 'remoteEntry.js',
      manifest: true,
      dts: false,
      shared,
      // Reuse the shell's MF runtime (it sets `provideExternalRuntime`) instead of bundling ~100 KB raw of it.
      experiments: { externalRuntime: true },
    }),
  ],
  tools: { htmlPlugin: false },
  output: { assetPrefix: 'auto', distPath: { root: 'dist' } },
  // Dev only: the shell's dev server on another localhost port loads this remote.
  server: { port: 3103, cors: { origin: /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/ } },
});
