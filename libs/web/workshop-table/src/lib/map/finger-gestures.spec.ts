import { FingerGestures } from './finger-gestures';

const options = { tapSlop: 10, tapMs: 300 };

describe('FingerGestures', () => {
  it('one finger pans by what it moved, after leaving the tap slop', () => {
    const gestures = new FingerGestures(options);
    gestures.down(1, [100, 100], 0);
    expect(gestures.move(1, [105, 100], 10)).toBeNull();
    expect(gestures.move(1, [130, 100], 20)).toBeNull(); // joins here
    expect(gestures.move(1, [150, 90], 30)).toEqual({ pan: [20, -10], scale: 1, anchor: [150, 90] });
    expect(gestures.up(1, [150, 90], 40)).toBe(false);
  });

  it('two moving fingers pinch: spreading them apart zooms in around their centre', () => {
    const gestures = new FingerGestures(options);
    gestures.down(1, [100, 100], 0);
    gestures.down(2, [200, 100], 0);
    gestures.move(1, [80, 100], 10);
    gestures.move(2, [220, 100], 10);
    const step = gestures.move(1, [50, 100], 20);
    expect(step?.scale).toBeCloseTo(170 / 140);
    expect(step?.anchor).toEqual([135, 100]);
  });

  it('a quick still finger is a tap, even while another finger drags', () => {
    const gestures = new FingerGestures(options);
    gestures.down(1, [100, 100], 0);
    gestures.move(1, [140, 100], 10);
    gestures.down(2, [400, 400], 20);
    const drag = gestures.move(1, [180, 100], 30);
    // the resting second finger does not turn the drag into a pinch
    expect(drag).toEqual({ pan: [40, 0], scale: 1, anchor: [180, 100] });
    expect(gestures.up(2, [402, 401], 120)).toBe(true);
    expect(gestures.move(1, [200, 100], 130)).toEqual({ pan: [20, 0], scale: 1, anchor: [200, 100] });
  });

  it('a finger held longer than a tap, or moved away, is no tap', () => {
    const gestures = new FingerGestures(options);
    gestures.down(1, [0, 0], 0);
    expect(gestures.up(1, [0, 0], 500)).toBe(false);
    gestures.down(2, [0, 0], 0);
    expect(gestures.up(2, [30, 0], 100)).toBe(false);
  });

  it('ignores fingers it never saw go down (they went down elsewhere)', () => {
    const gestures = new FingerGestures(options);
    expect(gestures.move(7, [10, 10], 0)).toBeNull();
    expect(gestures.up(7, [10, 10], 10)).toBe(false);
    expect(gestures.count).toBe(0);
  });
});
