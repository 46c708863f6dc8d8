import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AccessModule } from '@stadtdialog/api/access';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { InformationService } from './information.service';
import { UploadsService } from './uploads.service';
import { VariantParticipationService } from './variant-participation.service';
import {
  PublicFilesController,
  PublicVariantsController,
  UploadsController,
  WorkspaceInformationController,
  WorkspaceVariantsController,
} from './variants.controller';
import { VariantsService } from './variants.service';

/** Planning variants, uploads, documents, FAQ and contacts; residents' ratings and comments on variants. */
@Module({
  imports: [
    AccessModule,
    // One file per request, held in memory up to UPLOAD_MAX_MB: multer stops reading beyond it (413).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      }),
    }),
  ],
  controllers: [UploadsController, WorkspaceVariantsController, WorkspaceInformationController, PublicVariantsController, PublicFilesController],
  providers: [UploadsService, VariantsService, InformationService, VariantParticipationService],
})
export class VariantsModule {}
