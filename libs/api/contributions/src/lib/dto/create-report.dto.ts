import { IsDefined, IsOptional, IsString, IsUUID } from 'class-validator';
import type { NewReport } from '@stadtdialog/shared/contract';

/** Types only: one target (not two) and the reason's length are checked in the service. */
export class CreateReportDto implements NewReport {
  @IsOptional()
  @IsUUID('all', { message: 'contributionId must be the id (UUID) of a contribution of this procedure' })
  contributionId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'commentId must be the id (UUID) of a comment in this procedure' })
  commentId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'variantCommentId must be the id (UUID) of a comment on a variant of this procedure' })
  variantCommentId?: string;

  @IsDefined({ message: 'reason is required' })
  @IsString({ message: 'reason must be text' })
  reason!: string;
}
