import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { remoteFederation, remoteOutput } from '@zhanye/app-kit/federation';
import { pluginPrecompress } from '@zhanye/app-kit/precompress';

export default defineConfig({
  ...remoteOutput,
  plugins: [
    pluginReact(),
    pluginModuleFederation(remoteFederation('mf_credit', './src/app.tsx')),
    pluginPrecompress(),
  ],
  // Dev only: the shell's dev server on another localhost port loads this remote.
  server: { port: 3102, cors: { origin: /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/ } },
});
