import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  ContributionGeometry,
  ContributionSource,
  ContributionStatus,
  MapConfiguration,
  MultiPolygon,
  PhaseKind,
  Point,
  ProcedureSettings,
  Translations,
} from '@stadtdialog/shared/contract';

/** Entities serve writes and admin CRUD; public reads are SQL over the public_* views. */

@Entity('procedures')
export class ProcedureEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() slug!: string;
  @Column() title!: string;
  @Column() summary!: string;
  @Column() description!: string;
  @Column({ name: 'planning_area', type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326, nullable: true })
  planningArea!: MultiPolygon | null;
  @Column({ name: 'map_config', type: 'jsonb' }) mapConfig!: MapConfiguration;
  @Column({ type: 'jsonb' }) settings!: ProcedureSettings;
  @Column() internal!: boolean;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'jsonb', default: {} }) translations!: Translations<string>;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('phases')
export class PhaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column({ type: 'text' }) kind!: PhaseKind;
  @Column() title!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'jsonb', default: {} }) translations!: Translations<string>;
}

@Entity('categories')
export class CategoryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column() name!: string;
  @Column() colour!: string;
  @Column() icon!: string;
  @Column() position!: number;
  @Column({ type: 'jsonb', default: {} }) translations!: Translations<string>;
}

@Entity('rubrics')
export class RubricEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column() kind!: string;
  @Column() name!: string;
  @Column() position!: number;
  @Column({ type: 'jsonb', default: {} }) translations!: Translations<string>;
}

@Entity('participants')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash!: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('contributions')
export class ContributionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column({ name: 'category_id', type: 'uuid' }) categoryId!: string;
  @Column({ name: 'rubric_id', type: 'uuid' }) rubricId!: string;
  @Column({ name: 'participant_id', type: 'uuid', nullable: true }) participantId!: string | null;
  @Column() title!: string;
  @Column() body!: string;
  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326, nullable: true })
  geom!: ContributionGeometry | null;
  @Column({ type: 'text' }) status!: ContributionStatus;
  @Column({ type: 'text' }) source!: ContributionSource;
  @Column({ name: 'ratings_up', insert: false, update: false }) ratingsUp!: number;
  @Column({ name: 'ratings_down', insert: false, update: false }) ratingsDown!: number;
  @Column({ name: 'comment_count', insert: false, update: false }) commentCount!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('comments')
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'contribution_id', type: 'uuid' }) contributionId!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ name: 'participant_id', type: 'uuid', nullable: true }) participantId!: string | null;
  @Column({ name: 'planner_id', type: 'uuid', nullable: true }) plannerId!: string | null;
  @Column() body!: string;
  @Column() official!: boolean;
  @Column({ type: 'text' }) status!: ContributionStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('ratings')
export class RatingEntity {
  @PrimaryColumn({ name: 'contribution_id', type: 'uuid' }) contributionId!: string;
  @PrimaryColumn({ name: 'participant_id', type: 'uuid' }) participantId!: string;
  @Column({ type: 'smallint' }) value!: 1 | -1;
}

@Entity('reports')
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'participant_id', type: 'uuid', nullable: true }) participantId!: string | null;
  @Column({ name: 'contribution_id', type: 'uuid', nullable: true }) contributionId!: string | null;
  @Column({ name: 'comment_id', type: 'uuid', nullable: true }) commentId!: string | null;
  @Column() reason!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
}

@Entity('appointments')
export class AppointmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column() title!: string;
  @Column() description!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column() place!: string;
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true }) location!: Point | null;
}

@Entity('planners')
export class PlannerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() email!: string;
  @Column({ name: 'display_name' }) displayName!: string;
  @Column({ name: 'password_hash', select: false }) passwordHash!: string;
  @Column({ name: 'is_admin' }) isAdmin!: boolean;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('procedure_memberships')
export class ProcedureMembershipEntity {
  @PrimaryColumn({ name: 'planner_id', type: 'uuid' }) plannerId!: string;
  @PrimaryColumn({ name: 'procedure_id', type: 'uuid' }) procedureId!: string;
  @Column({ type: 'text' }) role!: 'manager' | 'moderator';
}

@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column() action!: string;
  @Column({ name: 'entity_type' }) entityType!: string;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId!: string | null;
  @Column({ name: 'procedure_id', type: 'uuid', nullable: true }) procedureId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb', nullable: true }) after!: unknown;
}

export const ENTITIES = [
  ProcedureEntity, PhaseEntity, CategoryEntity, RubricEntity, ParticipantEntity, ContributionEntity,
  CommentEntity, RatingEntity, ReportEntity, AppointmentEntity, PlannerEntity,
  ProcedureMembershipEntity, AuditEntryEntity,
];
