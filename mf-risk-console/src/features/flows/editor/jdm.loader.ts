import { lazy } from 'react';

/**
 * The JDM graph editor and monaco, loaded only when a page shows a graph (the app's first chunk
 * stays small): monaco first (`self.monaco`), then the editor module that reads it.
 */
export const JdmGraph = lazy(async () => {
  const { loadMonaco } = await import(/* webpackChunkName: "monaco" */ './monaco.ts');
  await loadMonaco();
  return import(/* webpackChunkName: "jdm-editor" */ './jdm.graph.tsx');
});
