import type { AppMountProps } from '@zhanye/contracts';
import React from 'react';
import ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import { Crashed, Root } from './root.tsx';

/** The only exports: single-spa lifecycles. Everything else is created per mount. */
const lifecycles = singleSpaReact<AppMountProps>({
  React,
  ReactDOMClient,
  rootComponent: Root,
  errorBoundary: (error, _info, props) => <Crashed error={error} locale={props.locale.get()} />,
  domElementGetter: (props) => props.domElement,
});

export const { bootstrap, mount, unmount } = lifecycles;
