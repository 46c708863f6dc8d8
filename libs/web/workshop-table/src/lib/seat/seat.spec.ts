import { nearestSeat, Seat } from './seat';

describe('Seat', () => {
  it('builds the contribution from its draft', () => {
    const seat = new Seat(0, 'bottom');
    expect(seat.contribution()).toBeNull();
    seat.categoryId.set('c');
    seat.rubricId.set('r');
    seat.setField('title', ' Bank ');
    seat.setField('text', 'Hier fehlt eine Bank.');
    seat.place({ type: 'Point', coordinates: [9.9, 53.5] });
    expect(seat.contribution()).toEqual({
      title: 'Bank',
      text: 'Hier fehlt eine Bank.',
      categoryId: 'c',
      rubricId: 'r',
      geometry: { type: 'Point', coordinates: [9.9, 53.5] },
    });
  });

  it('taps place a point at once, or collect vertices of a line or polygon', () => {
    const seat = new Seat(1, 'top');
    seat.placing.set('Point');
    seat.addTap([1, 2]);
    expect(seat.geometry()).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(seat.placing()).toBeNull();

    seat.placing.set('Polygon');
    seat.addTap([0, 0]);
    seat.addTap([1, 0]);
    expect(seat.finishShape()).toBe(false);
    seat.addTap([1, 1]);
    expect(seat.finishShape()).toBe(true);
    expect(seat.geometry()).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
  });

  it('a reset gives the seat a new participant and clears everything of the previous person', () => {
    const seat = new Seat(0, 'left');
    const first = seat.participant();
    seat.step.set('review');
    seat.setField('title', 'x');
    seat.mine.set(new Set(['c1']));
    seat.overlay.set({ kind: 'detail', id: 'c1' });
    expect(seat.inUse()).toBe(true);
    seat.reset();
    expect(seat.participant()).not.toBe(first);
    expect(seat.fields().title).toBe('');
    expect(seat.mine().size).toBe(0);
    expect(seat.inUse()).toBe(false);
  });
});

describe('nearestSeat', () => {
  const seats = (['bottom', 'right', 'top', 'left'] as const).map((side) => ({ side }));
  it('picks the seat whose edge is closest to the point', () => {
    expect(nearestSeat(seats, [960, 1000], [1920, 1080])?.side).toBe('bottom');
    expect(nearestSeat(seats, [1850, 500], [1920, 1080])?.side).toBe('right');
    expect(nearestSeat(seats, [900, 60], [1920, 1080])?.side).toBe('top');
    expect(nearestSeat(seats, [40, 600], [1920, 1080])?.side).toBe('left');
    expect(nearestSeat([], [0, 0], [1, 1])).toBeNull();
  });
});
