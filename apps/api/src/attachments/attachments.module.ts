import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditModule } from '../audit/audit.module';
import { CaseAccessGuard } from '../cases/case-access.guard';
import { CaseAccessService } from '../cases/case-access.service';
import type { ApiConfig } from '../config/api-config.schema';
import { PublicFeedbackRateLimitGuard } from '../public-feedback/public-feedback-rate-limit.guard';
import { ATTACHMENT_REMOVAL_INTERVAL_MS, AttachmentObjectRemover } from './attachment-object-remover';
import { attachmentStorageFor } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_STORAGE,
  AttachmentsService,
  MALWARE_SCANNER,
} from './attachments.service';
import { malwareScannerFor } from './malware-scanner';

@Module({
  imports: [AuditModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    AttachmentObjectRemover,
    {
      provide: ATTACHMENT_REMOVAL_INTERVAL_MS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) =>
        config.get('ATTACHMENTS_REMOVAL_INTERVAL_SECONDS', { infer: true }) * 1000,
    },
    CaseAccessService,
    CaseAccessGuard,
    PublicFeedbackRateLimitGuard,
    {
      provide: ATTACHMENT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) => attachmentStorageFor(readConfig(config)),
    },
    {
      provide: MALWARE_SCANNER,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) => malwareScannerFor(readConfig(config)),
    },
    {
      provide: ATTACHMENT_MAX_BYTES,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) =>
        config.get('ATTACHMENTS_MAX_BYTES', { infer: true }),
    },
  ],
  exports: [AttachmentsService, AttachmentObjectRemover],
})
export class AttachmentsModule {}

function readConfig(config: ConfigService<ApiConfig, true>) {
  const get = <K extends keyof ApiConfig>(key: K) => config.get(key, { infer: true });
  return {
    ATTACHMENTS_MAX_BYTES: get('ATTACHMENTS_MAX_BYTES'),
    ATTACHMENTS_S3_BUCKET: get('ATTACHMENTS_S3_BUCKET'),
    ATTACHMENTS_S3_ENDPOINT: get('ATTACHMENTS_S3_ENDPOINT'),
    ATTACHMENTS_S3_REGION: get('ATTACHMENTS_S3_REGION'),
    ATTACHMENTS_S3_ACCESS_KEY_ID: get('ATTACHMENTS_S3_ACCESS_KEY_ID'),
    ATTACHMENTS_S3_SECRET_ACCESS_KEY: get('ATTACHMENTS_S3_SECRET_ACCESS_KEY'),
    ATTACHMENTS_S3_FORCE_PATH_STYLE: get('ATTACHMENTS_S3_FORCE_PATH_STYLE'),
    ATTACHMENTS_S3_PREFIX: get('ATTACHMENTS_S3_PREFIX'),
    ATTACHMENTS_SCAN: get('ATTACHMENTS_SCAN'),
    ATTACHMENTS_CLAMAV_DATABASE: get('ATTACHMENTS_CLAMAV_DATABASE'),
    ATTACHMENTS_REMOVAL_INTERVAL_SECONDS: get('ATTACHMENTS_REMOVAL_INTERVAL_SECONDS'),
  };
}
