import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { Comment } from '@stadtdialog/shared/contract';
import {
  ApiIdempotencyKey,
  ApiJsonResponse,
  ApiParticipantToken,
  ApiProblems,
  ApiWriteProblems,
  TableKeyAccepted,
  WRITE_RESPONSE_HEADERS,
  ref,
} from '@stadtdialog/api/http';
import { CommentsService } from './comments.service';
import { CreateCommentDto } from './dto/create-comment.dto';
import { Idempotent, IdempotentRequest, ParticipantToken, sendParticipantWrite } from '@stadtdialog/api/participation';

@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@ApiParam({ name: 'id', description: 'the contribution', format: 'uuid' })
@Controller('v1/procedures/:slug/contributions/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @TableKeyAccepted()
  @ApiOperation({ summary: 'Comment on a published contribution, or reply to a top-level comment' })
  @ApiBody({ schema: ref('NewComment') })
  @ApiIdempotencyKey()
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(201, 'Comment', 'created (status pending under pre-moderation)', { headers: WRITE_RESPONSE_HEADERS })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async create(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: CreateCommentDto,
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Comment> {
    const result = await this.comments.create(slug, id, dto, { ...idempotent, participantToken });
    return sendParticipantWrite(response, result);
  }
}
