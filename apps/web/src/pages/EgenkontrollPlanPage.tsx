import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  CONTROL_FREQUENCIES,
  EGENKONTROLL_KIND_LABELS,
  type ControlFrequency,
  type EgenkontrollKind,
} from '@kvalitet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { ApiSchemas } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import {
  egenkontrollRights,
  FREQUENCY_LABELS,
  longDate,
  occurrenceLabel,
  taskTarget,
} from '../lib/egenkontroll';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { PlanStatusBadge, type EgenkontrollPlan } from './EgenkontrollPage';
import { UserPicker } from '../components/UserPicker';
import { PersonName } from '../components/PersonName';

type Control = ApiSchemas['PlannedControlDto'];
type Occurrence = ApiSchemas['OccurrenceDto'];
type Result = ApiSchemas['ControlResultDto'];
type Finding = ApiSchemas['FindingDto'];
type CatalogueEntry = ApiSchemas['CatalogueEntryDto'];

const kindLabel = (kind: string) => EGENKONTROLL_KIND_LABELS[kind as EgenkontrollKind] ?? kind;
const frequencyLabel = (f: string) => FREQUENCY_LABELS[f as ControlFrequency] ?? f;

/** One command on the plan; the answer is the plan, which replaces the cached one. */
function usePlanCommand(plan: EgenkontrollPlan, command: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<EgenkontrollPlan>(`/api/v1/egenkontroll/plans/${plan.id}/${command}`, {
        method: 'POST',
        body: { ...body, expectedVersion: plan.version },
      }),
    onSuccess: (updated) => {
      client.setQueryData(['egenkontroll-plan', plan.id], updated);
      void client.invalidateQueries({ queryKey: ['egenkontroll-plans'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: ['egenkontroll-plan', plan.id] }),
  });
}

function AddControlForm({ plan, onDone }: { plan: EgenkontrollPlan; onDone: () => void }) {
  const { me } = useAuth();
  const catalogue = useQuery({
    queryKey: ['egenkontroll-catalogue'],
    queryFn: () => apiJson<CatalogueEntry[]>('/api/v1/egenkontroll/catalogue'),
    staleTime: 60 * 60_000,
  });
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [method, setMethod] = useState('');
  const [sampleRule, setSampleRule] = useState('');
  const [frequency, setFrequency] = useState<ControlFrequency>('yearly');
  const [responsible, setResponsible] = useState(me?.username ?? '');
  const cmd = usePlanCommand(plan, 'controls');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const control: Record<string, unknown> = { kind, title, method, frequency, responsible };
    if (sampleRule.trim()) control['sampleRule'] = sampleRule;
    cmd.mutate({ control }, { onSuccess: onDone });
  };
  const err = cmd.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Lägg till en kontroll
        </Title>
        <QueryState query={catalogue} loadingLabel="Hämtar katalogen…">
          {(entries) => (
            <NativeSelect
              label="Typ av kontroll"
              withAsterisk
              description="Från katalogen över egenkontroller"
              data={[
                { value: '', label: 'Välj typ' },
                ...entries.map((c) => ({ value: c.kind, label: c.label })),
              ]}
              value={kind}
              onChange={(e) => {
                const next = e.currentTarget.value;
                const entry = entries.find((c) => c.kind === next);
                if (entry && (title === '' || entries.some((c) => c.label === title))) setTitle(entry.label);
                setKind(next);
              }}
              error={fieldError(err, 'control.kind')}
            />
          )}
        </QueryState>
        <TextInput
          label="Namn på kontrollen"
          withAsterisk
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(err, 'control.title')}
        />
        <Textarea
          label="Metod"
          withAsterisk
          description="Hur kontrollen görs, till exempel stickprov i åtkomstloggen"
          autosize
          minRows={2}
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value)}
          error={fieldError(err, 'control.method')}
        />
        <TextInput
          label="Urval (valfritt)"
          description="Till exempel två ärenden per handläggare, tre månader bakåt"
          value={sampleRule}
          onChange={(e) => setSampleRule(e.currentTarget.value)}
          error={fieldError(err, 'control.sampleRule')}
        />
        <Group grow align="start">
          <NativeSelect
            label="Hur ofta"
            withAsterisk
            data={CONTROL_FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
            value={frequency}
            onChange={(e) => setFrequency(e.currentTarget.value as ControlFrequency)}
            error={fieldError(err, 'control.frequency')}
          />
          <UserPicker
            label="Ansvarig"
            required
            description="Får en uppgift inför varje tillfälle"
            value={responsible}
            onChange={setResponsible}
            error={fieldError(err, 'control.responsible')}
          />
        </Group>
        {err != null && <ErrorNotice error={err} title="Kontrollen kunde inte läggas till" />}
        <FormButtons pending={cmd.isPending} submit="Lägg till kontrollen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function AdoptForm({ plan, onDone }: { plan: EgenkontrollPlan; onDone: () => void }) {
  const cmd = usePlanCommand(plan, 'adopt');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({}, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">
          När planen är fastställd blir varje kontrolltillfälle en uppgift till den ansvarige, med påminnelse
          och eskalering. Kontroller kan inte längre läggas till.
        </Text>
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Planen kunde inte fastställas" />}
        <FormButtons pending={cmd.isPending} submit="Fastställ planen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

interface FindingDraft {
  key: number;
  description: string;
  handling: 'deviation' | 'action' | 'none';
  title: string;
  owner: string;
  dueDate: string;
}

const HANDLING_LABELS: Readonly<Record<FindingDraft['handling'], string>> = {
  deviation: 'Rapporteras som avvikelse (blir ett ärende)',
  action: 'Blir en åtgärd med ansvarig och datum',
  none: 'Noteras utan åtgärd',
};

function ResultForm({
  plan,
  control,
  occurrence,
  onDone,
}: {
  plan: EgenkontrollPlan;
  control: Control;
  occurrence: Occurrence;
  onDone: () => void;
}) {
  const { me } = useAuth();
  const [result, setResult] = useState('');
  const [analysis, setAnalysis] = useState('');
  const [noActions, setNoActions] = useState(false);
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const nextKey = useRef(0);
  const cmd = usePlanCommand(plan, 'results');
  const acted = findings.some((f) => f.handling !== 'none');
  const update = (key: number, patch: Partial<FindingDraft>) =>
    setFindings((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate(
      {
        controlId: control.controlId,
        occurrence: occurrence.occurrence,
        result,
        analysis,
        noActions: noActions && !acted,
        findings: findings.map((f) => ({
          description: f.description,
          handling: f.handling,
          ...(f.handling === 'action'
            ? { action: { title: f.title, owner: f.owner, dueDate: f.dueDate } }
            : {}),
        })),
      },
      { onSuccess: onDone },
    );
  };
  const err = cmd.error;
  const label = occurrenceLabel(occurrence.occurrence);
  return (
    <form onSubmit={submit} noValidate aria-label={`Resultat för ${control.title}, ${label}`}>
      <Stack gap="xs">
        <Title order={4} size="h5">
          Resultat för {label}
        </Title>
        <Text size="sm">
          Kontrollen räknas som gjord när resultat och analys är ifyllda och du har angett åtgärder eller
          kryssat i att inga åtgärder behövs.
        </Text>
        <Textarea
          label="Resultat"
          withAsterisk
          description="Vad kontrollen visade"
          autosize
          minRows={2}
          value={result}
          onChange={(e) => setResult(e.currentTarget.value)}
          error={fieldError(err, 'result')}
        />
        <Textarea
          label="Analys"
          withAsterisk
          description="Vad resultatet betyder och varför det blev så"
          autosize
          minRows={2}
          value={analysis}
          onChange={(e) => setAnalysis(e.currentTarget.value)}
          error={fieldError(err, 'analysis')}
        />
        {findings.map((f, i) => (
          <Card withBorder padding="xs" key={f.key} role="group" aria-label={`Fynd ${i + 1}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600}>Fynd {i + 1}</Text>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => setFindings((all) => all.filter((o) => o.key !== f.key))}
                >
                  Ta bort fynd {i + 1}
                </Button>
              </Group>
              <Textarea
                label="Vad som hittades"
                withAsterisk
                autosize
                minRows={2}
                value={f.description}
                onChange={(e) => update(f.key, { description: e.currentTarget.value })}
                error={fieldError(err, `findings[${i}].description`)}
              />
              <NativeSelect
                label="Hantering"
                withAsterisk
                data={Object.entries(HANDLING_LABELS).map(([value, l]) => ({ value, label: l }))}
                value={f.handling}
                onChange={(e) =>
                  update(f.key, { handling: e.currentTarget.value as FindingDraft['handling'] })
                }
                error={fieldError(err, `findings[${i}].handling`)}
              />
              {f.handling === 'action' && (
                <>
                  <TextInput
                    label="Åtgärd"
                    withAsterisk
                    value={f.title}
                    onChange={(e) => update(f.key, { title: e.currentTarget.value })}
                    error={fieldError(err, `findings[${i}].action.title`)}
                  />
                  <Group grow align="start">
                    <UserPicker
                      label="Ansvarig för åtgärden"
                      required
                      value={f.owner}
                      onChange={(owner) => update(f.key, { owner })}
                      error={fieldError(err, `findings[${i}].action.owner`)}
                    />
                    <TextInput
                      type="date"
                      label="Klar senast"
                      withAsterisk
                      value={f.dueDate}
                      onChange={(e) => update(f.key, { dueDate: e.currentTarget.value })}
                      error={fieldError(err, `findings[${i}].action.dueDate`)}
                    />
                  </Group>
                </>
              )}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              const key = nextKey.current++;
              setFindings((all) => [
                ...all,
                {
                  key,
                  description: '',
                  handling: 'action',
                  title: '',
                  owner: me?.username ?? '',
                  dueDate: '',
                },
              ]);
            }}
          >
            Lägg till ett fynd
          </Button>
        </Group>
        <Checkbox
          label="Inga åtgärder behövs"
          description={
            acted
              ? 'Går inte att välja när ett fynd blir en avvikelse eller en åtgärd'
              : 'Kryssa i när kontrollen inte ledde till någon åtgärd'
          }
          checked={noActions && !acted}
          disabled={acted}
          onChange={(e) => setNoActions(e.currentTarget.checked)}
          error={fieldError(err, 'noActions')}
        />
        {err != null && <ErrorNotice error={err} title="Resultatet kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara resultatet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CompleteActionForm({
  plan,
  actionId,
  onDone,
}: {
  plan: EgenkontrollPlan;
  actionId: string;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const cmd = usePlanCommand(plan, 'complete-action');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ actionId, note }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Vad som gjordes"
          withAsterisk
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(cmd.error, 'note')}
        />
        {cmd.error != null && (
          <ErrorNotice error={cmd.error} title="Åtgärden kunde inte markeras som genomförd" />
        )}
        <FormButtons pending={cmd.isPending} submit="Markera som genomförd" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function FindingItem({
  plan,
  finding,
  canRecord,
}: {
  plan: EgenkontrollPlan;
  finding: Finding;
  canRecord: boolean;
}) {
  const action = finding.action;
  return (
    <List.Item>
      <Text size="sm">{finding.description}</Text>
      {finding.handling === 'deviation' && (
        <Text size="sm">
          Rapporterad som avvikelse
          {finding.caseId ? (
            <>
              {': '}
              <Anchor component={Link} to={`/arenden/${finding.caseId}`}>
                {finding.caseNumber ?? 'ärendet'}
              </Anchor>
            </>
          ) : null}
        </Text>
      )}
      {finding.handling === 'none' && (
        <Text size="sm" c="dimmed">
          Noterat utan åtgärd
        </Text>
      )}
      {action && (
        <Stack gap={4} id={`atgard-${action.actionId}`} tabIndex={-1}>
          <Text size="sm">
            Åtgärd: {action.title} – <PersonName username={action.owner} />, klar senast{' '}
            {longDate(action.dueDate)}
          </Text>
          {action.completedAt ? (
            <Text size="sm" c="#1b4d24">
              Genomförd {longDate(action.completedAt)}: {action.completionNote}
            </Text>
          ) : canRecord ? (
            <FormDisclosure label={`Markera åtgärden ”${action.title}” som genomförd`}>
              {(close) => <CompleteActionForm plan={plan} actionId={action.actionId} onDone={close} />}
            </FormDisclosure>
          ) : (
            <Text size="sm" c="dimmed">
              Inte genomförd än
            </Text>
          )}
        </Stack>
      )}
    </List.Item>
  );
}

function ResultView({
  plan,
  result,
  canRecord,
}: {
  plan: EgenkontrollPlan;
  result: Result;
  canRecord: boolean;
}) {
  return (
    <Stack gap={4} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-green-7)' }}>
      <Text size="sm" fw={600}>
        {occurrenceLabel(result.occurrence)}: registrerat {longDate(result.recordedAt)} av {result.recordedBy}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          Resultat:{' '}
        </Text>
        {result.result}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          Analys:{' '}
        </Text>
        {result.analysis}
      </Text>
      {result.findings.length > 0 ? (
        <List size="sm" spacing={4}>
          {result.findings.map((f) => (
            <FindingItem key={f.findingId} plan={plan} finding={f} canRecord={canRecord} />
          ))}
        </List>
      ) : (
        result.noActions && <Text size="sm">Inga åtgärder behövs.</Text>
      )}
    </Stack>
  );
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  done: 'Gjord',
  pending: 'Kommande',
  missing: 'Saknas – datumet har passerat utan resultat',
};

function OccurrenceStatus({ status, adopted }: { status: string; adopted: boolean }) {
  // A draft plan's controls were never due: nothing is missing until the plan is adopted (AUD-11).
  if (!adopted && status !== 'done') return <Text span>Planerad</Text>;
  if (status === 'missing')
    return (
      <Text span c="red.9" fw={700} data-testid="saknas">
        {STATUS_TEXT[status]}
      </Text>
    );
  return (
    <Text span c={status === 'done' ? '#1b4d24' : undefined}>
      {STATUS_TEXT[status] ?? status}
    </Text>
  );
}

function ControlCard({
  plan,
  control,
  canRecord,
  highlighted,
}: {
  plan: EgenkontrollPlan;
  control: Control;
  canRecord: boolean;
  highlighted: boolean;
}) {
  const [recording, setRecording] = useState<string | null>(null);
  const occurrences = plan.occurrences.filter((o) => o.controlId === control.controlId);
  const results = plan.results.filter((r) => r.controlId === control.controlId);
  const missing = plan.status === 'adopted' ? occurrences.filter((o) => o.status === 'missing').length : 0;
  const open = plan.status === 'adopted' && canRecord;
  const recordingOccurrence = occurrences.find((o) => o.occurrence === recording);
  const headingId = `kontroll-${control.controlId}-rubrik`;
  return (
    <Card
      withBorder
      padding="md"
      id={`kontroll-${control.controlId}`}
      tabIndex={-1}
      role="region"
      aria-labelledby={headingId}
      style={highlighted ? { outline: '3px solid var(--mantine-color-blue-7)' } : undefined}
      data-testid="kontroll"
    >
      <Stack gap="xs">
        <Group justify="space-between" align="start">
          <Title order={3} size="h4" id={headingId}>
            {control.title}
          </Title>
          {missing > 0 && (
            <Badge color="red.9" styles={{ root: { textTransform: 'none' } }}>
              {missing} saknar resultat
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {kindLabel(control.kind) === control.title ? '' : `${kindLabel(control.kind)} · `}
          {frequencyLabel(control.frequency)} · ansvarig <PersonName username={control.responsible} />
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            Metod:{' '}
          </Text>
          {control.method}
        </Text>
        {control.sampleRule && (
          <Text size="sm">
            <Text span fw={600}>
              Urval:{' '}
            </Text>
            {control.sampleRule}
          </Text>
        )}
        <ScrollTable label={`Tillfällen för ${control.title}`} minWidth={520}>
          <Table aria-label={`Tillfällen för ${control.title}`}>
            <TableHead headers={['Tillfälle', 'Senast', 'Status', '']} />
            <Table.Tbody>
              {occurrences.map((o) => (
                <Table.Tr
                  key={o.occurrence}
                  data-testid="tillfalle"
                  bg={o.status === 'missing' && plan.status === 'adopted' ? 'red.0' : undefined}
                >
                  <Table.Td>{occurrenceLabel(o.occurrence)}</Table.Td>
                  <Table.Td>{longDate(o.dueAt, true)}</Table.Td>
                  <Table.Td>
                    <OccurrenceStatus status={o.status} adopted={plan.status === 'adopted'} />
                  </Table.Td>
                  <Table.Td>
                    {open && o.status !== 'done' && recording !== o.occurrence && (
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => setRecording(o.occurrence)}
                        aria-label={`Registrera resultat för ${occurrenceLabel(o.occurrence)}`}
                      >
                        Registrera resultat
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {recordingOccurrence && (
          <Card withBorder padding="sm" bg="gray.0">
            <ResultForm
              key={recordingOccurrence.occurrence}
              plan={plan}
              control={control}
              occurrence={recordingOccurrence}
              onDone={() => setRecording(null)}
            />
          </Card>
        )}
        {results.map((r) => (
          <ResultView key={r.occurrence} plan={plan} result={r} canRecord={canRecord} />
        ))}
      </Stack>
    </Card>
  );
}

/**
 * One unit's egenkontroll plan for a year (EK-1 … EK-5, AUD-11): its controls from the catalogue,
 * every occurrence (done, coming, missing in red), the results with analysis and actions. A task
 * from the inbox (`?uppgift=`) scrolls to the control or action it is about.
 */
export function EgenkontrollPlanPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { me } = useAuth();
  const rights = egenkontrollRights(me?.roles ?? []);
  const unitName = useUnitName();
  const plan = useQuery({
    queryKey: ['egenkontroll-plan', id],
    queryFn: () => apiJson<EgenkontrollPlan>(`/api/v1/egenkontroll/plans/${encodeURIComponent(id)}`),
  });
  const title = plan.data ? `Egenkontroll ${plan.data.year} – ${unitName(plan.data.unitId)}` : 'Egenkontroll';
  usePageTitle(title);
  const taskId = search.get('uppgift');
  const task = plan.data?.tasks.find((t) => t.id === taskId);
  const target = task ? taskTarget(task.dutyKey) : null;
  const targetElement = target ? `${target.kind === 'control' ? 'kontroll' : 'atgard'}-${target.id}` : null;
  useEffect(() => {
    if (!targetElement) return;
    const element = document.getElementById(targetElement);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [targetElement]);

  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem/egenkontroll" size="sm">
        ← Alla egenkontrollplaner
      </Anchor>
      <QueryState query={plan} loadingLabel="Hämtar planen…">
        {(p) => (
          <Stack>
            <Group gap="sm" align="center">
              <Title order={2}>{title}</Title>
              <PlanStatusBadge status={p.status} />
            </Group>
            {p.adoptedAt && (
              <Text size="sm" c="dimmed">
                Fastställd {longDate(p.adoptedAt)} av {p.adoptedBy}.
              </Text>
            )}
            {p.missing > 0 && (
              <Alert color="red" variant="light" title="Kontroller saknar resultat" role="status">
                {p.missing === 1
                  ? 'Ett kontrolltillfälle har passerat sitt datum utan resultat.'
                  : `${p.missing} kontrolltillfällen har passerat sitt datum utan resultat.`}
              </Alert>
            )}
            {p.status === 'draft' && (
              <Text size="sm">
                Planen är ett utkast. Lägg till kontrollerna och fastställ planen; då blir varje tillfälle en
                uppgift till den ansvarige.
              </Text>
            )}
            {p.status === 'draft' && rights.manage && (
              <Stack gap="xs">
                <FormDisclosure label="Lägg till en kontroll">
                  {(close) => <AddControlForm plan={p} onDone={close} />}
                </FormDisclosure>
                {p.controls.length > 0 && (
                  <FormDisclosure label="Fastställ planen">
                    {(close) => <AdoptForm plan={p} onDone={close} />}
                  </FormDisclosure>
                )}
              </Stack>
            )}
            {p.controls.length === 0 ? (
              <Text role="status">Planen har inga kontroller än.</Text>
            ) : (
              p.controls.map((c) => (
                <ControlCard
                  key={c.controlId}
                  plan={p}
                  control={c}
                  canRecord={rights.record}
                  highlighted={target?.kind === 'control' && target.id === c.controlId}
                />
              ))
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
