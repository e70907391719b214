import { Alert, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../api/client';
import { useBoards } from '../api/hooks';
import type { OrgUnitNode } from '../api/types';
import { roleLabel } from '../lib/labels';
import { ScrollTable } from './ScrollTable';
import { QueryState } from './QueryState';

function flatten(nodes: OrgUnitNode[], depth = 0): (OrgUnitNode & { depth: number })[] {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);
}

/**
 * Inställningar → Organisation (ADR 0030): the organisation file as the system reads it — boards with
 * their legal areas and role holders, units with their legal areas, and every unit outside the
 * ledningssystem with the analysis that put it there (PR-11, AUD-7). Read-only: the file is changed
 * by drift, not in the app.
 */
export function OrganisationOverview() {
  const boards = useBoards();
  const tree = useQuery({
    queryKey: ['org-units-tree'],
    queryFn: async () => (await apiJson<{ items: OrgUnitNode[] }>('/api/v1/org/units')).items,
    staleTime: 60 * 60_000,
  });
  return (
    <QueryState query={boards} loadingLabel="Hämtar organisationen…">
      {(b) => (
        <QueryState query={tree} loadingLabel="Hämtar enheterna…">
          {(roots) => {
            const units = flatten(roots);
            const excluded = units.filter((u) => !u.inLedningssystem);
            return (
              <Stack>
                <Text size="sm">
                  {b.municipality}. Organisationen läses från organisationsfilen (config/organisation.json
                  eller ORGANISATION_FILE) och ändras av driften. En nämnds ärenden syns bara för dem som
                  tjänar nämnden.
                </Text>
                {b.items.map((board) => (
                  <Card key={board.id} withBorder aria-labelledby={`namnd-${board.id}`}>
                    <Stack gap="xs">
                      <Group justify="space-between">
                        <Title order={3} id={`namnd-${board.id}`}>
                          {board.name}
                        </Title>
                        <Group gap={4}>
                          {board.legalAreas.map((area) => (
                            <Badge key={area} variant="outline" color="dark" tt="none">
                              {area}
                            </Badge>
                          ))}
                          {board.mine && <Badge color="teal.9">Din nämnd</Badge>}
                        </Group>
                      </Group>
                      <Text size="sm">
                        Förvaltning: {board.forvaltningar.map((f) => f.name).join(', ') || '–'}
                      </Text>
                      <Text size="sm" fw={600}>
                        Nämndövergripande roller
                      </Text>
                      <List size="sm">
                        {board.roleHolders.map((holder) => (
                          <List.Item key={`${holder.role}-${holder.username}`}>
                            {roleLabel(holder.role)}: {holder.name} ({holder.username})
                          </List.Item>
                        ))}
                      </List>
                      <ScrollTable label={`Enheter i ${board.name}`} minWidth={520}>
                        <Table aria-label={`Enheter i ${board.name}`}>
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th scope="col">Enhet</Table.Th>
                              <Table.Th scope="col">Lagområden</Table.Th>
                              <Table.Th scope="col">Ledningssystemet</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {units
                              .filter((u) => u.boardId === board.id)
                              .map((u) => (
                                <Table.Tr key={u.id}>
                                  <Table.Td>
                                    <Text size="sm" pl={u.depth * 16}>
                                      {u.name}
                                    </Text>
                                  </Table.Td>
                                  <Table.Td>
                                    <Text size="sm">{u.legalAreas.join(', ')}</Text>
                                  </Table.Td>
                                  <Table.Td>
                                    <Text size="sm">{u.inLedningssystem ? 'Ingår' : 'Undantagen'}</Text>
                                  </Table.Td>
                                </Table.Tr>
                              ))}
                          </Table.Tbody>
                        </Table>
                      </ScrollTable>
                    </Stack>
                  </Card>
                ))}
                {excluded.map((u) => (
                  <Alert
                    key={u.id}
                    color="orange.9"
                    variant="outline"
                    styles={{ title: { color: 'var(--mantine-color-black)' } }}
                    title={`${u.name} ingår inte i ledningssystemet`}
                    data-testid={`undantag-${u.id}`}
                  >
                    <Stack gap={4}>
                      <Text size="sm">
                        Beslutat {u.exclusionAnalysis?.decidedAt} av {u.exclusionAnalysis?.decidedBy}.
                      </Text>
                      <Text size="sm">Analys: {u.exclusionAnalysis?.rationale}</Text>
                    </Stack>
                  </Alert>
                ))}
              </Stack>
            );
          }}
        </QueryState>
      )}
    </QueryState>
  );
}
