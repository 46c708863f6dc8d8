/** Header with which a workshop table sends its table link's secret on every request. */
export const TABLE_KEY_HEADER = 'X-Table-Key';

/** Where a seat panel sits along the table's edge; the panel is turned to face that side. */
export const SEAT_SIDES = ['bottom', 'right', 'top', 'left'] as const;
export type SeatSide = (typeof SEAT_SIDES)[number];

export interface WorkshopSeat {
  side: SeatSide;
}

export const WORKSHOP_LIMITS = {
  maxSeats: 4,
  titleMaxLength: 120,
  minIdleSeconds: 30,
  maxIdleSeconds: 3600,
  defaultIdleSeconds: 180,
} as const;

/** active: the link works; revoked: a manager ended it; expired: the appointment's day is over. */
export const WORKSHOP_STATES = ['active', 'revoked', 'expired'] as const;
export type WorkshopState = (typeof WORKSHOP_STATES)[number];

export interface WorkshopAppointment {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
}

/** A workshop as its planners see it; the link's secret is never part of it. */
export interface Workshop {
  id: string;
  procedureId: string;
  title: string;
  seats: WorkshopSeat[];
  idleSeconds: number;
  appointment: WorkshopAppointment;
  /** end of the appointment's day, Europe/Berlin */
  linkExpiresAt: string;
  revokedAt: string | null;
  state: WorkshopState;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
  /** contributions made at this workshop (table and phone hand-off), any status */
  contributionCount: number;
}

/**
 * The answer to opening a workshop or asking for a new link: the only time the table link is shown.
 * `tableUrl` is null on the replay of a request with the same Idempotency-Key, because the secret is
 * not stored: ask for a new link then.
 */
export interface WorkshopWithLink extends Workshop {
  tableUrl: string | null;
}

export interface NewWorkshop {
  appointmentId: string;
  /** defaults to the appointment's title */
  title?: string;
  /** one to four seats, each side at most once */
  seats: WorkshopSeat[];
  idleSeconds?: number;
}

export interface WorkshopChange {
  title?: string;
  seats?: WorkshopSeat[];
  idleSeconds?: number;
}

export interface WorkshopList {
  items: Workshop[];
}

/** `GET /api/v1/table` with a valid X-Table-Key: what the table needs to start. */
export interface TableSession {
  workshop: {
    id: string;
    title: string;
    seats: WorkshopSeat[];
    idleSeconds: number;
    appointment: WorkshopAppointment;
  };
  procedure: { slug: string; title: string };
}
