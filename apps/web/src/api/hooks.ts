import { useQuery } from '@tanstack/react-query';
import { apiJson } from './client';
import { unitOptionsByBoard, type UnitOptionGroup } from '../lib/unit-options';
import type { Boards, DeadLetterSummary, OrgUnitNode } from './types';

export interface FlatUnit {
  id: string;
  name: string;
  depth: number;
  boardId: string;
}

function flattenUnits(nodes: OrgUnitNode[], depth = 0): FlatUnit[] {
  return nodes.flatMap((n) => [
    { id: n.id, name: n.name, depth, boardId: n.boardId },
    ...flattenUnits(n.children, depth + 1),
  ]);
}

/** The boards (nämnder) with their legal areas, förvaltningar and role holders (ADR 0030). */
export function useBoards() {
  return useQuery({
    queryKey: ['org-boards'],
    queryFn: () => apiJson<Boards>('/api/v1/org/boards'),
    staleTime: 60 * 60_000,
  });
}

/** The unit pickers' options, grouped by board. */
export function useUnitOptions(): UnitOptionGroup[] {
  const units = useUnits();
  const boards = useBoards();
  const names = Object.fromEntries((boards.data?.items ?? []).map((b) => [b.id, b.name]));
  return unitOptionsByBoard(units.data ?? [], names);
}

export function useUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: async () => flattenUnits((await apiJson<{ items: OrgUnitNode[] }>('/api/v1/org/units')).items),
    staleTime: 60 * 60_000,
  });
}

/** unit id → name, falling back to the id while loading. */
export function useUnitName(): (id: string) => string {
  const units = useUnits();
  return (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
}

/** Open dead letters (kvalitet only: pass `enabled` false for other roles so nothing is asked). */
export function useDeadLetterSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['dead-letters'],
    queryFn: () => apiJson<DeadLetterSummary>('/api/v1/operations/dead-letters'),
    enabled,
    staleTime: 30_000,
    refetchInterval: enabled ? 60_000 : false,
  });
}
