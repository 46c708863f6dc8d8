export type ScreenPoint = [number, number];

interface Finger {
  start: ScreenPoint;
  last: ScreenPoint;
  downAt: number;
  /** part of the pan/pinch: it moved past the slop or was held longer than a tap */
  joined: boolean;
}

/** How the view should follow a finger's move: pan by `pan` pixels, then scale around `anchor`. */
export interface GestureStep {
  pan: ScreenPoint;
  scale: number;
  anchor: ScreenPoint;
}

export interface FingerGestureOptions {
  /** pixels a finger may wander and still tap */
  tapSlop: number;
  /** a finger down longer than this is no tap */
  tapMs: number;
}

function centroid(points: ScreenPoint[]): ScreenPoint {
  const sum = points.reduce<ScreenPoint>((acc, [x, y]) => [acc[0] + x, acc[1] + y], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

function spread(points: ScreenPoint[], centre: ScreenPoint): number {
  return points.reduce((acc, [x, y]) => acc + Math.hypot(x - centre[0], y - centre[1]), 0) / points.length;
}

/**
 * The fingers down on ONE map and what they mean, independent of fingers anywhere else on the
 * screen: one moving finger pans, two or more pinch (zoom, no rotation). A finger that stays
 * within the slop and lifts quickly is a tap and never joins the gesture, so a tap registers while
 * someone else drags, and a resting finger does not turn another person's drag into a pinch.
 */
export class FingerGestures {
  private readonly fingers = new Map<number, Finger>();

  constructor(private readonly options: FingerGestureOptions) {}

  get count(): number {
    return this.fingers.size;
  }

  has(id: number): boolean {
    return this.fingers.has(id);
  }

  down(id: number, point: ScreenPoint, time: number): void {
    this.fingers.set(id, { start: point, last: point, downAt: time, joined: false });
  }

  /** The view change for this move, or null while the finger is still a possible tap. */
  move(id: number, point: ScreenPoint, time: number): GestureStep | null {
    const finger = this.fingers.get(id);
    if (!finger) return null;
    if (!finger.joined) {
      const wandered = Math.hypot(point[0] - finger.start[0], point[1] - finger.start[1]) > this.options.tapSlop;
      if (!wandered && time - finger.downAt <= this.options.tapMs) return null;
      // Joining at the current position: the gesture continues from here without a jump.
      finger.joined = true;
      finger.last = point;
      return null;
    }
    const joined = [...this.fingers.entries()].filter(([, f]) => f.joined);
    const before = joined.map(([, f]) => f.last);
    const after = joined.map(([fingerId, f]) => (fingerId === id ? point : f.last));
    finger.last = point;
    const from = centroid(before);
    const to = centroid(after);
    let scale = 1;
    if (joined.length >= 2) {
      const spreadBefore = spread(before, from);
      const spreadAfter = spread(after, to);
      if (spreadBefore > 0 && spreadAfter > 0) scale = spreadAfter / spreadBefore;
    }
    return { pan: [to[0] - from[0], to[1] - from[1]], scale, anchor: to };
  }

  /** Lifts the finger; true when it was a tap. */
  up(id: number, point: ScreenPoint, time: number): boolean {
    const finger = this.fingers.get(id);
    if (!finger) return false;
    this.fingers.delete(id);
    const wandered = Math.hypot(point[0] - finger.start[0], point[1] - finger.start[1]) > this.options.tapSlop;
    return !finger.joined && !wandered && time - finger.downAt <= this.options.tapMs;
  }

  cancel(id: number): void {
    this.fingers.delete(id);
  }
}
