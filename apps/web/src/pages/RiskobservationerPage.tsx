import {
  Anchor,
  Card,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
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
import {
  improvementPlanBody,
  ImprovementPlanFields,
  newImprovementPlanDraft,
} from '../components/ImprovementPlanFields';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { longDate } from '../lib/appointments';
import { formatDate, stockholmDay } from '../lib/format';
import { TRIAGE_OUTCOME_LABELS, triageOutcomeText } from '../lib/handelseanalys';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

type Observation = ApiSchemas['RiskObservationDto'];

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['risk-observations'] });
}

/** CT-14: anyone who works here tells the manager about a risk before something happens. */
function ReportForm({ onDone }: { onDone: (reported: Observation | null) => void }) {
  const { me } = useAuth();
  const unitOptions = useUnitOptions();
  const refresh = useRefresh();
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const report = useMutation({
    mutationFn: () =>
      apiJson<Observation>('/api/v1/risk-observations', {
        method: 'POST',
        body: { unitId, title, description },
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (reported) => {
      refresh();
      onDone(reported);
    },
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-riskobservation">
      <Stack gap="xs">
        <Title order={3} size="h4" id="ny-riskobservation">
          Risk jag har upptäckt
        </Title>
        <Text size="sm">
          Har du sett något som kan leda till att någon skadas eller att något går fel? Beskriv det här, så
          tar din chef ställning till vad som ska göras. Du ser svaret här.
        </Text>
        <Group grow align="start">
          <NativeSelect
            label="Enhet"
            withAsterisk
            data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(report.error, 'unitId')}
          />
          <TextInput
            label="Rubrik"
            withAsterisk
            placeholder="Lös matta vid entrén"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(report.error, 'title')}
          />
        </Group>
        <Textarea
          label="Vad har du sett, och vad kan hända?"
          withAsterisk
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(report.error, 'description')}
        />
        {report.error != null && (
          <ErrorNotice error={report.error} title="Observationen kunde inte skickas" />
        )}
        <FormButtons pending={report.isPending} submit="Skicka till chefen" onCancel={() => onDone(null)} />
      </Stack>
    </form>
  );
}

/** RA-12: into a risk analysis, an improvement action, or no action with a rationale. */
function TriageForm({ observation, onDone }: { observation: Observation; onDone: () => void }) {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('risk_assessment');
  const [rationale, setRationale] = useState('');
  const [title, setTitle] = useState(observation.title);
  const [plan, setPlan] = useState(() => newImprovementPlanDraft(stockholmDay(30)));
  const triage = useMutation({
    mutationFn: () =>
      apiJson<Observation>(`/api/v1/risk-observations/${observation.id}/triage`, {
        method: 'POST',
        body: {
          outcome,
          expectedVersion: observation.version,
          ...(rationale.trim() ? { rationale } : {}),
          ...(outcome === 'improvement_action'
            ? {
                plan: improvementPlanBody(title, plan),
              }
            : {}),
        },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['risk-observation', observation.id], next);
      refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    triage.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ta-stallning">
      <Stack gap="xs">
        <Title order={4} size="h5" id="ta-stallning">
          Ta ställning
        </Title>
        <Radio.Group label="Vad ska observationen leda till?" value={outcome} onChange={setOutcome}>
          <Stack gap={4} mt={4}>
            <Radio value="risk_assessment" label="En riskanalys för enheten" />
            <Radio value="improvement_action" label="En förbättringsåtgärd" />
            <Radio value="no_action" label="Ingen åtgärd" />
          </Stack>
        </Radio.Group>
        {outcome === 'improvement_action' && (
          <>
            <TextInput
              label="Åtgärd"
              withAsterisk
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fieldError(triage.error, 'plan.title')}
            />
            <ImprovementPlanFields value={plan} onChange={setPlan} error={triage.error} />
          </>
        )}
        <Textarea
          label={outcome === 'no_action' ? 'Motivering' : 'Motivering (frivillig)'}
          withAsterisk={outcome === 'no_action'}
          description="Den som rapporterade ser motiveringen."
          autosize
          minRows={2}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          error={fieldError(triage.error, 'rationale')}
        />
        {triage.error != null && <ErrorNotice error={triage.error} title="Det kunde inte sparas" />}
        <FormButtons pending={triage.isPending} submit="Spara" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The chosen observation read from the register itself, so a triage just made shows at once. */
function SelectedObservation({ id, onClose }: { id: string; onClose: () => void }) {
  const observation = useQuery({
    queryKey: ['risk-observation', id],
    queryFn: () => apiJson<Observation>(`/api/v1/risk-observations/${encodeURIComponent(id)}`),
  });
  return (
    <QueryState query={observation} loadingLabel="Hämtar observationen…">
      {(o) => <ObservationPanel observation={o} onClose={onClose} />}
    </QueryState>
  );
}

function ObservationPanel({ observation, onClose }: { observation: Observation; onClose: () => void }) {
  const unitName = useUnitName();
  return (
    <Card withBorder padding="sm" aria-labelledby="vald-observation">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" id="vald-observation">
            {observation.title}
          </Title>
          <Anchor component="button" type="button" size="sm" onClick={onClose}>
            Stäng
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {observation.reference} · {unitName(observation.unitId)} · rapporterad{' '}
          {formatDate(observation.reportedAt)} av {observation.reportedBy}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {observation.description}
        </Text>
        <Text size="sm" fw={500}>
          {triageOutcomeText(observation.triage)}
        </Text>
        {observation.triage?.targetId && observation.triage.outcome === 'risk_assessment' && (
          <Anchor component={Link} to={`/riskanalyser/${observation.triage.targetId}`} size="sm">
            Öppna riskanalysen
          </Anchor>
        )}
        {observation.canTriage && (
          <FormDisclosure label="Ta ställning" initiallyOpen>
            {(close) => <TriageForm observation={observation} onDone={close} />}
          </FormDisclosure>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Risks staff have noticed (CT-14) and the manager's triage (RA-12). Staff see their own and what
 * became of them (IMP-8); managers see their units', untriaged first. A task opens `?observation=`.
 */
export function RiskobservationerPage() {
  usePageTitle('Riskobservationer');
  const { me } = useAuth();
  const managesRegisters = (me?.roles ?? []).some((r) => r !== 'staff');
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('observation');
  const [sent, setSent] = useState<Observation | null>(null);
  const observations = useQuery({
    queryKey: ['risk-observations'],
    queryFn: () => apiJson<Page<Observation>>('/api/v1/risk-observations?pageSize=200'),
  });
  const select = (id: string | null) => setParams(id ? { observation: id } : {}, { replace: true });
  return (
    <Stack style={READABLE_ERRORS}>
      {/* Staff come here from "Rapportera"; the ledningssystem's pages are the managers'. */}
      {managesRegisters ? (
        <Anchor component={Link} to="/ledningssystem" size="sm">
          ← Ledningssystem
        </Anchor>
      ) : (
        <Anchor component={Link} to="/rapportera" size="sm">
          ← Rapportera
        </Anchor>
      )}
      <Title order={2}>Riskobservationer</Title>
      <Text c="dimmed">
        Risker som personalen har upptäckt. Enhetens chef tar ställning till varje observation: en riskanalys,
        en förbättringsåtgärd eller ingen åtgärd med en motivering.
      </Text>
      {sent && (
        <Text role="status" fw={500}>
          Tack! Din observation ”{sent.title}” är skickad till chefen. Du ser svaret här.
        </Text>
      )}
      <FormDisclosure label="Rapportera en risk jag har upptäckt">
        {(close) => (
          <ReportForm
            onDone={(reported) => {
              if (reported) setSent(reported);
              close();
            }}
          />
        )}
      </FormDisclosure>
      {selectedId && <SelectedObservation key={selectedId} id={selectedId} onClose={() => select(null)} />}
      <QueryState query={observations} loadingLabel="Hämtar riskobservationer…">
        {(page) => {
          const waiting = page.items.filter((o) => o.canTriage).length;
          return (
            <Stack>
              {waiting > 0 && (
                <Text fw={700} role="status">
                  {waiting === 1
                    ? '1 observation väntar på att du tar ställning'
                    : `${waiting} observationer väntar på att du tar ställning`}
                </Text>
              )}
              {page.items.length === 0 ? (
                <Text role="status">Inga riskobservationer.</Text>
              ) : (
                <ScrollTable label="Riskobservationer" minWidth={720}>
                  <Table striped aria-label="Riskobservationer">
                    <TableHead
                      headers={['Observation', 'Enhet', 'Rapporterad', 'Ta ställning senast', 'Utfall']}
                    />
                    <Table.Tbody>
                      {page.items.map((o) => (
                        <Table.Tr key={o.id} data-testid="riskobservation-rad">
                          <Table.Td>
                            <Anchor component="button" type="button" onClick={() => select(o.id)}>
                              {o.title}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{unitName(o.unitId)}</Table.Td>
                          <Table.Td>{formatDate(o.reportedAt)}</Table.Td>
                          <Table.Td>{o.triage ? '' : longDate(formatDate(o.triageDueAt))}</Table.Td>
                          <Table.Td>
                            {o.triage ? (
                              TRIAGE_OUTCOME_LABELS[o.triage.outcome]
                            ) : (
                              <Text span size="sm" fw={700}>
                                Väntar
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
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
