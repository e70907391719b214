import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

/** One case on a daily list: no free text, no names (DL-16; api.md v1.1 "Reads"). */
interface DailyListItem {
  caseId: string;
  caseNumber: string;
  typeLabel: string;
  unitName: string;
  reportedAt: string;
  category: string | null;
  stageLabel: string;
}

interface InAppNotification {
  key: string;
  kind: string;
  title: string;
  createdAt: string;
  details: { date?: string; items?: DailyListItem[] };
}

const fetchNotifications = () => apiJson<{ items: InAppNotification[] }>('/api/v1/notifications/in-app');

function DailyList({ list, newest }: { list: InAppNotification; newest: boolean }) {
  const items = list.details.items ?? [];
  const id = `lista-${list.details.date ?? list.key}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {newest ? `${list.title} (senaste)` : list.title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">Inga nya avvikelser inom ditt område den dagen.</Text>
      ) : (
        <ScrollTable label={`Nya avvikelser ${list.details.date ?? ''}`} minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ärende</Table.Th>
                <Table.Th>Typ</Table.Th>
                <Table.Th>Enhet</Table.Th>
                <Table.Th>Rapporterad</Table.Th>
                <Table.Th>Kategori</Table.Th>
                <Table.Th>Läge</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.caseId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/arenden/${item.caseId}`} fw={600}>
                      {item.caseNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.typeLabel}</Table.Td>
                  <Table.Td>{item.unitName}</Table.Td>
                  <Table.Td>{formatDateTime(item.reportedAt)}</Table.Td>
                  <Table.Td>{item.category ?? 'Ej kategoriserad'}</Table.Td>
                  <Table.Td>{item.stageLabel}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}

/**
 * Dagens lista (DL-16, LC-5): every morning at 07:00 the previous day's new deviations of the SAS's
 * or the MAS's area, as delivered in-app (the same list also comes by mail).
 */
export function DailyListPage() {
  usePageTitle('Dagens lista');
  const notifications = useQuery({ queryKey: ['notifications', 'in-app'], queryFn: fetchNotifications });
  return (
    <Stack>
      <Title order={2}>Dagens lista</Title>
      <Text>
        Varje morgon kl. 07:00 listas gårdagens nya avvikelser inom ditt område. Listan visar inga
        beskrivningar eller namn; öppna ärendet för att läsa det.
      </Text>
      <QueryState query={notifications} loadingLabel="Hämtar dagens lista…">
        {(page) => {
          const lists = page.items.filter((n) => n.kind === 'daily_list').slice(0, 7);
          if (lists.length === 0) return <Text>Ingen lista har tagits fram ännu.</Text>;
          return (
            <Stack>
              {lists.map((list, index) => (
                <DailyList key={list.key} list={list} newest={index === 0} />
              ))}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
