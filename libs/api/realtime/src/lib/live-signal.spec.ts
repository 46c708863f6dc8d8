import { InProcessSignal } from './live-signal';

describe('InProcessSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('turns a burst of writes into one look for new events, and looks now and then without writes', async () => {
    const signal = new InProcessSignal(2000);
    const seen: (string[] | null)[] = [];
    await signal.start((ids) => seen.push(ids));
    signal.nudge();
    signal.nudge();
    signal.nudge();
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(10);
    expect(seen).toEqual([null]);
    jest.advanceTimersByTime(2000);
    expect(seen).toEqual([null, null]);
    await signal.stop();
    signal.nudge();
    jest.advanceTimersByTime(5000);
    expect(seen).toHaveLength(2);
  });
});
