/**
 * Where apps render: one `<div id="zy-app-<app>">` per app, inside a host element that React
 * renders once and never touches again. Containers exist before the host is on the page, so
 * registering apps does not wait for React.
 */
export interface AppOutlet {
  containerOf(app: string): HTMLElement;
  attach(host: HTMLElement): void;
}

export function createAppOutlet(): AppOutlet {
  const containers = new Map<string, HTMLElement>();
  let host: HTMLElement | null = null;
  return {
    containerOf(app) {
      let el = containers.get(app);
      if (!el) {
        el = document.createElement('div');
        el.id = `zy-app-${app}`;
        containers.set(app, el);
        host?.append(el);
      }
      return el;
    },
    attach(el) {
      host = el;
      el.append(...containers.values());
    },
  };
}
