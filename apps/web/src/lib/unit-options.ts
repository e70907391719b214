/** A unit of the flattened tree, as the pickers show it. */
export interface PickerUnit {
  readonly id: string;
  readonly name: string;
  readonly depth: number;
  readonly boardId: string;
}

export interface UnitOptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * The unit pickers' options grouped by board (ADR 0030): a reporter in one nämnd sees where the other
 * nämnd's units begin. Indentation shows the tree within a board; boards keep the organisation's order.
 */
export function unitOptionsByBoard(
  units: readonly PickerUnit[],
  boardNames: Readonly<Record<string, string>>,
): UnitOptionGroup[] {
  const groups: UnitOptionGroup[] = [];
  for (const unit of units) {
    const group = boardNames[unit.boardId] ?? unit.boardId;
    let entry = groups.find((g) => g.group === group);
    if (!entry) {
      entry = { group, items: [] };
      groups.push(entry);
    }
    entry.items.push({ value: unit.id, label: `${'\u00a0\u00a0'.repeat(unit.depth)}${unit.name}` });
  }
  return groups;
}
