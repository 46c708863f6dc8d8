import { Module } from '@nestjs/common';
import { MyContributionsController } from './my-contributions.controller';
import { MyContributionsService } from './my-contributions.service';

@Module({ controllers: [MyContributionsController], providers: [MyContributionsService] })
export class MyContributionsModule {}
