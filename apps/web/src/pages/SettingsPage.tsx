import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { describeDuration, ESCALATION_ROLES } from '@kvalitet/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import type { AccessLogEntry, Page, Policy } from '../api/types';
import { ClassificationsEditor } from '../components/ClassificationsEditor';
import { DelegationEditor } from '../components/DelegationEditor';
import { RetentionRulesEditor } from '../components/RetentionRulesEditor';
import { MeetingCalendarEditor, NAMND } from '../components/MeetingCalendarEditor';
import { OrganisationOverview } from '../components/OrganisationOverview';
import { ScrollTable } from '../components/ScrollTable';
import { PagePicker } from '../components/PagePicker';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { formatDateTime } from '../lib/format';
import { accessActionLabel, POLICY_KEY_LABELS, roleLabel } from '../lib/labels';
import {
  DURATION_UNIT_LABELS,
  fromDraft,
  moveItem,
  toDraft,
  withUnit,
  type DurationDraft,
  type DurationUnit,
} from '../lib/policy-form';
import { usePageTitle } from '../lib/use-page-title';
import { PersonName } from '../components/PersonName';
import { MailPreferenceSelect } from '../components/NotificationBell';

const EDITABLE_UNITS: DurationUnit[] = [
  'working_days',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
  'minutes',
  'seconds',
];

function unitOptions(draft: DurationDraft): { value: DurationUnit; label: string }[] {
  const units: DurationUnit[] = draft.original === undefined ? EDITABLE_UNITS : [...EDITABLE_UNITS, 'other'];
  return units.map((unit) => ({ value: unit, label: DURATION_UNIT_LABELS[unit] }));
}

function PolicyEditor({ policy }: { policy: Policy }) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, DurationDraft>>(() =>
    Object.fromEntries(Object.entries(policy.deadlines).map(([k, v]) => [k, toDraft(v)])),
  );
  const [chain, setChain] = useState<string[]>(policy.escalationChain);
  const [addRole, setAddRole] = useState('');
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiJson<Policy>('/api/v1/policy', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(['policy'], saved),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      ...policy,
      deadlines: Object.fromEntries(Object.entries(drafts).map(([k, d]) => [k, fromDraft(d)])),
      escalationChain: chain,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Version {policy.version}. En ändring gäller frister som startar efter att den sparats; varje frist i
          ett ärende visar vilken version som satte den.
        </Text>
        <ScrollTable label="Frister" minWidth={640}>
          <Table aria-label="Frister">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Frist</Table.Th>
                <Table.Th scope="col">Längd</Table.Th>
                <Table.Th scope="col">Enhet</Table.Th>
                <Table.Th scope="col">Gäller nu</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(drafts).map(([key, draft]) => {
                const label = POLICY_KEY_LABELS[key] ?? key;
                return (
                  <Table.Tr key={key}>
                    <Table.Td>
                      <Text size="sm" id={`frist-${key}`}>
                        {label}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${label}: längd`}
                        inputMode="numeric"
                        value={
                          draft.unit === 'other' && draft.original !== undefined
                            ? describeDuration(draft.original)
                            : draft.amount
                        }
                        readOnly={draft.unit === 'other'}
                        w={draft.unit === 'other' ? 200 : 90}
                        onChange={(e) =>
                          setDrafts({ ...drafts, [key]: { ...draft, amount: e.currentTarget.value } })
                        }
                        error={fieldError(save.error, `deadlines.${key}`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`${label}: enhet`}
                        value={draft.unit}
                        data={unitOptions(draft)}
                        onChange={(e) =>
                          setDrafts({
                            ...drafts,
                            [key]: withUnit(draft, e.currentTarget.value as DurationUnit),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{describeDuration(policy.deadlines[key]!)}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <Card withBorder padding="sm" component="fieldset">
          <Text component="legend" fw={600} size="sm">
            Eskaleringskedja – vem en missad frist går till, i tur och ordning
          </Text>
          <Stack gap={6} component="ol" pl="md" my="xs">
            {chain.map((role, index) => (
              <li key={`${role}-${index}`}>
                <Group gap="xs">
                  <Text size="sm" w={260}>
                    {roleLabel(role)}
                  </Text>
                  <ActionIcon
                    variant="default"
                    aria-label={`Flytta ${roleLabel(role)} upp`}
                    disabled={index === 0}
                    onClick={() => setChain(moveItem(chain, index, -1))}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    aria-label={`Flytta ${roleLabel(role)} ned`}
                    disabled={index === chain.length - 1}
                    onClick={() => setChain(moveItem(chain, index, 1))}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    aria-label={`Ta bort ${roleLabel(role)}`}
                    onClick={() => setChain(chain.filter((_, i) => i !== index))}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              </li>
            ))}
          </Stack>
          <Group align="end">
            <NativeSelect
              label="Lägg till steg"
              value={addRole}
              onChange={(e) => setAddRole(e.currentTarget.value)}
              data={[
                { value: '', label: 'Välj roll' },
                ...ESCALATION_ROLES.filter((r) => !chain.includes(r)).map((r) => ({
                  value: r,
                  label: roleLabel(r),
                })),
              ]}
            />
            <Button
              variant="default"
              disabled={addRole === ''}
              onClick={() => {
                setChain([...chain, addRole]);
                setAddRole('');
              }}
            >
              Lägg till
            </Button>
          </Group>
          {fieldError(save.error, 'escalationChain') && (
            <Text c="red.9" size="sm" role="alert">
              {fieldError(save.error, 'escalationChain')}
            </Text>
          )}
        </Card>
        {save.error !== null && <ErrorNotice error={save.error} title="Policyn sparades inte" />}
        {save.data && save.error === null && (
          <Alert color="green" variant="light" role="status" title="Sparat">
            Fristpolicyn är sparad som version {save.data.version}.
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Spara ny version
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const ACCESS_KIND_OPTIONS = [
  { value: '', label: 'Läsningar och sökningar' },
  { value: 'read', label: 'Bara läsningar av ärenden' },
  { value: 'search', label: 'Bara sökningar i ärendelistan' },
];

/** What a row of the access log was: a read of a case (or a command on it), or a search with its query. */
function AccessWhat({ entry }: { entry: AccessLogEntry }) {
  if (entry.kind !== 'search') return <>{accessActionLabel(entry.action)}</>;
  return (
    <>
      Sökte i ärendelistan: <q data-testid="sokfraga">{entry.query}</q>
      {entry.hits !== null && ` (${entry.hits} ${entry.hits === 1 ? 'träff' : 'träffar'})`}
    </>
  );
}

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function AccessLog() {
  const [draft, setDraft] = useState({ caseId: '', username: '', kind: '' });
  const [filter, setFilter] = useState(draft);
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: '50' });
  // People know a case by its number; an id pasted from an address still works.
  if (filter.caseId.trim())
    params.set(CASE_ID.test(filter.caseId.trim()) ? 'caseId' : 'caseNumber', filter.caseId.trim());
  if (filter.username.trim()) params.set('username', filter.username.trim());
  if (filter.kind) params.set('kind', filter.kind);
  const log = useQuery({
    queryKey: ['access-log', params.toString()],
    queryFn: () => apiJson<Page<AccessLogEntry>>(`/api/v1/audit/access-log?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Text size="sm">
        Loggkontroll: vem som läst vilket ärende och när, och vem som sökt i ärendelistan och efter vad (en
        sökning kan innehålla ett namn eller personnummer). Loggen kan inte ändras.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilter(draft);
        }}
      >
        <Group align="end" wrap="wrap">
          <TextInput
            label="Ärendenummer"
            placeholder="Till exempel LS-2026-0007"
            value={draft.caseId}
            onChange={(e) => setDraft({ ...draft, caseId: e.currentTarget.value })}
            error={fieldError(log.error, 'caseId') ?? fieldError(log.error, 'caseNumber')}
          />
          <TextInput
            label="Användarnamn"
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })}
            error={fieldError(log.error, 'username')}
          />
          <NativeSelect
            label="Slag"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value })}
            data={ACCESS_KIND_OPTIONS}
          />
          <Button type="submit">Filtrera</Button>
        </Group>
      </form>
      <QueryState query={log} loadingLabel="Hämtar åtkomstloggen…">
        {(data) =>
          data.items.length === 0 ? (
            <Text role="status">Inga läsningar eller sökningar matchar.</Text>
          ) : (
            <>
              <ScrollTable label="Åtkomstlogg" minWidth={720}>
                <Table striped aria-label="Åtkomstlogg">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Tid</Table.Th>
                      <Table.Th scope="col">Användare</Table.Th>
                      <Table.Th scope="col">Roll</Table.Th>
                      <Table.Th scope="col">Vad</Table.Th>
                      <Table.Th scope="col">Ärende</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((entry) => (
                      <Table.Tr key={entry.id} data-testid="loggrad">
                        <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                        <Table.Td>
                          <PersonName username={entry.username} />
                        </Table.Td>
                        <Table.Td>{entry.roles.map(roleLabel).join(', ')}</Table.Td>
                        <Table.Td>
                          <AccessWhat entry={entry} />
                        </Table.Td>
                        <Table.Td>
                          {entry.caseId === null ? (
                            '–'
                          ) : (
                            <Anchor component={Link} to={`/arenden/${entry.caseId}`} size="sm">
                              {entry.caseNumber ?? `Ärende ${entry.caseId.slice(0, 8)}…`}
                            </Anchor>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              <Group justify="space-between">
                <Text size="sm">
                  {data.total} {data.total === 1 ? 'rad' : 'rader'}
                </Text>
                <PagePicker total={data.total} pageSize={50} page={page} onChange={setPage} />
              </Group>
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}

export function SettingsPage() {
  usePageTitle('Inställningar');
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => apiJson<Policy>('/api/v1/policy') });
  return (
    <Stack>
      <Title order={2}>Inställningar</Title>
      <Tabs defaultValue="frister" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="frister">Frister och eskalering</Tabs.Tab>
          <Tabs.Tab value="logg">Åtkomstlogg</Tabs.Tab>
          <Tabs.Tab value="kalender">Möteskalender</Tabs.Tab>
          <Tabs.Tab value="namnd">Nämndens sammanträden</Tabs.Tab>
          <Tabs.Tab value="klassificering">Klassificering</Tabs.Tab>
          <Tabs.Tab value="delegation">Delegation</Tabs.Tab>
          <Tabs.Tab value="organisation">Organisation</Tabs.Tab>
          <Tabs.Tab value="gallring">Gallring</Tabs.Tab>
          <Tabs.Tab value="notiser">Mina notiser</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="frister" pt="md">
          <QueryState query={policy} loadingLabel="Hämtar fristpolicyn…">
            {(p) => <PolicyEditor policy={p} />}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="logg" pt="md">
          <AccessLog />
        </Tabs.Panel>
        <Tabs.Panel value="kalender" pt="md">
          <MeetingCalendarEditor />
        </Tabs.Panel>
        <Tabs.Panel value="namnd" pt="md">
          <MeetingCalendarEditor kind={NAMND} />
        </Tabs.Panel>
        <Tabs.Panel value="klassificering" pt="md">
          <ClassificationsEditor />
        </Tabs.Panel>
        <Tabs.Panel value="delegation" pt="md">
          <DelegationEditor />
        </Tabs.Panel>
        <Tabs.Panel value="organisation" pt="md">
          <OrganisationOverview />
        </Tabs.Panel>
        <Tabs.Panel value="gallring" pt="md">
          <RetentionRulesEditor />
          <Text size="sm" mt="md">
            <Anchor component={Link} to="/gallring">
              Gallringsloggen
            </Anchor>{' '}
            visar vilka ärenden som har gallrats.
          </Text>
        </Tabs.Panel>
        <Tabs.Panel value="notiser" pt="md">
          <Card withBorder maw={480}>
            <MailPreferenceSelect />
          </Card>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
