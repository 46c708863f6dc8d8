import { Module } from '@nestjs/common';
import { OgcController } from './ogc.controller';
import { OgcService } from './ogc.service';

/** Open data: OGC API – Features over the public views. */
@Module({ controllers: [OgcController], providers: [OgcService] })
export class OpenDataModule {}
