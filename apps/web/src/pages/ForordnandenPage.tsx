import {
  Alert,
  Anchor,
  Card,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { APPOINTMENT_DECISION_TYPES, APPOINTMENT_ROLES, DECIDING_BODIES } from '@kvalitet/domain';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import {
  decidingBodyText,
  decisionTypeText,
  holderText,
  longDate,
  missingRolesHeading,
  roleText,
  todayInStockholm,
  validityText,
} from '../lib/appointments';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { UserPicker } from '../components/UserPicker';

type Appointment = ApiSchemas['AppointmentDto'];
type Alerts = ApiSchemas['AppointmentAlertsDto'];
type Routine = ApiSchemas['RoutineDto'];

const ROLE_OPTIONS = APPOINTMENT_ROLES.map((value) => ({
  value,
  label: roleText(value),
}));
const DECISION_TYPE_OPTIONS = APPOINTMENT_DECISION_TYPES.map((value) => ({
  value,
  label: decisionTypeText(value),
}));
const DECIDING_BODY_OPTIONS = DECIDING_BODIES.map((value) => ({ value, label: decidingBodyText(value) }));

const canManage = (roles: readonly string[]) =>
  roles.some((r) => r === 'quality_coordinator' || r === 'director');

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['appointments'] });
    void queryClient.invalidateQueries({ queryKey: ['appointment-alerts'] });
    void queryClient.invalidateQueries({ queryKey: ['delegations'] });
  };
}

function NewAppointmentForm({ onDone }: { onDone: () => void }) {
  const unitOptions = useUnitOptions();
  const refresh = useRefresh();
  const [role, setRole] = useState('');
  const [holder, setHolder] = useState('');
  const [unitId, setUnitId] = useState('forvaltning');
  const [decisionType, setDecisionType] = useState('');
  const [decidedBy, setDecidedBy] = useState('namnd');
  const [decidedOn, setDecidedOn] = useState('');
  const [reference, setReference] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [delegationReference, setDelegationReference] = useState('');
  const [processId, setProcessId] = useState('');
  const processOwner = role === 'processagare';
  // PR-2: a process owner is appointed for one process of the register.
  const processes = useQuery({
    queryKey: ['routines', 'process'],
    queryFn: () => apiJson<Page<Routine>>('/api/v1/routines?kind=process&pageSize=200'),
    enabled: processOwner,
  });
  const idempotencyKey = useRef(newIdempotencyKey());
  const appoint = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Appointment>('/api/v1/appointments', {
        method: 'POST',
        body,
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const delegate = role === 'delegat';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    appoint.mutate({
      role,
      holder: holder.trim(),
      unitId,
      ...(delegate && decisionType ? { decisionType } : {}),
      ...(processOwner && processId ? { processId } : {}),
      decision: { decidedBy, decidedOn: decidedOn.trim(), reference: reference.trim() },
      validFrom: validFrom.trim(),
      ...(validTo.trim() ? { validTo: validTo.trim() } : {}),
      ...(delegationReference.trim() ? { delegationReference: delegationReference.trim() } : {}),
    });
  };
  const error = (field: string) => fieldError(appoint.error, field);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="nytt-forordnande">
      <Stack gap="xs">
        <Title order={3} size="h4" id="nytt-forordnande">
          Registrera ett förordnande
        </Title>
        <Text size="sm">
          Vem som har rollen, och beslutet som gav den. En delegat enligt delegationsordningen blir en rad i
          delegationsförteckningen, som avgör vem som får fatta besluten i lex Sarah- och lex Maria-ärenden.
        </Text>
        <Group grow align="start">
          <NativeSelect
            label="Roll"
            withAsterisk
            data={[{ value: '', label: 'Välj roll' }, ...ROLE_OPTIONS]}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            error={error('role')}
          />
          <UserPicker label="Person" required value={holder} onChange={setHolder} error={error('holder')} />
          <NativeSelect
            label="Gäller för"
            data={unitOptions}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={error('unitId')}
          />
        </Group>
        {processOwner && (
          <NativeSelect
            label="Process"
            withAsterisk
            data={[
              { value: '', label: 'Välj process' },
              ...(processes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` })),
            ]}
            value={processId}
            onChange={(e) => setProcessId(e.currentTarget.value)}
            error={error('scope.processId') ?? error('processId')}
          />
        )}
        {delegate && (
          <Group grow align="start">
            <NativeSelect
              label="Beslut som delegeras"
              withAsterisk
              data={[{ value: '', label: 'Välj beslut' }, ...DECISION_TYPE_OPTIONS]}
              value={decisionType}
              onChange={(e) => setDecisionType(e.currentTarget.value)}
              error={error('scope.decisionType') ?? error('decisionType')}
            />
            <TextInput
              label="Punkt i delegationsordningen"
              withAsterisk
              placeholder="Delegationsordning 2026 p. 4.1"
              value={delegationReference}
              onChange={(e) => setDelegationReference(e.currentTarget.value)}
              error={error('delegationReference')}
            />
          </Group>
        )}
        <Group grow align="start">
          <NativeSelect
            label="Beslutet fattades av"
            withAsterisk
            data={DECIDING_BODY_OPTIONS}
            value={decidedBy}
            onChange={(e) => setDecidedBy(e.currentTarget.value)}
            error={error('decision.decidedBy')}
          />
          <TextInput
            label="Beslutsdatum"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={decidedOn}
            onChange={(e) => setDecidedOn(e.currentTarget.value)}
            error={error('decision.decidedOn')}
          />
          <TextInput
            label="Paragraf eller beslutsnummer"
            withAsterisk
            placeholder="SN 2026-01-20 § 6"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={error('decision.reference')}
          />
        </Group>
        <Group grow align="start">
          <TextInput
            label="Gäller från"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={error('validFrom')}
          />
          <TextInput
            label="Gäller till (lämna tomt för tills vidare)"
            placeholder="ÅÅÅÅ-MM-DD"
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            error={error('validTo')}
          />
        </Group>
        {appoint.error != null && (
          <ErrorNotice error={appoint.error} title="Förordnandet kunde inte registreras" />
        )}
        <FormButtons pending={appoint.isPending} submit="Registrera förordnandet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function EndForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const refresh = useRefresh();
  const [on, setOn] = useState(todayInStockholm());
  const [reason, setReason] = useState('');
  const end = useMutation({
    mutationFn: () =>
      apiJson<Appointment>(`/api/v1/appointments/${appointment.id}/end`, {
        method: 'POST',
        body: { on: on.trim(), reason: reason.trim(), expectedVersion: appointment.version },
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.mutate();
  };
  const who = `${roleText(appointment.role)}, ${holderText(appointment)}`;
  return (
    <form onSubmit={submit} noValidate aria-label={`Avsluta förordnandet: ${who}`}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Avsluta förordnandet: {who}
        </Text>
        <Group grow align="start">
          <TextInput
            label="Sista dag"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            error={fieldError(end.error, 'on')}
          />
          <TextInput
            label="Skäl"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(end.error, 'reason')}
          />
        </Group>
        {end.error != null && <ErrorNotice error={end.error} title="Förordnandet kunde inte avslutas" />}
        <FormButtons pending={end.isPending} submit="Avsluta förordnandet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ScopeText({ appointment }: { appointment: Appointment }) {
  const unitName = useUnitName();
  const processId = appointment.scope.processId;
  const processes = useQuery({
    queryKey: ['routines', 'process'],
    queryFn: () => apiJson<Page<Routine>>('/api/v1/routines?kind=process&pageSize=200'),
    enabled: processId !== null,
  });
  const process = processes.data?.items.find((p) => p.id === processId);
  const type = decisionTypeText(appointment.scope.decisionType);
  const detail = process ? `${process.code} ${process.title}` : type.charAt(0).toUpperCase() + type.slice(1);
  return (
    <>
      {unitName(appointment.scope.unitId)}
      {detail && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
    </>
  );
}

function DecisionText({ appointment }: { appointment: Appointment }) {
  const d = appointment.decision;
  return (
    <>
      {decidingBodyText(d.decidedBy)}, {longDate(d.decidedOn)}
      <Text size="sm" c="dimmed">
        {[d.reference, appointment.delegationReference].filter(Boolean).join(' · ')}
      </Text>
    </>
  );
}

function AppointmentTable({
  label,
  items,
  manage,
  onEnd,
}: {
  label: string;
  items: Appointment[];
  manage: boolean;
  onEnd?: (a: Appointment) => void;
}) {
  const headers = ['Roll', 'Innehavare', 'Omfattning', 'Beslut', 'Giltighet'];
  return (
    <ScrollTable label={label} minWidth={900}>
      <Table striped aria-label={label}>
        <TableHead headers={manage && onEnd ? [...headers, 'Åtgärd'] : headers} />
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="forordnande">
              <Table.Td>{roleText(a.role)}</Table.Td>
              <Table.Td>{holderText(a)}</Table.Td>
              <Table.Td>
                <ScopeText appointment={a} />
              </Table.Td>
              <Table.Td>
                <DecisionText appointment={a} />
              </Table.Td>
              <Table.Td>
                {validityText(a.validFrom, a.validTo)}
                {a.ended && (
                  <Text size="sm" c="dimmed">
                    Avslutat: {a.ended.reason}
                  </Text>
                )}
              </Table.Td>
              {manage && onEnd && (
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => onEnd(a)}>
                    Avsluta
                    <VisuallyHidden>
                      {' '}
                      {roleText(a.role)} {holderText(a)}
                    </VisuallyHidden>
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/**
 * Förordnanden (R-15, AUD-5, AUD-6, PR-2): who holds which role, by which decision; the delegates
 * are the delegation register's rows (one model, ADR 0034). Roles nobody holds come first, in red.
 */
export function ForordnandenPage() {
  usePageTitle('Förordnanden');
  const { me } = useAuth();
  const manage = canManage(me?.roles ?? []);
  const [ending, setEnding] = useState<Appointment | null>(null);
  const alerts = useQuery({
    queryKey: ['appointment-alerts'],
    queryFn: () => apiJson<Alerts>('/api/v1/appointments/alerts'),
  });
  const appointments = useQuery({
    queryKey: ['appointments'],
    queryFn: () => apiJson<Page<Appointment>>('/api/v1/appointments?pageSize=200'),
  });
  const missing = alerts.data?.missing ?? [];
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Förordnanden</Title>
      <Text c="dimmed">
        Vem som är SAS, MAS, verksamhetschef och delegat, och genom vilket beslut. Delegaterna är samma som i{' '}
        <Anchor component={Link} to="/delegation" underline="always">
          delegationsförteckningen
        </Anchor>
        : det som registreras här gäller direkt för vem som får fatta besluten.
      </Text>
      {missing.length > 0 && (
        <Alert color="red" variant="light" title={missingRolesHeading(missing.length)} role="alert">
          <List size="sm">
            {missing.map((m) => (
              <List.Item key={m.key} c="red.9">
                {m.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {manage && (
        <FormDisclosure label="Registrera ett förordnande">
          {(close) => <NewAppointmentForm onDone={close} />}
        </FormDisclosure>
      )}
      {ending && (
        <Card withBorder padding="sm" bg="gray.0">
          <EndForm key={ending.id} appointment={ending} onDone={() => setEnding(null)} />
        </Card>
      )}
      <QueryState query={appointments} loadingLabel="Hämtar förordnanden…">
        {(page) => {
          const inForce = page.items.filter((a) => a.status === 'active');
          const ended = page.items.filter((a) => a.status === 'ended');
          return (
            <Stack>
              <Title order={3} size="h4">
                Gällande förordnanden
              </Title>
              {inForce.length === 0 ? (
                <Text role="status">Inga gällande förordnanden.</Text>
              ) : (
                <AppointmentTable
                  label="Gällande förordnanden"
                  items={inForce}
                  manage={manage}
                  onEnd={setEnding}
                />
              )}
              <Title order={3} size="h4">
                Avslutade förordnanden
              </Title>
              {ended.length === 0 ? (
                <Text size="sm">Inga avslutade förordnanden.</Text>
              ) : (
                <AppointmentTable label="Avslutade förordnanden" items={ended} manage={false} />
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
