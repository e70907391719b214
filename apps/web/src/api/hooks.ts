import { useQuery } from '@tanstack/react-query';
import { apiJson } from './client';
import type { DeadLetterSummary, OrgUnitNode } from './types';

export interface FlatUnit {
  id: string;
  name: string;
  depth: number;
}

function flattenUnits(nodes: OrgUnitNode[], depth = 0): FlatUnit[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.name, depth }, ...flattenUnits(n.children, depth + 1)]);
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
