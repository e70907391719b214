import { Anchor, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  EJ_VERKSTALLT_INSATSER,
  EJ_VERKSTALLT_INSATS_LABELS,
  EJ_VERKSTALLT_LAGRUM,
  EJ_VERKSTALLT_LAGRUM_LABELS,
  EJ_VERKSTALLT_REASONS,
  EJ_VERKSTALLT_REASON_LABELS,
} from '@kvalitet/domain';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { longDate } from '../lib/appointments';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

type Beslut = ApiSchemas['EjVerkstalltBeslutDto'];

const QUERY_KEY = ['ej-verkstallda-beslut'];
const options = (codes: readonly string[], labels: Readonly<Record<string, string>>) =>
  codes.map((value) => ({ value, label: labels[value] ?? value }));
const REASON_OPTIONS = [
  { value: '', label: 'Inget skäl angivet' },
  ...options(EJ_VERKSTALLT_REASONS, EJ_VERKSTALLT_REASON_LABELS),
];

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
}

/** AUD-25: a decision not carried out within three months — no name, no free text, only lists and dates. */
function RegisterForm({ onDone }: { onDone: () => void }) {
  const unitOptions = useUnitOptions();
  const refresh = useRefresh();
  const [unitId, setUnitId] = useState('');
  const [lagrum, setLagrum] = useState<string>(EJ_VERKSTALLT_LAGRUM[0]);
  const [insats, setInsats] = useState<string>(EJ_VERKSTALLT_INSATSER[0]);
  const [decisionDate, setDecisionDate] = useState('');
  const [reportedToIvoOn, setReportedToIvoOn] = useState('');
  const [reason, setReason] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const register = useMutation({
    mutationFn: () =>
      apiJson<Beslut>('/api/v1/ej-verkstallda-beslut', {
        method: 'POST',
        body: {
          unitId,
          lagrum,
          insats,
          decisionDate: decisionDate.trim(),
          ...(reportedToIvoOn.trim() ? { reportedToIvoOn: reportedToIvoOn.trim() } : {}),
          ...(reason ? { reason } : {}),
        },
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="nytt-ej-verkstallt">
      <Stack gap="xs">
        <Title order={3} size="h4" id="nytt-ej-verkstallt">
          Registrera ett beslut som inte verkställts
        </Title>
        <Text size="sm">
          Skriv inga namn eller personnummer: registret innehåller bara enhet, insats, lagrum och datum.
        </Text>
        <Group grow align="start">
          <NativeSelect
            label="Enhet"
            withAsterisk
            data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(register.error, 'unitId')}
          />
          <NativeSelect
            label="Lagrum"
            withAsterisk
            data={options(EJ_VERKSTALLT_LAGRUM, EJ_VERKSTALLT_LAGRUM_LABELS)}
            value={lagrum}
            onChange={(e) => setLagrum(e.currentTarget.value)}
            error={fieldError(register.error, 'lagrum')}
          />
          <NativeSelect
            label="Insats"
            withAsterisk
            data={options(EJ_VERKSTALLT_INSATSER, EJ_VERKSTALLT_INSATS_LABELS)}
            value={insats}
            onChange={(e) => setInsats(e.currentTarget.value)}
            error={fieldError(register.error, 'insats')}
          />
        </Group>
        <Group grow align="start">
          <TextInput
            label="Beslutsdatum"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={decisionDate}
            onChange={(e) => setDecisionDate(e.currentTarget.value)}
            error={fieldError(register.error, 'decisionDate')}
          />
          <TextInput
            label="Rapporterat till IVO"
            placeholder="ÅÅÅÅ-MM-DD"
            value={reportedToIvoOn}
            onChange={(e) => setReportedToIvoOn(e.currentTarget.value)}
            error={fieldError(register.error, 'reportedToIvoOn')}
          />
          <NativeSelect
            label="Skäl"
            data={REASON_OPTIONS}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(register.error, 'reason')}
          />
        </Group>
        {register.error != null && <ErrorNotice error={register.error} title="Beslutet kunde inte sparas" />}
        <FormButtons pending={register.isPending} submit="Registrera" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** When the decision was carried out, or reported to IVO. */
function StatusForm({ beslut, onDone }: { beslut: Beslut; onDone: () => void }) {
  const refresh = useRefresh();
  const [verkstalltOn, setVerkstalltOn] = useState(beslut.verkstalltOn ?? '');
  const [reportedToIvoOn, setReportedToIvoOn] = useState(beslut.reportedToIvoOn ?? '');
  const save = useMutation({
    mutationFn: () =>
      apiJson<Beslut>(`/api/v1/ej-verkstallda-beslut/${beslut.id}/status`, {
        method: 'POST',
        body: {
          expectedVersion: beslut.version,
          ...(verkstalltOn.trim() ? { verkstalltOn: verkstalltOn.trim() } : {}),
          ...(reportedToIvoOn.trim() ? { reportedToIvoOn: reportedToIvoOn.trim() } : {}),
        },
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Verkställighet och rapport till IVO">
      <Stack gap="xs">
        <Group grow align="start">
          <TextInput
            label="Verkställt"
            placeholder="ÅÅÅÅ-MM-DD"
            value={verkstalltOn}
            onChange={(e) => setVerkstalltOn(e.currentTarget.value)}
            error={fieldError(save.error, 'verkstalltOn')}
          />
          <TextInput
            label="Rapporterat till IVO"
            placeholder="ÅÅÅÅ-MM-DD"
            value={reportedToIvoOn}
            onChange={(e) => setReportedToIvoOn(e.currentTarget.value)}
            error={fieldError(save.error, 'reportedToIvoOn')}
          />
        </Group>
        {save.error != null && <ErrorNotice error={save.error} title="Uppgifterna kunde inte sparas" />}
        <FormButtons pending={save.isPending} submit="Spara" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/**
 * Ej verkställda beslut (AUD-25, DL-21): kvalitet and the förvaltningschef keep the register; the
 * kvalitetsberättelse and the annual report count it per lagrum, insats and unit (ADR 0037).
 */
export function EjVerkstalldaBeslutPage() {
  usePageTitle('Ej verkställda beslut');
  const { me } = useAuth();
  const canRecord = (me?.roles ?? []).some((r) => r === 'quality_coordinator' || r === 'director');
  const unitName = useUnitName();
  const [editing, setEditing] = useState<string | null>(null);
  const list = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => apiJson<Page<Beslut>>('/api/v1/ej-verkstallda-beslut?pageSize=200'),
  });
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Ej verkställda beslut</Title>
      <Text c="dimmed">
        Beslut om bistånd enligt SoL eller insatser enligt LSS som inte har verkställts inom tre månader. De
        rapporteras till IVO och redovisas för nämnden i kvalitetsberättelsen och årsrapporten.
      </Text>
      {canRecord && (
        <FormDisclosure label="Registrera ett beslut som inte verkställts">
          {(close) => <RegisterForm onDone={close} />}
        </FormDisclosure>
      )}
      <QueryState query={list} loadingLabel="Hämtar ej verkställda beslut…">
        {(page) =>
          page.items.length === 0 ? (
            <Text role="status">Inga ej verkställda beslut är registrerade.</Text>
          ) : (
            <Stack>
              <ScrollTable label="Ej verkställda beslut" minWidth={760}>
                <Table striped aria-label="Ej verkställda beslut">
                  <TableHead
                    headers={[
                      'Beslutsdatum',
                      'Enhet',
                      'Insats',
                      'Lagrum',
                      'Rapporterat till IVO',
                      'Verkställt',
                      'Skäl',
                    ]}
                  />
                  <Table.Tbody>
                    {[...page.items]
                      .sort((a, b) => b.decisionDate.localeCompare(a.decisionDate))
                      .map((b) => (
                        <Table.Tr key={b.id} data-testid="ej-verkstallt-rad">
                          <Table.Td>
                            {canRecord ? (
                              <Anchor component="button" type="button" onClick={() => setEditing(b.id)}>
                                {longDate(b.decisionDate)}
                              </Anchor>
                            ) : (
                              longDate(b.decisionDate)
                            )}
                          </Table.Td>
                          <Table.Td>{unitName(b.unitId)}</Table.Td>
                          <Table.Td>{EJ_VERKSTALLT_INSATS_LABELS[b.insats] ?? 'Annan insats'}</Table.Td>
                          <Table.Td>{EJ_VERKSTALLT_LAGRUM_LABELS[b.lagrum] ?? 'Annat lagrum'}</Table.Td>
                          <Table.Td>{b.reportedToIvoOn ? longDate(b.reportedToIvoOn) : 'Nej'}</Table.Td>
                          <Table.Td>
                            {b.verkstalltOn ? (
                              longDate(b.verkstalltOn)
                            ) : (
                              <Text span size="sm" fw={700}>
                                Inte verkställt
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{b.reason ? (EJ_VERKSTALLT_REASON_LABELS[b.reason] ?? '') : ''}</Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              {editing &&
                (() => {
                  const beslut = page.items.find((b) => b.id === editing);
                  return beslut ? (
                    <Stack gap="xs">
                      <Title order={3} size="h4">
                        Beslut {longDate(beslut.decisionDate)}, {unitName(beslut.unitId)}
                      </Title>
                      <StatusForm key={beslut.id} beslut={beslut} onDone={() => setEditing(null)} />
                    </Stack>
                  ) : null;
                })()}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
