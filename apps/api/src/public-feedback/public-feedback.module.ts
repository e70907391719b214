import { Module } from '@nestjs/common';
import { PublicFeedbackRateLimitGuard } from './public-feedback-rate-limit.guard';
import { PublicFeedbackController } from './public-feedback.controller';
import { PublicFeedbackService } from './public-feedback.service';

@Module({
  controllers: [PublicFeedbackController],
  providers: [PublicFeedbackService, PublicFeedbackRateLimitGuard],
})
export class PublicFeedbackModule {}
