import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CASE_STAGE_LABELS, CASE_STAGES, CASE_TYPE_LABELS, CASE_TYPES } from '@kvalitet/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { CaseListItem, Page } from '../api/types';
import { ScrollTable } from '../components/ScrollTable';
import { PagePicker } from '../components/PagePicker';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

const PAGE_SIZE = 25;

export function CasesPage() {
  usePageTitle('Ärenden');
  const unitOptions = useUnitOptions();
  const unitName = useUnitName();
  const [draft, setDraft] = useState({ q: '', type: '', stage: '', unitId: '', overdue: false });
  const [filter, setFilter] = useState(draft);
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.type) params.set('type', filter.type);
  if (filter.stage) params.set('stage', filter.stage);
  if (filter.unitId) params.set('unitId', filter.unitId);
  if (filter.overdue) params.set('overdue', 'true');
  const cases = useQuery({
    queryKey: ['cases', params.toString()],
    queryFn: () => apiJson<Page<CaseListItem>>(`/api/v1/cases?${params.toString()}`),
    placeholderData: keepPreviousData,
  });

  function search(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  }

  return (
    <Stack>
      <Title order={2}>Ärenden</Title>
      <Text size="sm">
        Listan visar nummer, typ, steg, enhet, datum och frister, ingen fritext. Beskrivningen läses i
        ärendet; den läsningen och varje sökning skrivs i åtkomstloggen.
      </Text>
      <form onSubmit={search} role="search" aria-label="Filtrera ärenden">
        <Group align="end" wrap="wrap">
          <TextInput
            label="Sök"
            description="Ärendenummer eller text i beskrivningen – sökningen loggas"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
          <NativeSelect
            label="Typ"
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: e.currentTarget.value })}
            data={[
              { value: '', label: 'Alla' },
              ...CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] })),
            ]}
          />
          <NativeSelect
            label="Steg"
            value={draft.stage}
            onChange={(e) => setDraft({ ...draft, stage: e.currentTarget.value })}
            data={[
              { value: '', label: 'Alla' },
              ...CASE_STAGES.map((s) => ({ value: s, label: CASE_STAGE_LABELS[s] })),
            ]}
          />
          <NativeSelect
            label="Enhet"
            value={draft.unitId}
            onChange={(e) => setDraft({ ...draft, unitId: e.currentTarget.value })}
            data={[{ value: '', label: 'Alla' }, ...unitOptions]}
          />
          <Checkbox
            label="Bara försenade"
            checked={draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.currentTarget.checked })}
            mb={8}
          />
          <Button type="submit">Visa</Button>
        </Group>
      </form>
      <QueryState query={cases} loadingLabel="Hämtar ärenden…">
        {(data) =>
          data.items.length === 0 ? (
            <Text role="status">Inga ärenden matchar.</Text>
          ) : (
            <>
              <ScrollTable label="Ärenden" minWidth={840}>
                <Table striped highlightOnHover aria-label="Ärenden">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Ärende</Table.Th>
                      <Table.Th scope="col">Typ</Table.Th>
                      <Table.Th scope="col">Steg</Table.Th>
                      <Table.Th scope="col">Enhet</Table.Th>
                      <Table.Th scope="col">Inträffade</Table.Th>
                      <Table.Th scope="col">Rapporterat</Table.Th>
                      <Table.Th scope="col">Nästa frist</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/arenden/${c.id}`} fw={600}>
                            {c.caseNumber}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{CASE_TYPE_LABELS[c.type]}</Table.Td>
                        <Table.Td>
                          {CASE_STAGE_LABELS[c.stage]}
                          {c.erasedAt && (
                            <Badge
                              color="gray.8"
                              variant="filled"
                              size="sm"
                              ml={6}
                              data-testid="gallrad-i-listan"
                            >
                              Gallrad
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{unitName(c.unitId)}</Table.Td>
                        <Table.Td>{formatDateTime(c.occurredAt)}</Table.Td>
                        <Table.Td>
                          {formatDateTime(c.reportedAt)}
                          {c.lateReport && (
                            <Badge color="#8a3c00" variant="filled" size="sm" ml={6}>
                              Sen rapport
                            </Badge>
                          )}
                          {c.protectedIdentity && (
                            <Badge color="grape.9" variant="filled" size="sm" ml={6}>
                              Skyddade personuppgifter
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td className={c.overdue ? 'overdue' : undefined}>
                          {formatDateTime(c.nextDueAt)}
                          {c.overdue && (
                            <Badge color="red.9" variant="filled" size="sm" ml={6}>
                              Försenad
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              <Group justify="space-between">
                <Text size="sm">{data.total} ärenden</Text>
                <PagePicker total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
              </Group>
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
