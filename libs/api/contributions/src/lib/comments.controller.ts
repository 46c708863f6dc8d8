import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Comment, PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { CommentsService } from './comments.service';
import { CreateCommentDto } from './dto/create-comment.dto';
import { Idempotent, IdempotentRequest, ParticipantToken } from './participation-headers';

@Controller('v1/procedures/:slug/contributions/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  async create(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: CreateCommentDto,
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Comment> {
    const result = await this.comments.create(slug, id, dto, { ...idempotent, participantToken });
    response.status(result.status);
    if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }
}
