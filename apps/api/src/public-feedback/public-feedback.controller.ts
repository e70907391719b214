import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { IdempotentId, RecoverableCreate } from '../idempotency/idempotent-create.decorator';
import { PublicFeedbackRateLimitGuard } from './public-feedback-rate-limit.guard';
import { PublicFeedbackDto, PublicFeedbackReceiptDto } from './public-feedback.dto';
import { PublicFeedbackService } from './public-feedback.service';

@ApiTags('allmänheten')
@Controller('public')
export class PublicFeedbackController {
  constructor(private readonly feedback: PublicFeedbackService) {}

  @Post('feedback')
  @Public()
  @HttpCode(202)
  @UseGuards(PublicFeedbackRateLimitGuard)
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({ summary: 'Klagomål, synpunkt eller beröm från allmänheten (utan inloggning)' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiAcceptedResponse({ type: PublicFeedbackReceiptDto, description: 'Mottaget; reference är ärendenumret' })
  @ApiProblems(400, 413, 415, 422, 429)
  submit(
    @Body() body: PublicFeedbackDto,
    @ReqInfo() info: RequestInfo,
    @IdempotentId() caseId: string | undefined,
  ): Promise<PublicFeedbackReceiptDto> {
    return this.feedback.submit(body, info, caseId);
  }
}
