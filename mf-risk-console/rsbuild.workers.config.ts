import { defineConfig } from '@rsbuild/core';

/**
 * Monaco's web workers (editor, JSON, TypeScript/JavaScript for the JDM function editor), built as
 * plain single-file worker scripts into `dist/monaco-workers/`. Built apart from the app: workers
 * bundled by the app's build would carry the Module Federation runtime, which cannot start in a
 * worker. Loaded by `src/features/flows/editor/monaco.ts` from the app's own folder.
 */
export default defineConfig({
  source: {
    entry: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'ts.worker': 'monaco-editor/esm/vs/language/typescript/ts.worker.js',
    },
  },
  tools: { htmlPlugin: false },
  performance: { chunkSplit: { strategy: 'all-in-one' } },
  output: {
    target: 'web-worker',
    distPath: { root: 'dist/monaco-workers', js: '' },
    filename: { js: '[name].js' },
    cleanDistPath: false,
    sourceMap: false,
  },
});
