import {
  Anchor,
  Badge,
  Checkbox,
  Chip,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { Page, Task } from '../api/types';
import type { components } from '../api/generated/openapi';
import { DeadLetterAlert } from '../components/DeadLetterAlert';
import { InAppNotices } from '../components/InAppNotices';
import { ScrollTable } from '../components/ScrollTable';
import { PagePicker } from '../components/PagePicker';
import { QueryState } from '../components/QueryState';
import { TableHead } from '../components/TableHead';
import { describeDue, formatDateTimeInWords, formatNumber } from '../lib/format';
import { taskKindLabel, taskSourceLabel } from '../lib/labels';
import {
  inboxCountsPath,
  inboxPath,
  INBOX_PAGE_SIZE,
  TASK_SOURCE_LABELS,
  TASK_VIEWS,
  taskHref,
  type InboxFilter,
} from '../lib/tasks';
import { usePageTitle } from '../lib/use-page-title';

type TaskCounts = components['schemas']['TaskCountsDto'];

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

function DueCell({ task }: { task: Task }) {
  if (!task.dueAt)
    return (
      <Text span c="dimmed">
        Ingen frist
      </Text>
    );
  const overdue = task.overdue && task.status === 'open';
  return (
    <span className={overdue ? 'overdue' : undefined}>
      {formatDateTimeInWords(task.dueAt)}
      {task.status === 'open' && (
        <Text span size="sm" ml={6} c={task.overdue ? 'red.9' : undefined}>
          ({describeDue(task.dueAt)})
        </Text>
      )}
      {overdue && (
        <Badge color="red.9" ml={6} size="sm">
          Försenad
        </Badge>
      )}
    </span>
  );
}

/** One chip per task kind the inbox holds under the other filters, with how many there are. */
function KindChips({
  counts,
  kind,
  onChange,
}: {
  counts: TaskCounts | undefined;
  kind: string;
  onChange: (kind: string) => void;
}) {
  if (!counts || counts.total === 0) return null;
  return (
    <Chip.Group multiple={false} value={kind} onChange={onChange}>
      <Group gap="xs" role="radiogroup" aria-label="Slag av uppgift">
        <Chip value="" size="sm">
          Alla ({formatNumber(counts.total)})
        </Chip>
        {counts.kinds.map((k) => (
          <Chip key={k.kind} value={k.kind} size="sm">
            {taskKindLabel(k.kind)} ({formatNumber(k.count)})
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

/**
 * "Mina uppgifter" (issue 21): the api pages, sorts, filters and searches, so a new report is on top
 * of "Nyast först" however many tasks a person has; the chips count each kind for the same filters.
 */
export function TasksPage() {
  usePageTitle('Mina uppgifter');
  const [filter, setFilter] = useState<InboxFilter>({
    status: 'open',
    sort: 'newest',
    kind: '',
    caseType: '',
    overdueOnly: false,
    q: '',
  });
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [page, setPage] = useState(1);
  const effective = { ...filter, q: debouncedSearch };
  const change = (patch: Partial<InboxFilter>) => {
    setFilter((current) => ({ ...current, ...patch }));
    setPage(1);
  };
  const unitName = useUnitName();
  // Three views side by side do not fit a phone's width.
  const phone = useMediaQuery('(max-width: 36em)');
  const tasks = useQuery({
    queryKey: ['tasks', effective, page],
    queryFn: () => apiJson<Page<Task>>(inboxPath(effective, page)),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const counts = useQuery({
    queryKey: ['tasks', 'counts', { ...effective, kind: '', sort: '' }],
    queryFn: () => apiJson<TaskCounts>(inboxCountsPath(effective)),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const overdue = counts.data?.overdue ?? 0;

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
            value={filter.status}
            onChange={(v) => change({ status: v as InboxFilter['status'] })}
            data={[
              { value: 'open', label: 'Att göra' },
              { value: 'done', label: 'Klara' },
            ]}
          />
        </div>
        <div>
          <Text size="sm" fw={500} id="ordning-etikett" mb={4}>
            Ordning
          </Text>
          <SegmentedControl
            aria-labelledby="ordning-etikett"
            orientation={phone ? 'vertical' : 'horizontal'}
            value={filter.sort}
            onChange={(v) => change({ sort: v as InboxFilter['sort'] })}
            data={TASK_VIEWS.map((view) => ({ value: view.sort, label: view.label }))}
          />
        </div>
        <TextInput
          label="Sök ärendenummer eller register"
          placeholder="Till exempel 9141"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={260}
        />
        <NativeSelect
          label="Ärendetyp"
          value={filter.caseType}
          onChange={(e) => change({ caseType: e.currentTarget.value })}
          data={[
            { value: '', label: 'Alla typer' },
            ...Object.entries(TASK_SOURCE_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
        {filter.status === 'open' && (
          <Checkbox
            label={overdue > 0 ? `Bara försenade (${formatNumber(overdue)})` : 'Bara försenade'}
            checked={filter.overdueOnly}
            onChange={(e) => change({ overdueOnly: e.currentTarget.checked })}
          />
        )}
      </Group>
      <KindChips counts={counts.data} kind={filter.kind} onChange={(kind) => change({ kind })} />
      <QueryState query={tasks} loadingLabel="Hämtar uppgifter…">
        {(data) => {
          if (data.items.length === 0)
            return (
              <Text role="status">
                {effective.q || filter.kind || filter.caseType || filter.overdueOnly
                  ? 'Inga uppgifter matchar sökningen och filtren.'
                  : filter.status === 'open'
                    ? 'Inga uppgifter att göra just nu.'
                    : 'Inga klara uppgifter.'}
              </Text>
            );
          const first = (data.page - 1) * data.pageSize + 1;
          const last = first + data.items.length - 1;
          return (
            <>
              <ScrollTable label="Uppgifter" minWidth={640}>
                <Table striped highlightOnHover aria-label="Uppgifter">
                  <TableHead headers={['Ärende', 'Uppgift', 'Typ', 'Enhet', 'Förfaller']} />
                  <Table.Tbody>
                    {data.items.map((t) => (
                      <Table.Tr key={t.id} data-testid="uppgift">
                        <Table.Td>
                          <TaskSourceLink task={t} />
                        </Table.Td>
                        <Table.Td>{taskKindLabel(t.kind)}</Table.Td>
                        <Table.Td>{taskSourceLabel(t.caseType)}</Table.Td>
                        <Table.Td>{unitName(t.unitId)}</Table.Td>
                        <Table.Td>
                          <DueCell task={t} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              <Group justify="space-between">
                <Text size="sm" role="status">
                  {data.total === data.items.length
                    ? `${formatNumber(data.total)} ${data.total === 1 ? 'uppgift' : 'uppgifter'}`
                    : `Visar ${formatNumber(first)}–${formatNumber(last)} av ${formatNumber(data.total)} uppgifter`}
                </Text>
                <PagePicker total={data.total} pageSize={INBOX_PAGE_SIZE} page={page} onChange={setPage} />
              </Group>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
