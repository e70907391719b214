import {
  Anchor,
  Badge,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import {
  byStanding,
  INFORMATION_METHOD_LABELS,
  informationStanding,
  longDate,
  todayInStockholm,
} from '../lib/appointments';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

type TrainingRecord = ApiSchemas['TrainingRecordDto'];

const MANAGERS = ['quality_coordinator', 'director', 'unit_manager', 'division_manager'];
const METHOD_OPTIONS = Object.entries(INFORMATION_METHOD_LABELS).map(([value, label]) => ({ value, label }));

const personName = (r: TrainingRecord) => r.name ?? r.username;

/**
 * The list is a read model that follows the writes a moment later: the record the api answered
 * replaces its row at once (and one that left is taken off), so the page shows what was just done.
 */
function useRefresh() {
  const queryClient = useQueryClient();
  return (record: TrainingRecord) =>
    queryClient.setQueryData<Page<TrainingRecord>>(['training-records'], (page) => {
      if (!page) return page;
      const others = page.items.filter((r) => r.id !== record.id);
      const items = record.status === 'active' ? [...others, record] : others;
      return { ...page, items, total: items.length };
    });
}

function NewEmployeeForm({ onDone }: { onDone: () => void }) {
  const { me } = useAuth();
  const unitOptions = useUnitOptions();
  const refresh = useRefresh();
  const [username, setUsername] = useState('');
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [hiredOn, setHiredOn] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const register = useMutation({
    mutationFn: () =>
      apiJson<TrainingRecord>('/api/v1/training/records', {
        method: 'POST',
        body: { username: username.trim(), unitId, hiredOn: hiredOn.trim() },
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (record) => {
      refresh(record);
      onDone();
    },
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-medarbetare">
      <Stack gap="xs">
        <Title order={3} size="h4" id="ny-medarbetare">
          Registrera en nyanställd
        </Title>
        <Text size="sm">
          En nyanställd ska få information om lex Sarah inom två veckor, och sedan varje år.
        </Text>
        <Group grow align="start">
          <TextInput
            label="Användarnamn"
            withAsterisk
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={fieldError(register.error, 'username')}
          />
          <NativeSelect
            label="Enhet"
            withAsterisk
            data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(register.error, 'unitId')}
          />
          <TextInput
            label="Anställd från"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={hiredOn}
            onChange={(e) => setHiredOn(e.currentTarget.value)}
            error={fieldError(register.error, 'hiredOn')}
          />
        </Group>
        {register.error != null && (
          <ErrorNotice error={register.error} title="Den nyanställda kunde inte registreras" />
        )}
        <FormButtons pending={register.isPending} submit="Registrera" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** One command on a person's record, with its own error line. */
function useRecordCommand(record: TrainingRecord, path: string, onDone: () => void) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<TrainingRecord>(`/api/v1/training/records/${record.id}/${path}`, {
        method: 'POST',
        body: { ...body, expectedVersion: record.version },
      }),
    onSuccess: (record) => {
      refresh(record);
      onDone();
    },
  });
}

function InformedForm({ record, onDone }: { record: TrainingRecord; onDone: () => void }) {
  const [informedOn, setInformedOn] = useState(todayInStockholm());
  const [method, setMethod] = useState(record.informations.length === 0 ? 'introduktion' : 'apt');
  const [acknowledged, setAcknowledged] = useState(true);
  const informed = useRecordCommand(record, 'informed', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    informed.mutate({ informedOn: informedOn.trim(), method, acknowledged });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Informerad om lex Sarah: ${personName(record)}`}>
      <Stack gap="xs">
        <Group grow align="start">
          <TextInput
            label="Informerad den"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={informedOn}
            onChange={(e) => setInformedOn(e.currentTarget.value)}
            error={fieldError(informed.error, 'informedOn')}
          />
          <NativeSelect
            label="Hur"
            data={METHOD_OPTIONS}
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value)}
            error={fieldError(informed.error, 'method')}
          />
        </Group>
        <Checkbox
          label="Medarbetaren har bekräftat att hen känner till rapporteringsskyldigheten"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.currentTarget.checked)}
        />
        {informed.error != null && <ErrorNotice error={informed.error} title="Det kunde inte sparas" />}
        <FormButtons pending={informed.isPending} submit="Spara att hen är informerad" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function MoveForm({ record, onDone }: { record: TrainingRecord; onDone: () => void }) {
  const unitOptions = useUnitOptions();
  const [unitId, setUnitId] = useState('');
  const move = useRecordCommand(record, 'move', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate({ unitId });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Flytta ${personName(record)} till en annan enhet`}>
      <Stack gap="xs">
        <NativeSelect
          label="Ny enhet"
          withAsterisk
          data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
          value={unitId}
          onChange={(e) => setUnitId(e.currentTarget.value)}
          error={fieldError(move.error, 'unitId')}
        />
        {move.error != null && <ErrorNotice error={move.error} title="Personen kunde inte flyttas" />}
        <FormButtons pending={move.isPending} submit="Flytta" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function LeftForm({ record, onDone }: { record: TrainingRecord; onDone: () => void }) {
  const [leftOn, setLeftOn] = useState(todayInStockholm());
  const leave = useRecordCommand(record, 'leave', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    leave.mutate({ leftOn: leftOn.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`${personName(record)} har slutat`}>
      <Stack gap="xs">
        <TextInput
          label="Sista anställningsdag"
          withAsterisk
          placeholder="ÅÅÅÅ-MM-DD"
          value={leftOn}
          onChange={(e) => setLeftOn(e.currentTarget.value)}
          error={fieldError(leave.error, 'leftOn')}
        />
        {leave.error != null && <ErrorNotice error={leave.error} title="Det kunde inte sparas" />}
        <FormButtons pending={leave.isPending} submit="Spara att hen har slutat" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function PersonPanel({ record, onClose }: { record: TrainingRecord; onClose: () => void }) {
  const unitName = useUnitName();
  const last = record.informations[record.informations.length - 1];
  return (
    <Card withBorder padding="sm" aria-labelledby="vald-person">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" id="vald-person">
            {personName(record)}, {unitName(record.unitId)}
          </Title>
          <Anchor component="button" type="button" size="sm" onClick={onClose}>
            Stäng
          </Anchor>
        </Group>
        <Text size="sm">
          Anställd från {longDate(record.hiredOn)}.{' '}
          {last
            ? `Senast informerad ${longDate(last.informedOn)} (${(INFORMATION_METHOD_LABELS[last.method] ?? '').toLowerCase()}).`
            : 'Inte informerad ännu.'}
        </Text>
        <FormDisclosure label="Informerad om lex Sarah">
          {(close) => <InformedForm record={record} onDone={close} />}
        </FormDisclosure>
        <FormDisclosure label="Flytta till en annan enhet">
          {(close) => <MoveForm record={record} onDone={close} />}
        </FormDisclosure>
        <FormDisclosure label="Har slutat">
          {() => <LeftForm record={record} onDone={onClose} />}
        </FormDisclosure>
      </Stack>
    </Card>
  );
}

function StandingBadge({ record, today }: { record: TrainingRecord; today: string }) {
  const standing = informationStanding(record, today);
  const style = { root: { textTransform: 'none' as const } };
  if (standing === 'overdue')
    return (
      <Badge color="red.9" styles={style}>
        Försenad sedan {longDate(record.nextDue)}
      </Badge>
    );
  if (standing === 'soon')
    return (
      <Badge color="yellow.9" variant="light" styles={style}>
        Snart: {longDate(record.nextDue)}
      </Badge>
    );
  return <Text size="sm">{longDate(record.nextDue)}</Text>;
}

/**
 * Information about lex Sarah on hire and then yearly (DL-29, IMP-9): the late first, in red; forms to
 * register a new employee, mark informed, move and record leaving. Managers see their units (the api
 * decides), kvalitet all.
 */
export function UtbildningPage() {
  usePageTitle('Utbildning om lex Sarah');
  const { me } = useAuth();
  const manage = (me?.roles ?? []).some((r) => MANAGERS.includes(r));
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('person');
  const today = todayInStockholm();
  const records = useQuery({
    queryKey: ['training-records'],
    queryFn: () => apiJson<Page<TrainingRecord>>('/api/v1/training/records?status=active&pageSize=200'),
  });
  const select = (id: string | null) => setParams(id ? { person: id } : {}, { replace: true });
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Utbildning om lex Sarah</Title>
      <Text c="dimmed">
        Alla som arbetar i verksamheten ska känna till skyldigheten att rapportera missförhållanden. Den som
        är nyanställd informeras inom två veckor, och sedan varje år.
      </Text>
      {manage && (
        <FormDisclosure label="Registrera en nyanställd">
          {(close) => <NewEmployeeForm onDone={close} />}
        </FormDisclosure>
      )}
      <QueryState query={records} loadingLabel="Hämtar medarbetare…">
        {(page) => {
          const sorted = byStanding(page.items, today);
          const overdue = sorted.filter((r) => informationStanding(r, today) === 'overdue').length;
          const selected = sorted.find((r) => r.id === selectedId) ?? null;
          return (
            <Stack>
              {overdue > 0 && (
                <Text c="red.9" fw={700} role="status">
                  {overdue === 1
                    ? '1 medarbetare har inte fått informationen i tid'
                    : `${overdue} medarbetare har inte fått informationen i tid`}
                </Text>
              )}
              {manage && selected && (
                <PersonPanel key={selected.id} record={selected} onClose={() => select(null)} />
              )}
              {sorted.length === 0 ? (
                <Text role="status">Inga medarbetare registrerade.</Text>
              ) : (
                <ScrollTable label="Information om lex Sarah" minWidth={720}>
                  <Table striped aria-label="Information om lex Sarah">
                    <TableHead headers={['Medarbetare', 'Enhet', 'Senast informerad', 'Nästa gång']} />
                    <Table.Tbody>
                      {sorted.map((r) => {
                        const last = r.informations[r.informations.length - 1];
                        return (
                          <Table.Tr key={r.id} data-testid="utbildning-rad">
                            <Table.Td>
                              {manage ? (
                                <Anchor component="button" type="button" onClick={() => select(r.id)}>
                                  {personName(r)}
                                </Anchor>
                              ) : (
                                personName(r)
                              )}
                            </Table.Td>
                            <Table.Td>{unitName(r.unitId)}</Table.Td>
                            <Table.Td>{last ? longDate(last.informedOn) : 'Inte informerad'}</Table.Td>
                            <Table.Td>
                              <StandingBadge record={r} today={today} />
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
