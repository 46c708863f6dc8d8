import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_PROCEDURE_SETTINGS, ParticipationWrite, PhaseKind, ProcedureSettings } from '@stadtdialog/shared/contract';
import { IdempotencyConflict } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';

/** A public procedure as the participation writes see it. */
export interface ProcedureForWrite {
  id: string;
  settings: ProcedureSettings;
  /** a phase of the kinds asked for (by default: participation) runs now */
  open: boolean;
}

/**
 * The public procedure (404 otherwise) with its settings merged over the defaults, and whether one
 * of its phases of `openIn` runs now (variants take part in the participation and conception phases).
 */
export async function procedureForWrite(
  manager: EntityManager,
  slug: string,
  openIn: readonly PhaseKind[] = ['participation'],
): Promise<ProcedureForWrite> {
  const [row] = await manager.query(
    `SELECT p.id, p.settings,
            EXISTS (SELECT 1 FROM phases ph WHERE ph.procedure_id = p.id AND ph.kind = ANY($2::text[])
                      AND now() >= ph.starts_at AND now() < ph.ends_at) AS open
     FROM public_procedures p WHERE p.slug = $1`,
    [slug, openIn],
  );
  if (!row) throw new NotFoundException(`There is no public procedure "${slug}"`);
  return { id: row.id, settings: { ...DEFAULT_PROCEDURE_SETTINGS, ...row.settings }, open: row.open };
}

/** 409 outside the participation phase: what residents write belongs to that phase. */
export function requireOpen(procedure: ProcedureForWrite, what: ParticipationWrite): void {
  if (!procedure.open) {
    throw new ProblemException(
      'participation_closed',
      `${what[0].toUpperCase()}${what.slice(1)} can be made only while the procedure's participation phase runs.`,
      { params: { what } },
    );
  }
}

/** The id of a published contribution of the procedure, else 404: only public content takes part. */
export async function requirePublicContribution(manager: EntityManager, procedureId: string, contributionId: string): Promise<void> {
  const rows = await manager.query(`SELECT 1 FROM public_contributions WHERE id = $1 AND procedure_id = $2`, [
    contributionId,
    procedureId,
  ]);
  if (!rows.length) throw new NotFoundException('There is no such contribution in this procedure');
}

/** A reused Idempotency-Key with another body is the client's mistake: 422 naming the header. */
export function idempotencyProblem(error: unknown): unknown {
  if (error instanceof IdempotencyConflict) {
    return new ProblemException('validation_failed', error.message, {
      errors: [{ field: 'Idempotency-Key', code: 'key_reused', message: error.message }],
    });
  }
  return error;
}
