import { PhaseState } from './procedure';

interface Dated { startsAt: string; endsAt: string }

/** State of one phase at `now`: the end is exclusive. */
export function phaseState(phase: Dated, now: Date): PhaseState {
  const t = now.getTime();
  if (t < Date.parse(phase.startsAt)) return 'upcoming';
  if (t >= Date.parse(phase.endsAt)) return 'closed';
  return 'open';
}

/**
 * State of a procedure from its phases: open while any phase runs, upcoming before the first,
 * closed after the last (and when it has none). A gap between phases counts as open.
 */
export function procedureState(phases: Dated[], now: Date): PhaseState {
  if (phases.length === 0) return 'closed';
  const t = now.getTime();
  const start = Math.min(...phases.map((p) => Date.parse(p.startsAt)));
  const end = Math.max(...phases.map((p) => Date.parse(p.endsAt)));
  if (t < start) return 'upcoming';
  if (t >= end) return 'closed';
  return 'open';
}
