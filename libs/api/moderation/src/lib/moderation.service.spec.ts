import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { BulkModerationDto } from './dto/moderation.dto';
import { TRANSITIONS, decodeCursor, encodeCursor } from './moderation.service';

describe('moderation rules', () => {
  it('unhides only hidden items, and never hides a rejected one back into view', () => {
    expect(TRANSITIONS.unhide.from).toEqual(['hidden']);
    expect(TRANSITIONS.hide.from).not.toContain('rejected');
    expect(TRANSITIONS.approve.to).toBe('published');
  });

  it('round-trips the queue cursor with microseconds and refuses anything else', () => {
    const at = '2026-11-28T10:00:00.123456Z';
    const id = '6f9b1c2e-0d4a-4c7b-9e1f-2a3b4c5d6e7f';
    expect(decodeCursor(encodeCursor(at, id))).toEqual([at, id]);
    expect(() => decodeCursor('bm90IGEgY3Vyc29y')).toThrow();
    expect(() => decodeCursor(encodeCursor('yesterday', id))).toThrow();
  });

  it('takes at most 100 items in one bulk decision', async () => {
    const items = Array.from({ length: 101 }, () => ({ kind: 'contribution', id: '6f9b1c2e-0d4a-4c7b-9e1f-2a3b4c5d6e7f' }));
    const tooMany = await validate(plainToInstance(BulkModerationDto, { action: 'hide', items }));
    expect(tooMany.map((e) => e.property)).toEqual(['items']);
    const unhide = await validate(plainToInstance(BulkModerationDto, { action: 'unhide', items: items.slice(0, 1) }));
    expect(unhide.map((e) => e.property)).toEqual(['action']);
  });
});
