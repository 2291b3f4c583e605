// first: zod must be configured before any schema is built (see the module)
import '@zhanye/app-kit/zod-jitless';
import { loadSession } from './session/session.resource.ts';
import { createShellApi } from './session/shell-api.ts';

// Ask who is signed in while React and antd download: a signed-out visitor is sent to /login
// before the workbench's libraries arrive.
const api = createShellApi();
const session = loadSession(api);
session.catch(() => undefined); // handled by the workbench once it has loaded

// Async boundary: the shared modules (React, antd) are negotiated before the workbench runs.
import('./bootstrap.tsx').then(({ startWorkbench }) => startWorkbench(api, session));
