/**
 * Monaco for the JDM editor, bundled (there is no internet: the editor must not fetch it from a
 * CDN). `@gorules/jdm-editor` reads `self.monaco` when its module is evaluated, so this runs first
 * and the editor module is imported after it (see `jdm.loader.ts`).
 *
 * The workers are plain scripts built apart (`rsbuild.workers.config.ts` -> `dist/monaco-workers/`):
 * bundled by the app's own build they would carry the Module Federation runtime, which cannot
 * start in a worker. They are loaded from the app's folder (its public path, resolved at run time).
 */
declare const __webpack_public_path__: string;

type MonacoEnv = { getWorker(moduleId: string, label: string): Worker };

const WORKERS: Record<string, string> = {
  json: 'json.worker.js',
  typescript: 'ts.worker.js',
  javascript: 'ts.worker.js',
};

export async function loadMonaco(): Promise<void> {
  const g = self as unknown as { monaco?: unknown; MonacoEnvironment?: MonacoEnv };
  if (g.monaco) return;
  g.MonacoEnvironment = {
    getWorker(_moduleId, label) {
      const file = WORKERS[label] ?? 'editor.worker.js';
      return new Worker(`${__webpack_public_path__}monaco-workers/${file}`, { name: `monaco-${label}` });
    },
  };
  g.monaco = await import('monaco-editor');
}

/**
 * What monaco leaves on `<body>` once an editor ran (its screen-reader live region and context
 * view): removed when the last graph of the page goes, so leaving the app leaves nothing behind.
 * Models are disposed with their editors by the editor component.
 */
export function removeMonacoLeftovers(): void {
  for (const el of document.querySelectorAll('body > .monaco-aria-container, body > .context-view'))
    el.remove();
}
