/** A unit of the organisation tree as the reports need it (DATA-10); the caller supplies the tree. */
export interface ReportUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** Ancestor chains and names of a unit tree, for rolling counts up (unit → division → administration). */
export class ReportUnitTree {
  private readonly byId: ReadonlyMap<string, ReportUnit>;
  private readonly chains = new Map<string, readonly string[]>();

  constructor(readonly units: readonly ReportUnit[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
  }

  nameOf(unitId: string): string {
    return this.byId.get(unitId)?.name ?? unitId;
  }

  /** The unit and every unit above it, nearest first; an unknown unit stands alone. */
  selfAndAncestors(unitId: string): readonly string[] {
    const cached = this.chains.get(unitId);
    if (cached) return cached;
    const chain: string[] = [unitId];
    let parent = this.byId.get(unitId)?.parentId ?? null;
    while (parent !== null && !chain.includes(parent)) {
      chain.push(parent);
      parent = this.byId.get(parent)?.parentId ?? null;
    }
    this.chains.set(unitId, chain);
    return chain;
  }

  depthOf(unitId: string): number {
    return this.selfAndAncestors(unitId).length - 1;
  }

  /** Units without children: where the work (and the reporting) happens. */
  leaves(): ReportUnit[] {
    const parents = new Set(this.units.map((u) => u.parentId));
    return this.units.filter((u) => !parents.has(u.id));
  }

  /** Tree order (parent before its children, siblings by name). */
  ordered(): ReportUnit[] {
    const result: ReportUnit[] = [];
    const visit = (parentId: string | null) => {
      for (const unit of this.units
        .filter((u) => u.parentId === parentId)
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
        result.push(unit);
        visit(unit.id);
      }
    };
    visit(null);
    return result;
  }
}
