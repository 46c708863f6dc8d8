import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  Comment,
  Contribution,
  ContributionDetail,
  DEFAULT_PROCEDURE_SETTINGS,
  ProcedureSettings,
} from '@stadtdialog/shared/contract';
import { ParticipantTokens } from '@stadtdialog/api/db';
import { COMMENT_JSON } from './comment-json';
import { CONTRIBUTION_JSON } from './contributions.service';

const CONTRIBUTION_COLUMNS = `id, procedure_id, category_id, rubric_id, participant_id, title, body, geom, source, workshop_id,
  ratings_up, ratings_down, comment_count, created_at, updated_at`;

/**
 * One contribution with its rating and comment thread, in one statement (one snapshot). Public
 * content comes from the public views; the one exception is the author's own pending contribution.
 */
const DETAIL_SQL = `
  WITH c AS (
    SELECT ${CONTRIBUTION_COLUMNS}, 'published'::text AS status FROM public_contributions WHERE id = $2
    UNION ALL
    SELECT ${CONTRIBUTION_COLUMNS}, status FROM contributions
    WHERE id = $2 AND status = 'pending' AND participant_id = $3::uuid
  ),
  m AS (SELECT * FROM public_comments WHERE contribution_id = $2),
  replies AS (
    SELECT m.parent_id, json_agg(${COMMENT_JSON} ORDER BY m.created_at, m.id) AS list
    FROM m WHERE m.parent_id IS NOT NULL GROUP BY m.parent_id
  )
  SELECT ${CONTRIBUTION_JSON} AS contribution, p.settings,
         coalesce(c.participant_id = $3::uuid, false) AS mine,
         (SELECT r.value FROM ratings r WHERE r.contribution_id = c.id AND r.participant_id = $3::uuid) AS own,
         (SELECT coalesce(json_agg(
                   (${COMMENT_JSON})::jsonb || jsonb_build_object('replies', coalesce(replies.list, '[]'::json))
                   ORDER BY m.created_at, m.id), '[]'::json)
          FROM m LEFT JOIN replies ON replies.parent_id = m.id
          WHERE m.parent_id IS NULL) AS comments
  FROM c JOIN public_procedures p ON p.id = c.procedure_id
  WHERE p.slug = $1`;

interface DetailRow {
  contribution: Contribution;
  settings: Partial<ProcedureSettings>;
  mine: boolean;
  own: 1 | -1 | null;
  comments: Comment[];
}

@Injectable()
export class ContributionDetailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  /**
   * Published contributions for everybody, a pending one also for its author. What the procedure
   * hides (settings comments/ratings = 'hidden') is left out: counts are null, the thread is empty.
   */
  async detail(slug: string, id: string, participantToken: string | undefined): Promise<ContributionDetail> {
    const participantId = await this.participants.find(participantToken);
    const [row]: DetailRow[] = await this.dataSource.query(DETAIL_SQL, [slug, id, participantId]);
    if (!row) throw new NotFoundException('There is no such contribution in this procedure');
    const settings = { ...DEFAULT_PROCEDURE_SETTINGS, ...row.settings };
    const ratingsShown = settings.ratings !== 'hidden';
    const commentsShown = settings.comments !== 'hidden';
    const contribution: Contribution = {
      ...row.contribution,
      ratingsUp: ratingsShown ? row.contribution.ratingsUp : null,
      ratingsDown: ratingsShown ? row.contribution.ratingsDown : null,
      commentCount: commentsShown ? row.contribution.commentCount : null,
    };
    return {
      ...contribution,
      rating: { up: contribution.ratingsUp, down: contribution.ratingsDown, own: row.own },
      comments: commentsShown ? row.comments : [],
      mine: row.mine,
    };
  }
}
