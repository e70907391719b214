import { DEMO_ORG_UNITS, type OrgUnit } from './org-units';

export interface OrgUnitNode extends OrgUnit {
  readonly children: OrgUnitNode[];
}

/** The unit tree with the questions access control asks of it. Pure and immutable. */
export class Organisation {
  private readonly byId: ReadonlyMap<string, OrgUnit>;
  private readonly childrenOf: ReadonlyMap<string | null, readonly OrgUnit[]>;

  constructor(readonly units: readonly OrgUnit[] = DEMO_ORG_UNITS) {
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
}
