// first: zod must be configured before any schema is built (see the module)
import '@zhanye/app-kit/zod-jitless';
import type { AppLifecycles, AppMountProps } from '@zhanye/contracts';
import { mount as mountComponent, unmount as unmountComponent } from 'svelte';
import App from './App.svelte';

/** Per mount: the component rendered into each container (no shared app state). */
const mounted = new WeakMap<HTMLElement, ReturnType<typeof mountComponent>>();

/** Svelte injects component styles into <head> once; take ours out when no instance is left. */
function removeStylesIfUnused(doc: Document) {
  if (doc.querySelector('[class*="zy-mk-"]')) return;
  for (const style of doc.head.querySelectorAll('style[id^="zy-mk-"]')) style.remove();
}

export const bootstrap: AppLifecycles['bootstrap'] = async () => {};

export const mount: AppLifecycles['mount'] = async (props: AppMountProps) => {
  const instance = mountComponent(App, { target: props.domElement, props: { shell: props } });
  mounted.set(props.domElement, instance);
};

export const unmount: AppLifecycles['unmount'] = async (props: AppMountProps) => {
  const instance = mounted.get(props.domElement);
  if (!instance) return;
  mounted.delete(props.domElement);
  await unmountComponent(instance);
  removeStylesIfUnused(props.domElement.ownerDocument);
};
