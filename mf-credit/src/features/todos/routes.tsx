import type { RouteObject } from 'react-router';
import { TodosPage } from './todos.page.tsx';

/** 我的待办 (`/credit/todos`). */
export const todoRoutes: RouteObject[] = [{ path: 'todos', element: <TodosPage /> }];
