import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PROCEDURE_SETTINGS, OwnComment, OwnContribution, OwnContributions } from '@stadtdialog/shared/contract';
import { ParticipantTokens } from '@stadtdialog/api/db';

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Enough for anyone's own; a participant with more sees the newest. */
const MAX_ITEMS = 500;

const CONTRIBUTIONS_SQL = `
  SELECT json_build_object(
    'id', c.id, 'procedure', json_build_object('slug', p.slug, 'title', p.title, 'translations', p.translations),
    'title', c.title, 'text', c.body, 'category', cat.name, 'rubric', r.name,
    'categoryTranslations', cat.translations, 'rubricTranslations', r.translations,
    'geometry', ST_AsGeoJSON(c.geom, 7)::json, 'status', c.status, 'moderationReason', c.moderation_reason,
    'edit', CASE WHEN c.original IS NULL THEN NULL ELSE json_build_object(
      'original', json_build_object(
        'title', c.original->>'title', 'text', c.original->>'text',
        'category', (SELECT name FROM categories WHERE id = (c.original->>'categoryId')::uuid),
        'rubric', (SELECT name FROM rubrics WHERE id = (c.original->>'rubricId')::uuid),
        'geometry', c.original->'geometry'),
      'reason', (SELECT nullif(a.after->>'reason', '') FROM audit_log a
                 WHERE a.entity_id = c.id AND a.action = 'contribution.edit' ORDER BY a.id DESC LIMIT 1)) END,
    'notification', (SELECT CASE WHEN s.confirmed_at IS NOT NULL THEN 'confirmed' ELSE 'pending' END FROM email_subscriptions s
                     WHERE s.contribution_id = c.id AND s.participant_id = $1 AND (s.confirmed_at IS NOT NULL OR s.confirm_expires_at > now())),
    'commentCount', CASE WHEN coalesce(p.settings->>'comments', $2) = 'hidden' THEN NULL ELSE c.comment_count END,
    'createdAt', ${ISO('c.created_at')}, 'updatedAt', ${ISO('c.updated_at')}) AS item
  FROM contributions c
  JOIN public_procedures p ON p.id = c.procedure_id
  JOIN categories cat ON cat.id = c.category_id
  JOIN rubrics r ON r.id = c.rubric_id
  WHERE c.participant_id = $1
  ORDER BY c.created_at DESC, c.id DESC
  LIMIT ${MAX_ITEMS}`;

const COMMENTS_SQL = `
  SELECT json_build_object(
    'id', m.id, 'procedure', json_build_object('slug', p.slug, 'title', p.title, 'translations', p.translations), 'contributionId', c.id,
    'contributionTitle', CASE WHEN c.participant_id = $1 OR EXISTS (SELECT 1 FROM public_contributions pc WHERE pc.id = c.id)
                              THEN c.title END,
    'reply', m.parent_id IS NOT NULL, 'text', m.body, 'status', m.status, 'moderationReason', m.moderation_reason,
    'createdAt', ${ISO('m.created_at')}) AS item
  FROM comments m
  JOIN contributions c ON c.id = m.contribution_id
  JOIN public_procedures p ON p.id = c.procedure_id
  WHERE m.participant_id = $1
  ORDER BY m.created_at DESC, m.id DESC
  LIMIT ${MAX_ITEMS}`;

/** A participant's own contributions and comments in the public procedures, newest first. */
@Injectable()
export class MyContributionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  async list(token: string | undefined): Promise<OwnContributions> {
    const participantId = await this.participants.find(token);
    if (!participantId) return { contributions: [], comments: [] };
    const [contributions, comments]: [{ item: OwnContribution }[], { item: OwnComment }[]] = await Promise.all([
      this.dataSource.query(CONTRIBUTIONS_SQL, [participantId, DEFAULT_PROCEDURE_SETTINGS.comments]),
      this.dataSource.query(COMMENTS_SQL, [participantId]),
    ]);
    return { contributions: contributions.map((r) => r.item), comments: comments.map((r) => r.item) };
  }
}
