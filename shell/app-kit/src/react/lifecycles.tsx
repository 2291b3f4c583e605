import type { AppMountProps } from '@zhanye/contracts';
import { Result } from 'antd';
import type { ComponentType } from 'react';
import React from 'react';
import ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import { MountRoot } from './mount.tsx';

export interface ReactAppOptions {
  /** The app's pages; rendered inside the mount context. */
  Routes: ComponentType;
  /** Title of the error shown when the app crashes, per language. */
  crashedTitle: { 'zh-CN': string; 'en-US': string };
}

/** The single-spa lifecycles of a React app: an app's entry file exports only these. */
export function reactLifecycles({ Routes, crashedTitle }: ReactAppOptions) {
  // biome-ignore lint/correctness/noComponentHookFactories: built once per app when its entry loads, never per render.
  const Root = (props: AppMountProps) => (
    <MountRoot props={props}>
      <Routes />
    </MountRoot>
  );
  const lifecycles = singleSpaReact<AppMountProps>({
    React,
    ReactDOMClient,
    rootComponent: Root,
    errorBoundary: (error, _info, props) => (
      <Result status="error" title={crashedTitle[props.locale.get()]} subTitle={error.message} />
    ),
    domElementGetter: (props) => props.domElement,
  });
  const { bootstrap, mount, unmount } = lifecycles;
  return { bootstrap, mount, unmount };
}
