import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { PublicFeedbackRateLimitGuard } from './public-feedback-rate-limit.guard';
import { PublicFeedbackController } from './public-feedback.controller';
import { PublicFeedbackService } from './public-feedback.service';

@Module({
  imports: [AttachmentsModule],
  controllers: [PublicFeedbackController],
  providers: [PublicFeedbackService, PublicFeedbackRateLimitGuard],
})
export class PublicFeedbackModule {}
