import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReadDeadLetters } from '../access/access-policy';
import { Authorize } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { DeadLetterSummaryDto } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('drift')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get('dead-letters')
  @Authorize(canReadDeadLetters)
  @ApiOperation({
    summary: 'Händelser som inte kunde hanteras och ännu inte spelats upp igen (kvalitetssamordnare)',
    description: 'Bara antal och datum per konsument; innehåll och felmeddelanden visas inte här.',
  })
  @ApiOkResponse({ type: DeadLetterSummaryDto })
  @ApiProblems(400, 401, 403)
  deadLetterSummary(): Promise<DeadLetterSummaryDto> {
    return this.deadLetters.summary();
  }
}
