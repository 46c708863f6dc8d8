import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { CONTRIBUTION_STATUSES, OwnContributions } from '@stadtdialog/shared/contract';
import { ApiParticipantToken, ref, translations } from '@stadtdialog/api/http';
import { ParticipantToken } from '@stadtdialog/api/participation';
import { MyContributionsService } from './my-contributions.service';

const text = { type: 'string' } as const;
const nullableText = { type: 'string', nullable: true } as const;
const time = { type: 'string', format: 'date-time' } as const;
const status = { type: 'string', enum: [...CONTRIBUTION_STATUSES] } as const;
const procedure = { type: 'object', required: ['slug', 'title', 'translations'], properties: { slug: text, title: text, translations: translations('title', 'summary', 'description') } };
const object = (properties: Record<string, object>) => ({ type: 'object', required: Object.keys(properties), properties });
const geometry = { ...ref('ContributionGeometry'), nullable: true };

const SCHEMA = object({
  contributions: {
    type: 'array',
    items: object({
      id: { type: 'string', format: 'uuid' }, procedure, title: text, text, category: text, rubric: text,
      categoryTranslations: translations('name'), rubricTranslations: translations('name'), geometry, status,
      moderationReason: nullableText,
      edit: {
        ...object({
          original: object({ title: text, text, category: nullableText, rubric: nullableText, geometry }),
          reason: nullableText,
        }),
        nullable: true,
        description: 'set when a moderator edited the contribution: the participant\'s original and the reason',
      },
      notification: { type: 'string', enum: ['pending', 'confirmed'], nullable: true, description: 'e-mail about it was asked for (pending) or confirmed' },
      commentCount: { type: 'integer', nullable: true }, createdAt: time, updatedAt: time,
    }),
  },
  comments: {
    type: 'array',
    items: object({
      id: { type: 'string', format: 'uuid' }, procedure, contributionId: { type: 'string', format: 'uuid' },
      contributionTitle: { ...nullableText, description: 'null once that contribution is no longer public' },
      reply: { type: 'boolean' }, text, status, moderationReason: nullableText, createdAt: time,
    }),
  },
});

@Controller('v1/me')
export class MyContributionsController {
  constructor(private readonly mine: MyContributionsService) {}

  @Get('contributions')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '"Meine Beiträge": the caller\'s own contributions and comments, every status, with the moderators\' reasons and edits',
    description: 'Found by the participant token alone; without a known token both lists are empty. Newest first, at most 500 each.',
  })
  @ApiParticipantToken({ purpose: 'Whose contributions and comments to list.' })
  @ApiResponse({ status: 200, description: 'the participant\'s own', content: { 'application/json': { schema: SCHEMA } } })
  list(@ParticipantToken() token: string | undefined): Promise<OwnContributions> {
    return this.mine.list(token);
  }
}
