import type { ReportService } from '@kvalitet/reporting';
import { boardUnitsOf } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';

export interface ReportScope {
  /** The reports over the cases of the boards in scope. */
  readonly service: ReportService;
  /** `alla` for every board of the installation, otherwise the boards joined by `+`. */
  readonly scope: string;
  /** Appended to a period key for a copy of fewer than all boards (ADR 0030): `@socialnamnden`. */
  readonly keySuffix: string;
}

/**
 * The reports over the cases of one board the caller serves, or of all of them (DATA-3, ADR 0030):
 * an unknown board is 400, a board the caller does not serve 403.
 */
export function reportScopeFor(
  reports: ReportService,
  user: Principal,
  boardId: string | undefined,
): ReportScope {
  const serves = ORGANISATION.boardsOf(user);
  if (boardId !== undefined && !ORGANISATION.board(boardId))
    throw ApiProblem.validation([
      {
        field: 'boardId',
        code: 'UNKNOWN_BOARD',
        message: `Nämnden ${boardId} finns inte i organisationen.`,
      },
    ]);
  if (boardId !== undefined && !serves.includes(boardId))
    throw ApiProblem.forbidden('Du kan bara läsa rapporter om de nämnder du tjänar.');
  const boards = boardId !== undefined ? [boardId] : serves;
  if (!ORGANISATION.hasBoards) return { service: reports, scope: 'alla', keySuffix: '' };
  const names = boards.map((id) => ORGANISATION.board(id)?.name ?? id);
  const name = `${ORGANISATION.municipality}, ${names.map((n) => n.charAt(0).toLowerCase() + n.slice(1)).join(' och ')}`;
  const service = reports.forUnits(
    boardId !== undefined ? ORGANISATION.unitsOfBoards(boards) : boardUnitsOf(user, ORGANISATION),
    process.env['REPORT_ORGANISATION_NAME']?.trim() || name,
  );
  const everyBoard = ORGANISATION.boards.every((b) => boards.includes(b.id));
  const scope = everyBoard ? 'alla' : [...boards].sort().join('+');
  return { service, scope, keySuffix: everyBoard ? '' : `@${scope}` };
}
