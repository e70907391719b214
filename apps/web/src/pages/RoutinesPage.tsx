import { Anchor, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { READABLE_ERRORS } from '../lib/risk';
import {
  LEVEL_LABELS,
  mayCreateRoutines,
  REVISION_INTERVALS,
  revisionStateOf,
  ROUTINE_KIND_LABELS,
  ROUTINE_STATUS_LABELS,
  sortRoutines,
  todayInStockholm,
  type Routine,
} from '../lib/routines';
import { usePageTitle } from '../lib/use-page-title';
import { UserPicker } from '../components/UserPicker';

const linesOf = (text: string) =>
  text
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

function NewRoutineForm({ onCancel, processes }: { onCancel: () => void; processes: Routine[] }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const unitOptions = useUnitOptions();
  const [kind, setKind] = useState('routine');
  const [level, setLevel] = useState('3');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [owner, setOwner] = useState('');
  const [administrator, setAdministrator] = useState('');
  const [revisionInterval, setRevisionInterval] = useState('P1Y');
  const [parentId, setParentId] = useState('');
  const [cooperation, setCooperation] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Routine>('/api/v1/routines', { method: 'POST', body, idempotencyKey: idempotencyKey.current }),
    onSuccess: (routine) => navigate(`/ledningssystem/rutiner/${routine.id}`),
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const counterparts = linesOf(cooperation);
    create.mutate({
      kind,
      level: Number(level),
      code,
      title,
      unitId,
      owner: owner.trim(),
      revisionInterval,
      ...(administrator.trim() ? { administrator: administrator.trim() } : {}),
      ...(parentId ? { parentId } : {}),
      ...(counterparts.length > 0 ? { cooperation: counterparts } : {}),
    });
  };
  const err = create.error;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-rutin-rubrik">
      <Stack gap="xs">
        <Title order={3} size="h4" id="ny-rutin-rubrik">
          Ny process eller rutin
        </Title>
        <Text size="sm">
          Dokumentet registreras som utkast. Det gäller först när en version har fastställts med beslut.
        </Text>
        <Group grow align="start">
          <NativeSelect
            label="Typ"
            withAsterisk
            data={[
              { value: 'routine', label: 'Rutin' },
              { value: 'process', label: 'Process' },
            ]}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            error={fieldError(err, 'kind')}
          />
          <NativeSelect
            label="Nivå"
            withAsterisk
            description="Rutiner hör till nivå 2 eller 3"
            data={[1, 2, 3].map((l) => ({ value: String(l), label: LEVEL_LABELS[l] ?? String(l) }))}
            value={level}
            onChange={(e) => setLevel(e.currentTarget.value)}
            error={fieldError(err, 'level')}
          />
        </Group>
        <Group grow align="start">
          <TextInput
            label="Dokument-id"
            withAsterisk
            description="Till exempel RUT-LS-01"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError(err, 'code')}
          />
          <TextInput
            label="Titel"
            withAsterisk
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(err, 'title')}
          />
        </Group>
        <Group grow align="start">
          <NativeSelect
            label="Enhet"
            withAsterisk
            data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(err, 'unitId')}
          />
          <NativeSelect
            label="Revideras"
            withAsterisk
            description="Hur ofta dokumentet ska ses över"
            data={[...REVISION_INTERVALS]}
            value={revisionInterval}
            onChange={(e) => setRevisionInterval(e.currentTarget.value)}
            error={fieldError(err, 'revisionInterval')}
          />
        </Group>
        <Group grow align="start">
          <UserPicker
            label="Ägare"
            required
            description="Process- eller dokumentägaren"
            value={owner}
            onChange={setOwner}
            error={fieldError(err, 'owner')}
          />
          <UserPicker
            label="Administratör (valfritt)"
            value={administrator}
            onChange={setAdministrator}
            error={fieldError(err, 'administrator')}
          />
        </Group>
        <Group grow align="start">
          <NativeSelect
            label="Ingår i process (valfritt)"
            data={[
              { value: '', label: 'Ingen' },
              ...processes.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` })),
            ]}
            value={parentId}
            onChange={(e) => setParentId(e.currentTarget.value)}
            error={fieldError(err, 'parentId')}
          />
          <TextInput
            label="Samverkar med (valfritt)"
            description="Till exempel regionen, polisen – skilj med kommatecken"
            value={cooperation}
            onChange={(e) => setCooperation(e.currentTarget.value)}
            error={fieldError(err, 'cooperation')}
          />
        </Group>
        {err != null && <ErrorNotice error={err} title="Dokumentet kunde inte registreras" />}
        <FormButtons pending={create.isPending} submit="Registrera" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function RevisionCell({ routine, today }: { routine: Routine; today: string }) {
  const state = revisionStateOf(routine, today);
  if (state === 'none') return <>–</>;
  if (state === 'overdue')
    return (
      <Text span c="red.9" fw={700} size="sm">
        {routine.nextRevisionDue} – revideringen är försenad
      </Text>
    );
  if (state === 'soon')
    return (
      <Text span c="#8a3c00" fw={600} size="sm">
        {routine.nextRevisionDue} – revideras inom 60 dagar
      </Text>
    );
  return <>{routine.nextRevisionDue}</>;
}

export function RoutineStatusBadge({ status }: { status: string }) {
  const color = status === 'adopted' ? '#1b5e20' : status === 'repealed' ? 'red.9' : 'gray.8';
  return (
    <Text span size="sm" fw={700} c={color} style={{ whiteSpace: 'nowrap' }}>
      {ROUTINE_STATUS_LABELS[status] ?? status}
    </Text>
  );
}

/** Every process and routine with its level, owner, version and revision date (PR-1, PR-4, PR-5, DL-32). */
export function RoutinesPage() {
  usePageTitle('Processer och rutiner');
  const { me } = useAuth();
  const unitName = useUnitName();
  const unitOptions = useUnitOptions();
  const [searchParams] = useSearchParams();
  const [unitId, setUnitId] = useState(searchParams.get('enhet') ?? '');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const params = new URLSearchParams({ pageSize: '200' });
  if (unitId) params.set('unitId', unitId);
  if (kind) params.set('kind', kind);
  if (status) params.set('status', status);
  if (q.trim()) params.set('q', q.trim());
  const routines = useQuery({
    queryKey: ['routines', params.toString()],
    queryFn: () => apiJson<Page<Routine>>(`/api/v1/routines?${params.toString()}`),
  });
  const processes = useQuery({
    queryKey: ['routines', 'processes'],
    queryFn: () => apiJson<Page<Routine>>('/api/v1/routines?kind=process&pageSize=200'),
    enabled: mayCreateRoutines(me?.roles ?? []),
  });
  const today = todayInStockholm();
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Processer och rutiner</Title>
      <Text c="dimmed">
        Alla processer och rutiner med ägare, gällande version och när de ska revideras. Dokument vars
        revidering är försenad står först.
      </Text>
      {mayCreateRoutines(me?.roles ?? []) && (
        <FormDisclosure label="Ny process/rutin">
          {(close) => (
            <NewRoutineForm
              onCancel={close}
              processes={(processes.data?.items ?? []).filter((p) => p.status !== 'repealed')}
            />
          )}
        </FormDisclosure>
      )}
      <Group align="end" role="search" aria-label="Filtrera dokumenten">
        <NativeSelect
          label="Enhet"
          data={[{ value: '', label: 'Alla enheter' }, ...unitOptions]}
          value={unitId}
          onChange={(e) => setUnitId(e.currentTarget.value)}
        />
        <NativeSelect
          label="Typ"
          data={[
            { value: '', label: 'Processer och rutiner' },
            { value: 'process', label: 'Processer' },
            { value: 'routine', label: 'Rutiner' },
          ]}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
        />
        <NativeSelect
          label="Status"
          data={[
            { value: '', label: 'Alla' },
            { value: 'adopted', label: 'Fastställda' },
            { value: 'draft', label: 'Utkast' },
            { value: 'repealed', label: 'Upphävda' },
          ]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
        />
        <TextInput
          label="Sök"
          placeholder="Dokument-id eller titel"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </Group>
      <QueryState query={routines} loadingLabel="Hämtar processer och rutiner…">
        {(page) => {
          const sorted = sortRoutines(page.items, today);
          const overdue = sorted.filter((r) => revisionStateOf(r, today) === 'overdue').length;
          if (sorted.length === 0) return <Text role="status">Inga dokument matchar urvalet.</Text>;
          return (
            <>
              {overdue > 0 && (
                <Text c="red.9" fw={700} role="status">
                  {overdue === 1 ? '1 dokument' : `${overdue} dokument`} har en försenad revidering.
                </Text>
              )}
              <ScrollTable label="Processer och rutiner" minWidth={900}>
                <Table striped aria-label="Processer och rutiner">
                  <TableHead
                    headers={['Dokument', 'Typ och nivå', 'Enhet', 'Ägare', 'Version', 'Status', 'Revideras']}
                  />
                  <Table.Tbody>
                    {sorted.map((r) => (
                      <Table.Tr key={r.id} data-testid="rutin">
                        <Table.Td>
                          <Anchor component={Link} to={`/ledningssystem/rutiner/${r.id}`}>
                            {r.code} {r.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {ROUTINE_KIND_LABELS[r.kind] ?? r.kind}, nivå {r.level}
                        </Table.Td>
                        <Table.Td>{unitName(r.unitId)}</Table.Td>
                        <Table.Td>{r.ownerName ?? r.owner}</Table.Td>
                        <Table.Td>{r.currentVersion ?? '–'}</Table.Td>
                        <Table.Td>
                          <RoutineStatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td>
                          <RevisionCell routine={r} today={today} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
