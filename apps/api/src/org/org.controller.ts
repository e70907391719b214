import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ORGANISATION } from './organisation.instance';
import { OrgUnitsDto } from './org.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  @Get('units')
  @ApiOperation({ summary: 'Enhetsträdet' })
  @ApiOkResponse({ type: OrgUnitsDto })
  @ApiProblems(400, 401)
  units(): OrgUnitsDto {
    return { items: ORGANISATION.tree() };
  }
}
