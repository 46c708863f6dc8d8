import { phaseState, procedureState } from './phase-state';

const phase = { startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' };

describe('phaseState', () => {
  it('is upcoming before the start, open inside, closed from the end on', () => {
    expect(phaseState(phase, new Date('2026-02-28T23:59:59Z'))).toBe('upcoming');
    expect(phaseState(phase, new Date('2026-03-01T00:00:00Z'))).toBe('open');
    expect(phaseState(phase, new Date('2026-03-31T23:59:59Z'))).toBe('open');
    expect(phaseState(phase, new Date('2026-04-01T00:00:00Z'))).toBe('closed');
  });
});

describe('procedureState', () => {
  const later = { startsAt: '2026-05-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' };
  it('spans from the first start to the last end, gaps included', () => {
    expect(procedureState([later, phase], new Date('2026-01-01Z'))).toBe('upcoming');
    expect(procedureState([later, phase], new Date('2026-04-15Z'))).toBe('open');
    expect(procedureState([later, phase], new Date('2026-06-02Z'))).toBe('closed');
  });
  it('is closed without phases', () => {
    expect(procedureState([], new Date())).toBe('closed');
  });
});
