import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { TaskCountsDto, TaskFilterDto, TaskPageDto, TaskQueryDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('uppgifter')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Min inkorg: uppgifter till mig eller till min roll i mina enheter' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400, 401)
  inbox(@CurrentUser() user: Principal, @Query() query: TaskQueryDto): Promise<TaskPageDto> {
    return this.tasks.inbox(user, query);
  }

  @Get('counts')
  @ApiOperation({
    summary: 'Hur många uppgifter min inkorg har, per slag och försenade, med samma filter som inkorgen',
  })
  @ApiOkResponse({ type: TaskCountsDto })
  @ApiProblems(400, 401)
  counts(@CurrentUser() user: Principal, @Query() query: TaskFilterDto): Promise<TaskCountsDto> {
    return this.tasks.counts(user, query);
  }
}
