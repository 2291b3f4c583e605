import { z } from 'zod';
import { eventDef } from './bus.ts';

/**
 * A workflow's states and transitions, declared once (DOMAINS.md): the service moves an aggregate
 * only through `transition()` (kit `Workflow`), the pages draw the machine, and tests walk every
 * allowed and every forbidden transition from this table. A transition may exist only in some
 * variants (a credit application's process mode, say): `variants` lists them (absent: all).
 */
export interface MachineDef<S extends string = string, C extends string = string, V extends string = string> {
  /** `<domain>.<aggregate>`, e.g. `credit.application`. */
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  /** No command leaves these. */
  readonly final: readonly S[];
  readonly variants: readonly V[];
  readonly transitions: readonly Transition<S, C, V>[];
}

export interface Transition<S extends string = string, C extends string = string, V extends string = string> {
  readonly from: readonly S[];
  readonly command: C;
  readonly to: S;
  /** The variants this transition exists in; absent: every variant. */
  readonly variants?: readonly V[];
}

export const defineMachine = <const S extends string, const C extends string, const V extends string>(
  m: MachineDef<S, C, V>,
): MachineDef<S, C, V> => m;

const inVariant = <V extends string>(t: { variants?: readonly V[] }, variant: V | undefined) =>
  !t.variants || variant === undefined || t.variants.includes(variant);

/** Where `command` takes an aggregate in `from` (in `variant`), or undefined when it may not. */
export function nextState<S extends string, C extends string, V extends string>(
  m: MachineDef<S, C, V>,
  from: S,
  command: C,
  variant?: V,
): S | undefined {
  return m.transitions.find((t) => t.command === command && t.from.includes(from) && inVariant(t, variant))
    ?.to;
}

/** The commands allowed from a state (in a variant): the actions a page may offer. */
export function commandsFrom<S extends string, C extends string, V extends string>(
  m: MachineDef<S, C, V>,
  from: S,
  variant?: V,
): C[] {
  return [
    ...new Set(
      m.transitions.filter((t) => t.from.includes(from) && inVariant(t, variant)).map((t) => t.command),
    ),
  ];
}

/** Every (from, command, to) edge of a variant, for drawing the machine and walking it in tests. */
export function edges<S extends string, C extends string, V extends string>(
  m: MachineDef<S, C, V>,
  variant?: V,
): { from: S; command: C; to: S }[] {
  return m.transitions
    .filter((t) => inVariant(t, variant))
    .flatMap((t) => t.from.map((from) => ({ from, command: t.command, to: t.to })));
}

/**
 * One step a person (or the system) took in a workflow: the evidence of due diligence (尽职免责).
 * Who (user, name, posts, org), when, from where, what they did, their comment, and the data they
 * acted on with its SHA-256.
 */
export const WorkflowStep = z.object({
  id: z.string(),
  aggregateId: z.string(),
  command: z.string(),
  from: z.string(),
  to: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorPosts: z.array(z.string()),
  actorOrgName: z.string(),
  clientIp: z.string().nullable(),
  at: z.string(),
  comment: z.string().nullable(),
  snapshot: z.unknown(),
  snapshotSha256: z.string(),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

/** Who a to-do waits for: one person, or the holders of a post within an org subtree. */
export const TodoAssignee = z.union([
  z.object({ userId: z.string() }),
  z.object({ post: z.string(), orgPath: z.string() }),
]);
export type TodoAssignee = z.infer<typeof TodoAssignee>;

/** A waiting step opened a to-do (the workbench's read model follows these; idempotent by `todoId`). */
export const TodoOpened = z.object({
  todoId: z.string(),
  bankId: z.string(),
  /** `<domain>.<kind>`, e.g. `credit.review`. */
  kind: z.string(),
  titleKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  assignee: TodoAssignee,
  dueAt: z.string().nullable(),
  link: z.object({ app: z.string(), path: z.string() }),
});
export type TodoOpened = z.infer<typeof TodoOpened>;

export const TodoClosed = z.object({ todoId: z.string(), bankId: z.string(), by: z.string() });
export type TodoClosed = z.infer<typeof TodoClosed>;

/** `evt.<domain>.todo.opened` / `.closed`: every domain's to-dos, in one shape. */
export const todoEvents = (domain: string) => ({
  opened: eventDef({ subject: `evt.${domain}.todo.opened`, payload: TodoOpened }),
  closed: eventDef({ subject: `evt.${domain}.todo.closed`, payload: TodoClosed }),
});
