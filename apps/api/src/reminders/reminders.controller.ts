import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ReminderPageDto, ReminderQueryDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('uppgifter')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOperation({ summary: 'Mina påminnelser om frister: till mig eller till min roll i mina enheter' })
  @ApiOkResponse({ type: ReminderPageDto })
  @ApiProblems(400, 401)
  inbox(@CurrentUser() user: Principal, @Query() query: ReminderQueryDto): Promise<ReminderPageDto> {
    return this.reminders.inbox(user, query);
  }
}
