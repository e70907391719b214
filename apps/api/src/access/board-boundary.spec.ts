import type { CaseType } from '@kvalitet/domain';
import { ORGANISATION as org } from '../org/organisation.instance';
import { caseListWhere } from '../cases/case-list.query';
import {
  canReadCase,
  canReadEgenkontroll,
  canRunCaseCommand,
  canUseRiskAssessment,
  caseVisibilityFilter,
  taskVisibilityFilter,
  type CaseFacts,
} from './access-policy';
import type { Principal } from './principal';

const user = (username: string): Principal => {
  const found = org.findUser(username);
  if (!found) throw new Error(username);
  return { ...found, roles: [...found.roles], unitIds: [...found.unitIds] };
};
const facts = (type: CaseType, unitId: string): CaseFacts => ({
  type,
  unitId,
  reportedBy: null,
  assignee: null,
});
const BOARD_WIDE_OF_SOCIALNAMNDEN = ['forvaltningschef', 'sas', 'kvalitet', 'dataskydd'];

describe('the secrecy boundary between boards (DATA-3, SC-3; ADR 0030)', () => {
  it("a board-wide role of socialnämnden reads none of omsorgsnämnden's cases, and acts on none", () => {
    for (const username of BOARD_WIDE_OF_SOCIALNAMNDEN) {
      for (const type of ['deviation', 'lex_sarah', 'hsl_deviation', 'data_breach'] as const) {
        expect(canReadCase(user(username), facts(type, 'linden'), org)).toBe(false);
        expect(canRunCaseCommand(user(username), 'acknowledge', facts(type, 'linden'), org)).toBe(false);
      }
    }
    expect(canReadCase(user('kvalitet'), facts('deviation', 'solgarden'), org)).toBe(true);
    expect(canReadCase(user('kvalitet.omsorg'), facts('deviation', 'solgarden'), org)).toBe(false);
    expect(canReadCase(user('kvalitet.omsorg'), facts('deviation', 'bjorken'), org)).toBe(true);
  });

  it('the MAS serving both boards reads and handles HSL cases in both', () => {
    for (const unitId of ['solgarden', 'linden']) {
      expect(canReadCase(user('mas'), facts('hsl_deviation', unitId), org)).toBe(true);
      expect(canRunCaseCommand(user('mas'), 'classify', facts('hsl_deviation', unitId), org)).toBe(true);
    }
    expect(taskVisibilityFilter(user('mas'), org).unitIds).toEqual(
      expect.arrayContaining(['linden', 'solgarden']),
    );
    expect(taskVisibilityFilter(user('kvalitet'), org).unitIds).not.toContain('linden');
  });

  it('the case list of a one-board reader is limited to its board in SQL; the MAS needs no limit', () => {
    const kvalitet = caseListWhere(caseVisibilityFilter(user('kvalitet'), org)!, {}, org, new Date());
    expect(kvalitet.text).toBe('WHERE (reported_by = $1 OR assignee = $1 OR unit_id = ANY($2::text[]))');
    expect(kvalitet.values[1]).toEqual(org.unitsOfBoards(['socialnamnden']));
    const dataskydd = caseListWhere(caseVisibilityFilter(user('dataskydd'), org)!, {}, org, new Date());
    expect(dataskydd.text).toBe(
      'WHERE (reported_by = $1 OR assignee = $1 OR (type = ANY($3::text[]) AND unit_id = ANY($2::text[])))',
    );
    expect(caseListWhere(caseVisibilityFilter(user('mas'), org)!, {}, org, new Date()).text).toBe('');
  });

  it("registers and risk assessments stop at the board's edge too", () => {
    expect(canReadEgenkontroll(user('sas'), 'linden', org)).toBe(false);
    expect(canReadEgenkontroll(user('sas.omsorg'), 'linden', org)).toBe(true);
    expect(canUseRiskAssessment(user('kvalitet'), 'linden', org)).toBe(false);
    expect(canUseRiskAssessment(user('kvalitet.omsorg'), 'linden', org)).toBe(true);
  });
});
