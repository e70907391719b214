import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { UserDirectory } from './user-directory.service';
import { UserPageDto, UserQueryDto } from './users.dto';

/** The user directory for pickers (issue 21, "People"): names, roles and units, no free text; every signed-in user. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly directory: UserDirectory) {}

  @Get()
  @ApiOperation({
    summary:
      'Personerna i organisationen (organisationsfilen och de som loggat in via identitetsleverantören), med namn, roller och enheter',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401)
  async list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const found = await this.directory.search(query);
    return {
      items: found
        .slice((page - 1) * pageSize, page * pageSize)
        .map((user) => ({ ...user, roles: [...user.roles], unitIds: [...user.unitIds] })),
      total: found.length,
      page,
      pageSize,
    };
  }
}
