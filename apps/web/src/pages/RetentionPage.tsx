import { Anchor, Button, Group, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { CASE_TYPE_LABELS, type CaseType } from '@kvalitet/domain';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { erasedByText, retentionRuleText } from '../components/CaseRecords';
import { QueryState } from '../components/QueryState';
import { RetentionRulesEditor } from '../components/RetentionRulesEditor';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { formatDate, formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

interface LogEntry {
  caseId: string;
  caseNumber: string;
  caseType: string;
  unitId: string;
  rule: { caseType: string; keepYears: number; from: string };
  dueOn: string;
  erasedAt: string;
  erasedBy: string;
}

/** The retention log (DATA-2, DATA-7): which cases were erased, when, under which rule, by whom. */
export function RetentionLog() {
  const unitName = useUnitName();
  const { me } = useAuth();
  // dataskydd reads only data breaches: for other cases the number is shown without a link.
  const readsEveryCase = (me?.roles ?? []).includes('quality_coordinator');
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [range, setRange] = useState({ from: '', to: '' });
  const log = useQuery({
    queryKey: ['retention-log', range],
    queryFn: () => {
      const params = new URLSearchParams();
      if (range.from) params.set('from', range.from);
      if (range.to) params.set('to', range.to);
      const query = params.toString();
      return apiJson<{ items: LogEntry[] }>(`/api/v1/retention/log${query ? `?${query}` : ''}`);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setRange(draft);
  }
  return (
    <Stack>
      <Text size="sm">
        Ärenden vars personuppgifter och fritext har gallrats. Ärendet finns kvar med nummer, typ, enhet och
        datum.
      </Text>
      <form onSubmit={submit} aria-label="Välj period">
        <Group align="flex-end">
          <TextInput
            type="date"
            label="Gallrade från och med"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label="Till och med"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit" variant="default">
            Visa
          </Button>
        </Group>
      </form>
      <QueryState query={log} loadingLabel="Hämtar gallringsloggen…">
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">Inga ärenden har gallrats under perioden.</Text>
          ) : (
            <ScrollTable label="Gallringslogg" minWidth={820}>
              <Table aria-label="Gallringslogg">
                <TableHead
                  headers={['Ärende', 'Typ', 'Enhet', 'Regel', 'Gallringsbar från', 'Gallrad', 'Av']}
                />
                <Table.Tbody>
                  {data.items.map((e) => (
                    <Table.Tr key={e.caseId} data-testid="gallringslogg-rad">
                      <Table.Td>
                        {readsEveryCase || e.caseType === 'data_breach' ? (
                          <Anchor component={Link} to={`/arenden/${e.caseId}`}>
                            {e.caseNumber}
                          </Anchor>
                        ) : (
                          e.caseNumber
                        )}
                      </Table.Td>
                      <Table.Td>{CASE_TYPE_LABELS[e.caseType as CaseType] ?? e.caseType}</Table.Td>
                      <Table.Td>{unitName(e.unitId)}</Table.Td>
                      <Table.Td>{retentionRuleText(e.rule)}</Table.Td>
                      <Table.Td>{formatDate(e.dueOn)}</Table.Td>
                      <Table.Td>{formatDateTime(e.erasedAt)}</Table.Td>
                      <Table.Td>{erasedByText(e.erasedBy)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}

/**
 * Gallring for the data protection officer and kvalitet: the rules and the log (api.md v1.1 "Records
 * and gallring"); the director reads the rules only.
 */
export function RetentionPage() {
  usePageTitle('Gallring');
  const { me } = useAuth();
  const readsLog = (me?.roles ?? []).some(
    (r) => r === 'quality_coordinator' || r === 'data_protection_officer',
  );
  return (
    <Stack>
      <Title order={2}>Gallring</Title>
      <Tabs defaultValue="regler" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="regler">Gallringsregler</Tabs.Tab>
          {readsLog && <Tabs.Tab value="logg">Gallringslogg</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="regler" pt="md">
          <RetentionRulesEditor />
        </Tabs.Panel>
        {readsLog && (
          <Tabs.Panel value="logg" pt="md">
            <RetentionLog />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
