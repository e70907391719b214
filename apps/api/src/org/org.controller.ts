import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgUnitNode } from '@kvalitet/domain';
import { BOARD_WIDE_READERS } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ORGANISATION } from './organisation.instance';
import { BoardsDto, OrgUnitDto, OrgUnitsDto } from './org.dto';

const BOARD_ROLES: readonly string[] = [...BOARD_WIDE_READERS, 'data_protection_officer'];

function unitDto(node: OrgUnitNode): OrgUnitDto {
  return {
    id: node.id,
    name: node.name,
    parentId: node.parentId,
    boardId: node.boardId ?? '',
    forvaltningId: node.forvaltningId ?? '',
    legalAreas: [...(node.legalAreas ?? [])],
    inLedningssystem: node.inLedningssystem ?? true,
    exclusionAnalysis: node.exclusionAnalysis ?? null,
    children: node.children.map(unitDto),
  };
}

/** The organisation (ADR 0030): public facts of the municipality, read by every signed-in user. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  @Get('units')
  @ApiOperation({
    summary: 'Enhetsträdet med nämnd, förvaltning, lagområden och ledningssystemets omfattning',
  })
  @ApiOkResponse({ type: OrgUnitsDto })
  @ApiProblems(400, 401)
  units(): OrgUnitsDto {
    return { items: ORGANISATION.tree().map(unitDto) };
  }

  @Get('boards')
  @ApiOperation({ summary: 'Nämnderna med lagområden, förvaltningar, enheter och nämndövergripande roller' })
  @ApiOkResponse({ type: BoardsDto })
  @ApiProblems(400, 401)
  boards(@CurrentUser() user: Principal): BoardsDto {
    const mine = ORGANISATION.boardsOf(user);
    return {
      municipality: ORGANISATION.municipality,
      items: ORGANISATION.boards.map((board) => ({
        id: board.id,
        name: board.name,
        legalAreas: [...board.legalAreas],
        forvaltningar: ORGANISATION.forvaltningar
          .filter((f) => f.boardId === board.id)
          .map((f) => ({ id: f.id, name: f.name })),
        unitIds: ORGANISATION.units.filter((u) => u.boardId === board.id).map((u) => u.id),
        roleHolders: ORGANISATION.users.flatMap((holder) =>
          holder.boardIds.includes(board.id)
            ? holder.roles
                .filter((role) => BOARD_ROLES.includes(role))
                .map((role) => ({ role, username: holder.username, name: holder.name }))
            : [],
        ),
        mine: mine.includes(board.id),
      })),
    };
  }
}
