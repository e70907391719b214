import type { UnitParents } from '../risk-assessments/deviation-pattern';
import type {
  Board,
  Forvaltning,
  OrganisationDefinition,
  OrgUnit,
  OrganisationUser,
} from './organisation-model';

export interface OrgUnitNode extends OrgUnit {
  readonly children: OrgUnitNode[];
}

const NO_DIRECTORY: Omit<OrganisationDefinition, 'units'> = {
  municipality: '',
  boards: [],
  forvaltningar: [],
  users: [],
};

/**
 * The organisation (ADR 0030): boards, förvaltningar, the unit tree and the directory's users, with
 * the questions access control, reports and the pattern rule ask of it. Pure and immutable; the file
 * it comes from is read by `@kvalitet/runtime` (`organisation()`), the one loader every process uses.
 */
export class Organisation {
  private readonly byId: ReadonlyMap<string, OrgUnit>;
  private readonly childrenOf: ReadonlyMap<string | null, readonly OrgUnit[]>;
  readonly municipality: string;
  readonly boards: readonly Board[];
  readonly forvaltningar: readonly Forvaltning[];
  readonly users: readonly OrganisationUser[];

  constructor(
    readonly units: readonly OrgUnit[],
    directory: Omit<OrganisationDefinition, 'units'> = NO_DIRECTORY,
  ) {
    const byId = new Map<string, OrgUnit>();
    const childrenOf = new Map<string | null, OrgUnit[]>();
    for (const unit of units) {
      if (byId.has(unit.id)) throw new Error(`enheten ${unit.id} förekommer två gånger`);
      byId.set(unit.id, unit);
      childrenOf.set(unit.parentId, [...(childrenOf.get(unit.parentId) ?? []), unit]);
    }
    for (const unit of units) {
      if (unit.parentId !== null && !byId.has(unit.parentId))
        throw new Error(`enheten ${unit.id} har en okänd överordnad ${unit.parentId}`);
    }
    this.byId = byId;
    this.childrenOf = childrenOf;
    for (const unit of units) this.ancestorsOf(unit.id); // throws on a cycle
    this.municipality = directory.municipality;
    this.boards = directory.boards;
    this.forvaltningar = directory.forvaltningar;
    this.users = directory.users;
  }

  has(unitId: string): boolean {
    return this.byId.has(unitId);
  }

  get(unitId: string): OrgUnit | undefined {
    return this.byId.get(unitId);
  }

  /** The unit and every unit below it; empty for an unknown unit. */
  subtreeOf(unitId: string): string[] {
    if (!this.byId.has(unitId)) return [];
    const result: string[] = [];
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      result.push(id);
      for (const child of this.childrenOf.get(id) ?? []) stack.push(child.id);
    }
    return result;
  }

  /** The union of the subtrees of `unitIds`, sorted. */
  scopeOf(unitIds: readonly string[]): string[] {
    return [...new Set(unitIds.flatMap((id) => this.subtreeOf(id)))].sort();
  }

  /** The parent chain of a unit, nearest first (not the unit itself). */
  ancestorsOf(unitId: string): string[] {
    const result: string[] = [];
    let current = this.byId.get(unitId)?.parentId ?? null;
    while (current !== null) {
      if (result.includes(current) || current === unitId)
        throw new Error(`enhetsträdet har en cykel vid ${unitId}`);
      result.push(current);
      current = this.byId.get(current)?.parentId ?? null;
    }
    return result;
  }

  /** True if `unitId` is one of `scopeUnitIds` or lies below one of them. */
  isWithin(unitId: string, scopeUnitIds: readonly string[]): boolean {
    if (!this.byId.has(unitId)) return false;
    return scopeUnitIds.includes(unitId) || this.ancestorsOf(unitId).some((id) => scopeUnitIds.includes(id));
  }

  tree(): OrgUnitNode[] {
    const build = (parentId: string | null): OrgUnitNode[] =>
      (this.childrenOf.get(parentId) ?? []).map((unit) => ({ ...unit, children: build(unit.id) }));
    return build(null);
  }

  /** The unit tree as the parent map the deviation-pattern rule climbs. */
  unitParents(): UnitParents {
    return Object.freeze(Object.fromEntries(this.units.map((unit) => [unit.id, unit.parentId])));
  }

  /** A tree without boards (a bare unit list) is one secrecy boundary: every unit is in it. */
  get hasBoards(): boolean {
    return this.boards.length > 0;
  }

  board(boardId: string): Board | undefined {
    return this.boards.find((board) => board.id === boardId);
  }

  /** The board a unit's cases belong to; null for an unknown unit or a tree without boards. */
  boardOf(unitId: string): string | null {
    return this.byId.get(unitId)?.boardId ?? null;
  }

  /** Every unit of these boards (all units in a tree without boards), sorted. */
  unitsOfBoards(boardIds: readonly string[]): string[] {
    const units = this.hasBoards
      ? this.units.filter((unit) => unit.boardId !== undefined && boardIds.includes(unit.boardId))
      : this.units;
    return units.map((unit) => unit.id).sort();
  }

  /** Does the unit lie within one of these boards (always, for a known unit of a tree without boards)? */
  isInBoards(unitId: string, boardIds: readonly string[]): boolean {
    if (!this.byId.has(unitId)) return false;
    if (!this.hasBoards) return true;
    const board = this.boardOf(unitId);
    return board !== null && boardIds.includes(board);
  }

  findUser(username: string): OrganisationUser | undefined {
    return this.users.find((user) => user.username === username);
  }

  /**
   * The boards a caller serves: those the directory gives the user (a MAS for several boards) and the
   * boards of the caller's units (a signed-in user the directory does not list, OIDC).
   */
  boardsOf(caller: { readonly username: string; readonly unitIds: readonly string[] }): string[] {
    const listed = this.findUser(caller.username)?.boardIds ?? [];
    const ofUnits = caller.unitIds.map((id) => this.boardOf(id)).filter((id): id is string => id !== null);
    return [...new Set([...listed, ...ofUnits])].sort();
  }

  /** The users who hold `role` for a board (board-wide roles may serve several boards). */
  roleHolders(boardId: string, role: string): OrganisationUser[] {
    return this.users.filter(
      (user) => user.boardIds.includes(boardId) && (user.roles as readonly string[]).includes(role),
    );
  }
}
