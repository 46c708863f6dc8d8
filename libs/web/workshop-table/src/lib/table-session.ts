/** Header with which the table sends its link's secret on every request. */
export const TABLE_KEY_HEADER = 'X-Table-Key';

export type SeatSide = 'bottom' | 'right' | 'top' | 'left';

/** `GET /api/v1/table`: what the table needs to start. */
export interface TableSession {
  workshop: {
    id: string;
    title: string;
    seats: { side: SeatSide }[];
    idleSeconds: number;
    appointment: { id: string; title: string; startsAt: string; endsAt: string | null };
  };
  procedure: { slug: string; title: string };
}
