/**
 * Reads a Chromium performance trace (the JSON `browser.stopTracing()` returns) and splits the
 * renderer main thread's time between two user-timing marks into what it was spent on: script,
 * style, layout, paint, garbage collection, other browser work, and idle (waiting: timers,
 * promises resolved by the network, frames); and its CPU time, which a busy machine stretches
 * less than the wall time.
 */

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: unlike `dur`, not stretched while the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'toplevel',
];

const KIND: [RegExp, Kind][] = [
  [
    /^(FunctionCall|EvaluateScript|v8\.|V8\.(?!GC)|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|FireIdleCallback|XHRReadyStateChange|ParseScriptOnBackground|CompileScript)/,
    'script',
  ],
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)/, 'style'],
  [/^(Layout|UpdateLayer|IntersectionObserverController)/, 'layout'],
  [/^(Paint|PrePaint|Layerize|CompositeLayers|Commit|UpdateLayerTree|PaintImage|Decode)/, 'paint'],
  [/^(MinorGC|MajorGC|V8\.GC|BlinkGC|GCEvent)/, 'gc'],
];
export type Kind = 'script' | 'style' | 'layout' | 'paint' | 'gc' | 'other';
/** ms per kind (wall time on the main thread), `idle`, and `cpu`: the main thread's CPU time. */
export type Breakdown = Record<Kind | 'idle' | 'cpu', number>;

const kindOf = (name: string): Kind => KIND.find(([re]) => re.test(name))?.[1] ?? 'other';

export function parseTrace(buffer: Buffer): TraceEvent[] {
  const json = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(json) ? json : (json.traceEvents ?? []);
}

/** The main thread of the renderer that recorded the page's user-timing marks. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const marked = events.find((e) => e.cat.includes('blink.user_timing'));
  const named = events.find(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      (!marked || e.pid === marked.pid),
  );
  if (!named) throw new Error('no renderer main thread in the trace');
  return { pid: named.pid, tid: named.tid };
}

/** Timestamps (trace clock, µs) of every user-timing mark with this name, in order. */
export function marksNamed(events: TraceEvent[], name: string): number[] {
  return events
    .filter(
      (e) =>
        e.cat.includes('blink.user_timing') &&
        e.name === name &&
        (e.ph === 'R' || e.ph === 'I' || e.ph === 'i' || e.ph === 'n'),
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
}

/**
 * Main-thread time between `from` and `to` (trace clock, µs), in ms per kind. Each complete event's
 * self time (its duration less its children's) goes to its kind; a task's own bookkeeping to
 * `other`; time in no task is `idle`.
 */
export function breakdown(events: TraceEvent[], from: number, to: number): Breakdown {
  const { pid, tid } = mainThread(events);
  const spans = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .map((e) => {
      const start = Math.max(e.ts, from);
      const end = Math.min(e.ts + e.dur!, to);
      // the part of its CPU time inside the window, in proportion
      const cpu = e.tdur !== undefined && e.dur! > 0 ? (e.tdur * (end - start)) / e.dur! : 0;
      return { name: e.name, start, end, cpu };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Breakdown = { script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0, idle: 0, cpu: 0 };
  const stack: { kind: Kind; start: number; end: number; children: number }[] = [];
  const pop = () => {
    const done = stack.pop()!;
    out[done.kind] += (done.end - done.start - done.children) / 1000;
  };
  let busy = 0;
  for (const s of spans) {
    while (stack.length && stack.at(-1)!.end <= s.start) pop();
    const parent = stack.at(-1);
    const end = parent ? Math.min(s.end, parent.end) : s.end;
    if (parent) parent.children += end - s.start;
    else {
      busy += end - s.start;
      out.cpu += s.cpu / 1000;
    }
    stack.push({ kind: kindOf(s.name), start: s.start, end, children: 0 });
  }
  while (stack.length) pop();
  out.idle = Math.max(0, (to - from - busy) / 1000);
  return out;
}
