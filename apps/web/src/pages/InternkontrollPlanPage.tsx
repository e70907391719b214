import {
  Alert,
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
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { apiJson } from '../api/client';
import type { ApiSchemas } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { LevelBadge, RiskScoreFields } from '../components/RiskScore';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { internkontrollRights, longDate, taskTarget } from '../lib/egenkontroll';
import { todayInStockholm } from '../lib/format';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { StageBadge, type InternkontrollPlan } from './InternkontrollPage';
import { UserPicker } from '../components/UserPicker';
import { PersonName } from '../components/PersonName';

type Risk = ApiSchemas['InternkontrollRiskDto'];
type Control = ApiSchemas['InternkontrollControlDto'];
type Decision = ApiSchemas['DecisionDto'];

function usePlanCommand(plan: InternkontrollPlan, command: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<InternkontrollPlan>(`/api/v1/internkontroll/plans/${plan.id}/${command}`, {
        method: 'POST',
        body: { ...body, expectedVersion: plan.version },
      }),
    onSuccess: (updated) => {
      client.setQueryData(['internkontroll-plan', plan.id], updated);
      void client.invalidateQueries({ queryKey: ['internkontroll-plans'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: ['internkontroll-plan', plan.id] }),
  });
}

const decisionText = (d: Decision) => `Nämnden ${longDate(d.decidedOn)}, ${d.reference}`;

function AddRiskForm({ plan, onDone }: { plan: InternkontrollPlan; onDone: () => void }) {
  const [description, setDescription] = useState('');
  const [probability, setProbability] = useState(2);
  const [severity, setSeverity] = useState(2);
  const [source, setSource] = useState(`Ledningsgruppens riskanalys ${plan.year - 1}`);
  const cmd = usePlanCommand(plan, 'risks');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ description, probability, severity, source }, { onSuccess: onDone });
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={4} size="h5">
          Lägg till en risk
        </Title>
        <Textarea
          label="Risk"
          withAsterisk
          description="Vad kan gå fel, till exempel att missförhållanden inte rapporteras"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(err, 'description')}
        />
        <RiskScoreFields
          idPrefix="ik-ny-risk"
          probability={probability}
          severity={severity}
          onProbability={setProbability}
          onSeverity={setSeverity}
          probabilityError={fieldError(err, 'probability')}
          severityError={fieldError(err, 'severity')}
        />
        <TextInput
          label="Källa"
          withAsterisk
          description="Varifrån risken kommer: riskanalys, revision, IVO …"
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          error={fieldError(err, 'source')}
        />
        {err != null && <ErrorNotice error={err} title="Risken kunde inte läggas till" />}
        <FormButtons pending={cmd.isPending} submit="Lägg till risken" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function SelectRiskForm({
  plan,
  risk,
  onDone,
}: {
  plan: InternkontrollPlan;
  risk: Risk;
  onDone: () => void;
}) {
  const [selected, setSelected] = useState(
    risk.selected === null ? (risk.proposed ? 'yes' : '') : risk.selected ? 'yes' : 'no',
  );
  const [rationale, setRationale] = useState(risk.rationale ?? '');
  const cmd = usePlanCommand(plan, 'select-risk');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate(
      {
        riskId: risk.riskId,
        selected: selected === 'yes' ? true : selected === 'no' ? false : undefined,
        rationale,
      },
      { onSuccess: onDone },
    );
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Radio.Group
          label="Ska risken kontrolleras i årets plan?"
          withAsterisk
          value={selected}
          onChange={setSelected}
          error={fieldError(err, 'selected')}
        >
          <Group mt={4}>
            <Radio value="yes" label="Ja, välj risken" />
            <Radio value="no" label="Nej, välj bort risken" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Motivering"
          withAsterisk
          description="Varför risken väljs eller väljs bort"
          autosize
          minRows={2}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          error={fieldError(err, 'rationale')}
        />
        {err != null && <ErrorNotice error={err} title="Urvalet kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara urvalet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function AddControlForm({ plan, onDone }: { plan: InternkontrollPlan; onDone: () => void }) {
  const chosen = plan.risks.filter((r) => r.selected === true);
  const [riskId, setRiskId] = useState(chosen[0]?.riskId ?? '');
  const [title, setTitle] = useState('');
  const [method, setMethod] = useState('');
  const [responsible, setResponsible] = useState('');
  const [dueDate, setDueDate] = useState('');
  const cmd = usePlanCommand(plan, 'controls');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ riskId, title, method, responsible, dueDate }, { onSuccess: onDone });
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={4} size="h5">
          Lägg till en kontroll
        </Title>
        <NativeSelect
          label="Vald risk som kontrollen gäller"
          withAsterisk
          data={[
            { value: '', label: 'Välj risk' },
            ...chosen.map((r) => ({ value: r.riskId, label: r.description })),
          ]}
          value={riskId}
          onChange={(e) => setRiskId(e.currentTarget.value)}
          error={fieldError(err, 'riskId')}
        />
        <TextInput
          label="Kontroll"
          withAsterisk
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(err, 'title')}
        />
        <Textarea
          label="Metod"
          withAsterisk
          description="Hur kontrollen görs"
          autosize
          minRows={2}
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value)}
          error={fieldError(err, 'method')}
        />
        <Group grow align="start">
          <UserPicker
            label="Ansvarig"
            required
            value={responsible}
            onChange={setResponsible}
            error={fieldError(err, 'responsible')}
          />
          <TextInput
            type="date"
            label="Klar senast"
            withAsterisk
            description={`Ett datum under ${plan.year}`}
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={fieldError(err, 'dueDate')}
          />
        </Group>
        {err != null && <ErrorNotice error={err} title="Kontrollen kunde inte läggas till" />}
        <FormButtons pending={cmd.isPending} submit="Lägg till kontrollen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The nämnd's decision (IK-3, DL-25): only the nämnd decides the plan and receives its report. */
function DecisionFields({
  decidedOn,
  reference,
  onDecidedOn,
  onReference,
  error,
}: {
  decidedOn: string;
  reference: string;
  onDecidedOn: (v: string) => void;
  onReference: (v: string) => void;
  error: unknown;
}) {
  return (
    <Group grow align="start">
      <TextInput
        type="date"
        label="Nämndens sammanträde"
        withAsterisk
        value={decidedOn}
        onChange={(e) => onDecidedOn(e.currentTarget.value)}
        error={fieldError(error, 'decision.decidedOn')}
      />
      <TextInput
        label="Paragraf"
        withAsterisk
        description="Till exempel SN 2026-12-10 § 112"
        value={reference}
        onChange={(e) => onReference(e.currentTarget.value)}
        error={fieldError(error, 'decision.reference')}
      />
    </Group>
  );
}

function AdoptForm({ plan, onDone }: { plan: InternkontrollPlan; onDone: () => void }) {
  const [decidedOn, setDecidedOn] = useState(todayInStockholm());
  const [reference, setReference] = useState('');
  const cmd = usePlanCommand(plan, 'adopt');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ decision: { decidedBy: 'namnd', decidedOn, reference } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={4} size="h5">
          Nämndens beslut om planen
        </Title>
        <Text size="sm">
          Alla risker ska vara valda eller bortvalda med motivering, och varje vald risk ska ha en kontroll.
        </Text>
        <DecisionFields
          decidedOn={decidedOn}
          reference={reference}
          onDecidedOn={setDecidedOn}
          onReference={setReference}
          error={cmd.error}
        />
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Beslutet kunde inte registreras" />}
        <FormButtons pending={cmd.isPending} submit="Registrera nämndens beslut" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ResultForm({
  plan,
  control,
  onDone,
}: {
  plan: InternkontrollPlan;
  control: Control;
  onDone: () => void;
}) {
  const [outcome, setOutcome] = useState('ok');
  const [summary, setSummary] = useState('');
  const [actions, setActions] = useState('');
  const cmd = usePlanCommand(plan, 'control-results');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate(
      { controlId: control.controlId, outcome, summary, ...(actions.trim() ? { actions } : {}) },
      { onSuccess: onDone },
    );
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Radio.Group
          label="Utfall"
          withAsterisk
          value={outcome}
          onChange={setOutcome}
          error={fieldError(err, 'outcome')}
        >
          <Group mt={4}>
            <Radio value="ok" label="Utan anmärkning" />
            <Radio value="deficiencies" label="Brister hittades" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Resultat"
          withAsterisk
          description="Vad kontrollen visade"
          autosize
          minRows={2}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(err, 'summary')}
        />
        <Textarea
          label={outcome === 'deficiencies' ? 'Åtgärder' : 'Åtgärder (valfritt)'}
          withAsterisk={outcome === 'deficiencies'}
          description="Vad som görs åt bristerna"
          autosize
          minRows={2}
          value={actions}
          onChange={(e) => setActions(e.currentTarget.value)}
          error={fieldError(err, 'actions')}
        />
        {err != null && <ErrorNotice error={err} title="Resultatet kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara resultatet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ReportForm({ plan, onDone }: { plan: InternkontrollPlan; onDone: () => void }) {
  const [decidedOn, setDecidedOn] = useState(todayInStockholm());
  const [reference, setReference] = useState('');
  const [summary, setSummary] = useState('');
  const [evaluation, setEvaluation] = useState('');
  const cmd = usePlanCommand(plan, 'report');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate(
      { decision: { decidedBy: 'namnd', decidedOn, reference }, summary, evaluation },
      { onSuccess: onDone },
    );
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={4} size="h5">
          Rapport till nämnden
        </Title>
        <Textarea
          label="Sammanfattning av utfallet"
          withAsterisk
          autosize
          minRows={3}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(err, 'summary')}
        />
        <Textarea
          label="Utvärdering och förslag"
          withAsterisk
          description="Hur den interna kontrollen fungerat, och förslag till ändrade regler eller nästa års plan"
          autosize
          minRows={3}
          value={evaluation}
          onChange={(e) => setEvaluation(e.currentTarget.value)}
          error={fieldError(err, 'evaluation')}
        />
        <DecisionFields
          decidedOn={decidedOn}
          reference={reference}
          onDecidedOn={setDecidedOn}
          onReference={setReference}
          error={err}
        />
        {err != null && <ErrorNotice error={err} title="Rapporten kunde inte registreras" />}
        <FormButtons pending={cmd.isPending} submit="Registrera rapporten" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function selectionText(risk: Risk): string {
  if (risk.selected === true) return 'Vald';
  if (risk.selected === false) return 'Bortvald';
  return risk.proposed ? 'Inte bedömd – föreslås (mycket hög risk)' : 'Inte bedömd';
}

const selectLabel = (risk: Risk) => (risk.selected === null ? 'Välj eller välj bort' : 'Ändra urvalet');

function RisksSection({ plan, manage }: { plan: InternkontrollPlan; manage: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const open = manage && plan.stage === 'risk_analysis';
  const editingRisk = plan.risks.find((r) => r.riskId === editing);
  return (
    <Stack gap="xs">
      <Title order={3}>Riskanalys och urval</Title>
      <Text size="sm" c="dimmed">
        Riskvärdet är sannolikhet × allvarlighetsgrad. Mycket höga risker föreslås till planen; varje risk
        väljs eller väljs bort med en motivering.
      </Text>
      {plan.risks.length === 0 ? (
        <Text role="status">Inga risker än.</Text>
      ) : (
        <ScrollTable label="Risker" minWidth={760}>
          <Table striped aria-label="Risker">
            <TableHead headers={['Risk', 'Källa', 'Riskvärde', 'Urval', 'Motivering', '']} />
            <Table.Tbody>
              {plan.risks.map((r) => (
                <Table.Tr key={r.riskId} data-testid="ik-risk">
                  <Table.Td>{r.description}</Table.Td>
                  <Table.Td>{r.source}</Table.Td>
                  <Table.Td style={{ width: 170 }}>
                    <Stack gap={2} align="start">
                      <Text span size="sm">
                        {r.probability} × {r.severity}
                      </Text>
                      <LevelBadge level={r.level} score={r.score} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{selectionText(r)}</Table.Td>
                  <Table.Td>{r.rationale ?? '–'}</Table.Td>
                  <Table.Td>
                    {open && editing !== r.riskId && (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => setEditing(r.riskId)}
                        aria-label={`${selectLabel(r)}: ${r.description}`}
                      >
                        {selectLabel(r)}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {open && editingRisk && (
        <Card withBorder padding="sm" bg="gray.0">
          <Text size="sm" fw={600} mb="xs">
            {editingRisk.description}
          </Text>
          <SelectRiskForm
            key={editingRisk.riskId}
            plan={plan}
            risk={editingRisk}
            onDone={() => setEditing(null)}
          />
        </Card>
      )}
      {open && (
        <FormDisclosure label="Lägg till en risk">
          {(close) => <AddRiskForm plan={plan} onDone={close} />}
        </FormDisclosure>
      )}
    </Stack>
  );
}

function ControlItem({
  plan,
  control,
  canRecord,
  highlighted,
}: {
  plan: InternkontrollPlan;
  control: Control;
  canRecord: boolean;
  highlighted: boolean;
}) {
  const risk = plan.risks.find((r) => r.riskId === control.riskId);
  const overdue = control.result === null && control.dueDate < todayInStockholm();
  const headingId = `ik-kontroll-${control.controlId}-rubrik`;
  return (
    <Card
      withBorder
      padding="sm"
      id={`kontroll-${control.controlId}`}
      tabIndex={-1}
      role="region"
      aria-labelledby={headingId}
      style={highlighted ? { outline: '3px solid var(--mantine-color-blue-7)' } : undefined}
      data-testid="ik-kontroll"
    >
      <Stack gap={4}>
        <Title order={4} size="h5" id={headingId}>
          {control.title}
        </Title>
        {risk && <Text size="sm">Risk: {risk.description}</Text>}
        <Text size="sm">
          <Text span fw={600}>
            Metod:{' '}
          </Text>
          {control.method}
        </Text>
        <Text size="sm">
          Ansvarig <PersonName username={control.responsible} />, klar senast {longDate(control.dueDate)}
        </Text>
        {control.result ? (
          <Stack gap={2} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-green-7)' }}>
            <Text size="sm" fw={600}>
              {control.result.outcome === 'ok' ? 'Utan anmärkning' : 'Brister hittades'} – registrerat{' '}
              {longDate(control.result.at)} av <PersonName username={control.result.by} />
            </Text>
            <Text size="sm">{control.result.summary}</Text>
            {control.result.actions && <Text size="sm">Åtgärder: {control.result.actions}</Text>}
          </Stack>
        ) : (
          <>
            {overdue && (
              <Text size="sm" c="red.9" fw={700}>
                Saknas – datumet har passerat utan resultat
              </Text>
            )}
            {plan.stage === 'adopted' && canRecord && (
              <FormDisclosure label={`Registrera resultat för ${control.title}`}>
                {(close) => <ResultForm plan={plan} control={control} onDone={close} />}
              </FormDisclosure>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The internkontroll plan of a year (IK-1 … IK-4, DL-25): the risk-scored selection with its reasons,
 * the controls, the nämnd's decision, the results and the report to the nämnd. Each form is shown only
 * to the roles the api lets through; a task from the inbox (`?uppgift=`) scrolls to its control.
 */
export function InternkontrollPlanPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { me } = useAuth();
  const rights = internkontrollRights(me?.roles ?? [], me?.username ?? '');
  const plan = useQuery({
    queryKey: ['internkontroll-plan', id],
    queryFn: () => apiJson<InternkontrollPlan>(`/api/v1/internkontroll/plans/${encodeURIComponent(id)}`),
  });
  const title = plan.data ? `Internkontrollplan ${plan.data.year}` : 'Internkontroll';
  usePageTitle(title);
  const task = plan.data?.tasks.find((t) => t.id === search.get('uppgift'));
  const target = task ? taskTarget(task.dutyKey) : null;
  const targetId = target?.kind === 'control' ? target.id : null;
  useEffect(() => {
    if (!targetId) return;
    const element = document.getElementById(`kontroll-${targetId}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [targetId]);

  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem/internkontroll" size="sm">
        ← Alla internkontrollplaner
      </Anchor>
      <QueryState query={plan} loadingLabel="Hämtar planen…">
        {(p) => (
          <Stack gap="lg">
            <Stack gap="xs">
              <Group gap="sm" align="center">
                <Title order={2}>{title}</Title>
                <StageBadge stage={p.stage} />
              </Group>
              {p.planDecision ? (
                <Text size="sm">Planen beslutad: {decisionText(p.planDecision)}.</Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Nämnden har inte beslutat om planen än. Beslutet ska fattas före den 1 januari {p.year}.
                </Text>
              )}
            </Stack>
            <RisksSection plan={p} manage={rights.manage} />
            <Stack gap="xs">
              <Title order={3}>Kontroller</Title>
              {p.controls.length === 0 ? (
                <Text role="status">Inga kontroller än.</Text>
              ) : (
                p.controls.map((c) => (
                  <ControlItem
                    key={c.controlId}
                    plan={p}
                    control={c}
                    canRecord={rights.recordFor(c.responsible)}
                    highlighted={targetId === c.controlId}
                  />
                ))
              )}
              {rights.manage && p.stage === 'risk_analysis' && p.risks.some((r) => r.selected === true) && (
                <FormDisclosure label="Lägg till en kontroll">
                  {(close) => <AddControlForm plan={p} onDone={close} />}
                </FormDisclosure>
              )}
            </Stack>
            {rights.manage && p.stage === 'risk_analysis' && (
              <FormDisclosure label="Registrera nämndens beslut om planen">
                {(close) => <AdoptForm plan={p} onDone={close} />}
              </FormDisclosure>
            )}
            <Stack gap="xs">
              <Title order={3}>Rapport till nämnden</Title>
              {p.report ? (
                <Alert color="green" variant="light" title="Rapporterad till nämnden" role="status">
                  <Stack gap={4}>
                    <Text size="sm">{decisionText(p.report.decision)}.</Text>
                    <Text size="sm">
                      <Text span fw={600}>
                        Utfall:{' '}
                      </Text>
                      {p.report.summary}
                    </Text>
                    <Text size="sm">
                      <Text span fw={600}>
                        Utvärdering:{' '}
                      </Text>
                      {p.report.evaluation}
                    </Text>
                  </Stack>
                </Alert>
              ) : p.stage === 'adopted' && rights.manage ? (
                <FormDisclosure label="Registrera rapporten till nämnden">
                  {(close) => <ReportForm plan={p} onDone={close} />}
                </FormDisclosure>
              ) : (
                <Text size="sm" c="dimmed">
                  Utfallet rapporteras till nämnden när kontrollerna är gjorda, senast i februari året efter.
                </Text>
              )}
            </Stack>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
