/**
 * The shared singletons: the shell provides them and every React app declares the same block, so
 * one React, one renderer, one antd and one zod run on the page whatever loads first. Sharing only
 * `react` and `react-dom` is not enough: `react-dom/client` and `react/jsx-runtime` must be shared
 * too, or a remote brings its own renderer.
 */
export const sharedSingletons = {
  react: { singleton: true, requiredVersion: '^19.3.1' },
  'react-dom': { singleton: true, requiredVersion: '^19.3.1' },
  'react-dom/client': { singleton: true, requiredVersion: '^19.3.1' },
  'react/jsx-runtime': { singleton: true, requiredVersion: '^19.3.1' },
  antd: { singleton: true, requiredVersion: '^6.6.8' },
  // the contracts' schemas: one copy instead of one per app
  zod: { singleton: true, requiredVersion: '^4.6.7' },
} as const;

/** The part a Svelte app shares (it brings its own framework). */
export const sharedForSvelte = { zod: sharedSingletons.zod } as const;

/**
 * Module Federation options of a domain app: it exposes only `./app` (its single-spa lifecycles),
 * writes `remoteEntry.js` and `mf-manifest.json`, and reuses the shell's MF runtime (the shell sets
 * `provideExternalRuntime`), which saves ~100 KB raw per app.
 */
export function remoteFederation(
  name: string,
  entry: string,
  shared: Record<string, object> = sharedSingletons,
) {
  return {
    name,
    exposes: { './app': entry },
    filename: 'remoteEntry.js',
    manifest: true,
    dts: false,
    shared,
    experiments: { externalRuntime: true },
  };
}

/** rsbuild output of a remote: no HTML page, assets resolved from wherever the version folder is served. */
export const remoteOutput = {
  source: { entry: {} },
  tools: { htmlPlugin: false },
  output: { assetPrefix: 'auto', distPath: { root: 'dist' } },
} as const;
