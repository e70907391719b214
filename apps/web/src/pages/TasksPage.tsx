import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { Page, Task } from '../api/types';
import { DeadLetterAlert } from '../components/DeadLetterAlert';
import { InAppNotices } from '../components/InAppNotices';
import { ScrollTable } from '../components/ScrollTable';
import { QueryState } from '../components/QueryState';
import { describeDue, formatDateTime } from '../lib/format';
import {
  filterTasks,
  sortTasks,
  TASK_KIND_LABELS,
  TASK_SOURCE_LABELS,
  taskHref,
  type TaskSort,
} from '../lib/tasks';
import { usePageTitle } from '../lib/use-page-title';

/** The case, risk assessment or register the task belongs to; plain text where the web has no page for it. */
function TaskSourceLink({ task }: { task: Task }) {
  const href = taskHref(task);
  if (!href)
    return (
      <Text span fw={600}>
        {task.caseNumber}
      </Text>
    );
  return (
    <>
      <Anchor component={Link} to={href} fw={600}>
        {task.caseNumber}
      </Anchor>
      {task.protectedIdentity && (
        <Badge color="grape.9" variant="filled" size="sm" ml={6}>
          Skyddade personuppgifter
        </Badge>
      )}
    </>
  );
}

export function TasksPage() {
  usePageTitle('Mina uppgifter');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [sort, setSort] = useState<TaskSort>('due');
  const [caseType, setCaseType] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const unitName = useUnitName();
  const tasks = useQuery({
    queryKey: ['tasks', status],
    queryFn: () => apiJson<Page<Task>>(`/api/v1/tasks?status=${status}&pageSize=500`),
    refetchInterval: 30_000,
  });

  return (
    <Stack>
      <Title order={2}>Mina uppgifter</Title>
      <DeadLetterAlert />
      <InAppNotices />
      <Group align="end" gap="md" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id="status-etikett" mb={4}>
            Visa
          </Text>
          <SegmentedControl
            aria-labelledby="status-etikett"
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'done')}
            data={[
              { value: 'open', label: 'Att göra' },
              { value: 'done', label: 'Klara' },
            ]}
          />
        </div>
        <NativeSelect
          label="Sortera efter"
          value={sort}
          onChange={(e) => setSort(e.currentTarget.value as TaskSort)}
          data={[
            { value: 'due', label: 'Förfallodatum' },
            { value: 'created', label: 'Senast skapad' },
            { value: 'case', label: 'Ärendenummer' },
          ]}
        />
        <NativeSelect
          label="Ärendetyp"
          value={caseType}
          onChange={(e) => setCaseType(e.currentTarget.value)}
          data={[
            { value: '', label: 'Alla typer' },
            ...Object.entries(TASK_SOURCE_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Checkbox
          label="Bara försenade"
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
        />
      </Group>
      <QueryState query={tasks} loadingLabel="Hämtar uppgifter…">
        {(page) => {
          const rows = sortTasks(filterTasks(page.items, { caseType, overdueOnly }), sort);
          if (rows.length === 0)
            return (
              <Text role="status">
                {status === 'open' ? 'Inga uppgifter att göra just nu.' : 'Inga klara uppgifter.'}
              </Text>
            );
          return (
            <ScrollTable label="Uppgifter" minWidth={640}>
              <Table striped highlightOnHover aria-label="Uppgifter">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Ärende</Table.Th>
                    <Table.Th scope="col">Uppgift</Table.Th>
                    <Table.Th scope="col">Typ</Table.Th>
                    <Table.Th scope="col">Enhet</Table.Th>
                    <Table.Th scope="col">Förfaller</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((t) => (
                    <Table.Tr key={t.id} data-testid="uppgift">
                      <Table.Td>
                        <TaskSourceLink task={t} />
                      </Table.Td>
                      <Table.Td>{TASK_KIND_LABELS[t.kind] ?? t.kind}</Table.Td>
                      <Table.Td>{TASK_SOURCE_LABELS[t.caseType] ?? t.caseType}</Table.Td>
                      <Table.Td>{unitName(t.unitId)}</Table.Td>
                      <Table.Td>
                        {t.dueAt ? (
                          <span className={t.overdue && t.status === 'open' ? 'overdue' : undefined}>
                            {formatDateTime(t.dueAt)}
                            {t.status === 'open' && (
                              <Text span size="sm" ml={6} c={t.overdue ? 'red.9' : undefined}>
                                ({describeDue(t.dueAt)})
                              </Text>
                            )}
                            {t.overdue && t.status === 'open' && (
                              <Badge color="red.9" ml={6} size="sm">
                                Försenad
                              </Badge>
                            )}
                          </span>
                        ) : (
                          <Text span c="dimmed">
                            Ingen frist
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" c="dimmed" mt="xs">
                {rows.length} av {page.total} uppgifter
              </Text>
            </ScrollTable>
          );
        }}
      </QueryState>
    </Stack>
  );
}
