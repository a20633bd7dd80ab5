// The stages a project passes on its path, with the date each was reached (from the event log).
// Side stages (returned) are listed as notes; final refusals (rejected, withdrawn) end the line.
import { mainLine, type Stage } from '../../domain/workflow-model.ts';

export interface TimelineEvent {
  action: string;
  from: string | null;
  to: string | null;
  at: string;
}
export interface TimelineStep {
  stage: Stage;
  at: string | null;
  state: 'done' | 'current' | 'upcoming';
}

export interface PathFlags {
  cityReview: boolean;
  planAdjustmentRequired: boolean;
}

// The main line for this path is the stage table's (domain/workflow-model.ts mainLine).

export function timeline(
  current: Stage,
  events: readonly TimelineEvent[],
  path: PathFlags,
  createdAt: string | null
): {
  steps: TimelineStep[];
  returns: { at: string; back: string | null }[];
  ended: { stage: Stage; at: string | null } | null;
} {
  const line = mainLine(path);
  const reached = (s: Stage) => (s === 'draft' ? createdAt : (events.find((e) => e.to === s)?.at ?? null));
  const ended =
    current === 'rejected' || current === 'withdrawn'
      ? { stage: current, at: [...events].reverse().find((e) => e.to === current)?.at ?? null }
      : null;
  // Where on the main line we are; 'returned' sits where it came from.
  let idx = line.indexOf(current);
  if (current === 'returned') {
    const last = [...events].reverse().find((e) => e.to === 'returned');
    idx = Math.max(0, line.indexOf((last?.from as Stage) ?? 'submitted'));
  }
  if (ended) {
    const last = [...events].reverse().find((e) => e.to === current);
    idx = Math.max(0, line.indexOf((last?.from as Stage) ?? 'draft'));
  }
  const steps = line.map((stage, i): TimelineStep => ({
    stage,
    at: i <= idx ? reached(stage) : null,
    state: i < idx || (ended && i === idx) ? 'done' : i === idx ? 'current' : 'upcoming'
  }));
  const returns = events
    .filter((e) => e.to === 'returned')
    .map((e) => ({ at: e.at, back: events.find((r) => r.from === 'returned' && r.at > e.at)?.at ?? null }));
  return { steps, returns, ended };
}
