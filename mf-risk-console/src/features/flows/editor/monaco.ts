/**
 * Monaco for the JDM editor, bundled (there is no internet: the editor must not fetch it from a
 * CDN). `@gorules/jdm-editor` reads `self.monaco` when its module is evaluated, so this runs first
 * and the editor module is imported after it (see `jdm.loader.ts`). Workers are bundled too.
 */
type MonacoEnv = { getWorker(moduleId: string, label: string): Worker };

export async function loadMonaco(): Promise<void> {
  const g = self as unknown as { monaco?: unknown; MonacoEnvironment?: MonacoEnv };
  if (g.monaco) return;
  g.MonacoEnvironment = {
    getWorker(_moduleId, label) {
      if (label === 'json') {
        return new Worker(new URL('monaco-editor/esm/vs/language/json/json.worker.js', import.meta.url));
      }
      if (label === 'typescript' || label === 'javascript') {
        return new Worker(new URL('monaco-editor/esm/vs/language/typescript/ts.worker.js', import.meta.url));
      }
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url));
    },
  };
  g.monaco = await import('monaco-editor');
}
