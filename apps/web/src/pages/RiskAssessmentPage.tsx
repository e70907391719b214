import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  RISK_ASSESSMENT_STAGE_LABELS,
  RISK_ASSESSMENT_TRIGGER_LABELS,
  type RiskAssessmentStage,
  type RiskAssessmentTrigger,
} from '@kvalitet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { LevelBadge, RiskScoreFields } from '../components/RiskScore';
import { ScrollTable } from '../components/ScrollTable';
import { describeDue, formatDate, formatDateTime, localInputToIso } from '../lib/format';
import { READABLE_ERRORS, type Risk, type RiskAssessment, type RiskAction } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { useRiskPolicy } from './NewRiskAssessmentPage';
import { UserPicker } from '../components/UserPicker';
import { PersonName } from '../components/PersonName';

/** One command of the analysis; the answer is the updated assessment, which replaces the cached one. */
function useRiskCommand(id: string, command: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<RiskAssessment>(`/api/v1/risk-assessments/${id}/${command}`, { method: 'POST', body }),
    onSuccess: (updated) => {
      client.setQueryData(['risk-assessment', id], updated);
      void client.invalidateQueries({ queryKey: ['risk-assessments'] });
    },
  });
}

/** A form behind a button, so the page stays readable until a step is taken. */
function Disclosure({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button variant="default" size="xs" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  return (
    <Card withBorder padding="sm" bg="gray.0">
      {children(() => setOpen(false))}
    </Card>
  );
}

function FormButtons({
  pending,
  submit,
  onCancel,
}: {
  pending: boolean;
  submit: string;
  onCancel: () => void;
}) {
  return (
    <Group>
      <Button type="submit" size="xs" loading={pending}>
        {submit}
      </Button>
      <Button variant="subtle" size="xs" onClick={onCancel}>
        Avbryt
      </Button>
    </Group>
  );
}

function CausesForm({ ra, risk, onDone }: { ra: RiskAssessment; risk: Risk; onDone: () => void }) {
  const [text, setText] = useState(risk.causes.join('\n'));
  const cmd = useRiskCommand(ra.id, 'causes');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const causes = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    cmd.mutate({ riskId: risk.id, causes }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Orsaker"
          description="En orsak per rad: varför kan det hända? (till exempel bemanning, rutin, miljö, teknik)"
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fieldError(cmd.error, 'causes')}
        />
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Orsakerna kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara orsakerna" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ActionForm({ ra, risk, onDone }: { ra: RiskAssessment; risk: Risk; onDone: () => void }) {
  const { me } = useAuth();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(me?.username ?? '');
  const [due, setDue] = useState('');
  const cmd = useRiskCommand(ra.id, 'actions');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A date is due at the end of the working day, Swedish time.
    const dueAt = due ? localInputToIso(`${due}T16:00`) : null;
    cmd.mutate({ riskId: risk.id, title, owner, dueAt: dueAt ?? due }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label="Åtgärd"
          withAsterisk
          description="Vad ska göras för att minska risken?"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(cmd.error, 'title')}
        />
        <Group grow align="start">
          <UserPicker
            label="Ansvarig"
            required
            description="Den som ska genomföra åtgärden får en uppgift"
            value={owner}
            onChange={setOwner}
            error={fieldError(cmd.error, 'owner')}
          />
          <TextInput
            type="date"
            label="Klart senast"
            withAsterisk
            description="Påminnelse före, eskalering efter datumet"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={fieldError(cmd.error, 'dueAt')}
          />
        </Group>
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Åtgärden kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara åtgärden" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ReassessForm({ ra, risk, onDone }: { ra: RiskAssessment; risk: Risk; onDone: () => void }) {
  const policy = useRiskPolicy();
  const [probability, setProbability] = useState(risk.residual?.probability ?? risk.probability);
  const [severity, setSeverity] = useState(risk.residual?.severity ?? risk.severity);
  const [rationale, setRationale] = useState('');
  const cmd = useRiskCommand(ra.id, 'reassess');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ riskId: risk.id, probability, severity, rationale }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">Bedöm risken som den är efter åtgärderna (kvarstående risk).</Text>
        <RiskScoreFields
          idPrefix={`omprova-${risk.id}`}
          probability={probability}
          severity={severity}
          onProbability={setProbability}
          onSeverity={setSeverity}
          bands={policy.data?.bands}
          probabilityError={fieldError(cmd.error, 'probability')}
          severityError={fieldError(cmd.error, 'severity')}
        />
        <Textarea
          label="Motivering"
          withAsterisk
          description="Varför risken bedöms så efter åtgärderna"
          autosize
          minRows={2}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          error={fieldError(cmd.error, 'rationale')}
        />
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Bedömningen kunde inte sparas" />}
        <FormButtons pending={cmd.isPending} submit="Spara bedömningen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CompleteActionForm({
  ra,
  action,
  onDone,
}: {
  ra: RiskAssessment;
  action: RiskAction;
  onDone: () => void;
}) {
  const [result, setResult] = useState('');
  const cmd = useRiskCommand(ra.id, 'complete-action');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ actionId: action.id, result }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={`Vad gjordes? (${action.title})`}
          withAsterisk
          autosize
          minRows={2}
          value={result}
          onChange={(e) => setResult(e.currentTarget.value)}
          error={fieldError(cmd.error, 'result')}
        />
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Åtgärden kunde inte markeras" />}
        <FormButtons pending={cmd.isPending} submit="Markera som genomförd" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CloseForm({ ra, onDone }: { ra: RiskAssessment; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const cmd = useRiskCommand(ra.id, 'close');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate({ summary }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">
          Riskanalysen kan avslutas när varje risk har orsaker, handlingsplanen är genomförd och risken är
          omprövad efter den sista åtgärden.
        </Text>
        <Textarea
          label="Sammanfattning"
          withAsterisk
          autosize
          minRows={2}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(cmd.error, 'summary')}
        />
        {cmd.error != null && <ErrorNotice error={cmd.error} title="Riskanalysen kunde inte avslutas" />}
        <FormButtons pending={cmd.isPending} submit="Avsluta riskanalysen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function RiskCard({ ra, risk, index }: { ra: RiskAssessment; risk: Risk; index: number }) {
  const can = (c: string) => ra.allowedCommands.includes(c);
  const headingId = `risk-${risk.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId} data-testid="risk">
      <Stack gap="xs">
        <Group justify="space-between" align="start" wrap="nowrap">
          <Title order={4} id={headingId}>
            Risk {index + 1}: {risk.description}
          </Title>
          <LevelBadge level={risk.level} score={risk.score} />
        </Group>
        <Text size="sm">
          Sannolikhet {risk.probability} × allvarlighetsgrad {risk.severity} = {risk.score}. {risk.demand}.
        </Text>
        {risk.residual && (
          <Text size="sm" data-testid="kvarstaende">
            Kvarstående risk: <LevelBadge level={risk.residual.level} score={risk.residual.score} /> –{' '}
            {risk.residual.rationale} (<PersonName username={risk.residual.by} />,{' '}
            {formatDate(risk.residual.at)})
          </Text>
        )}
        {risk.accepted && (
          <Alert color="gray" variant="light" title="Risken är accepterad">
            <Text size="sm">{risk.accepted.rationale}</Text>
          </Alert>
        )}
        <Text size="sm" fw={600}>
          Orsaker
        </Text>
        {risk.causes.length === 0 ? (
          <Text size="sm" c="dimmed">
            Inga orsaker registrerade än.
          </Text>
        ) : (
          <List size="sm">
            {risk.causes.map((c, i) => (
              <List.Item key={i}>{c}</List.Item>
            ))}
          </List>
        )}
        <Group gap="xs" align="start">
          {can('record-causes') && (
            <Disclosure label="Registrera orsaker">
              {(close) => <CausesForm ra={ra} risk={risk} onDone={close} />}
            </Disclosure>
          )}
          {can('add-action') && (
            <Disclosure label="Lägg till åtgärd">
              {(close) => <ActionForm ra={ra} risk={risk} onDone={close} />}
            </Disclosure>
          )}
          {can('reassess') && (
            <Disclosure label="Bedöm om">
              {(close) => <ReassessForm ra={ra} risk={risk} onDone={close} />}
            </Disclosure>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function ActionsTable({ ra }: { ra: RiskAssessment }) {
  const riskNumber = (riskId: string) => ra.risks.findIndex((r) => r.id === riskId) + 1;
  const canComplete = ra.allowedCommands.includes('complete-action');
  if (ra.actions.length === 0) return <Text size="sm">Inga åtgärder än.</Text>;
  return (
    <ScrollTable label="Åtgärder" minWidth={720}>
      <Table striped aria-label="Åtgärder">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Åtgärd</Table.Th>
            <Table.Th scope="col">Risk</Table.Th>
            <Table.Th scope="col">Ansvarig</Table.Th>
            <Table.Th scope="col">Klart senast</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ra.actions.map((a) => {
            const late = a.status === 'open' && a.deadline.status === 'missed';
            return (
              <Table.Tr key={a.id} data-testid="atgard">
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{riskNumber(a.riskId)}</Table.Td>
                <Table.Td>
                  <PersonName username={a.owner} />
                </Table.Td>
                <Table.Td>
                  <span className={late ? 'overdue' : undefined}>{formatDateTime(a.dueAt)}</span>
                  {a.status === 'open' && (
                    <Text span size="sm" ml={6}>
                      ({describeDue(a.dueAt)})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.status === 'completed' ? (
                    <Stack gap={2}>
                      <Badge color="green.9" size="sm">
                        Genomförd
                      </Badge>
                      <Text size="xs">{a.result}</Text>
                    </Stack>
                  ) : (
                    <Stack gap={4}>
                      {late ? (
                        <Badge color="red.9" size="sm">
                          Försenad
                        </Badge>
                      ) : (
                        <Badge color="blue.9" size="sm">
                          Pågår
                        </Badge>
                      )}
                      {canComplete && (
                        <Disclosure label={`Markera som genomförd: ${a.title}`}>
                          {(close) => <CompleteActionForm ra={ra} action={a} onDone={close} />}
                        </Disclosure>
                      )}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

export function RiskAssessmentPage() {
  const { id = '' } = useParams();
  const unitName = useUnitName();
  const query = useQuery({
    queryKey: ['risk-assessment', id],
    queryFn: () => apiJson<RiskAssessment>(`/api/v1/risk-assessments/${encodeURIComponent(id)}`),
  });
  usePageTitle(query.data ? `${query.data.reference} ${query.data.title}` : 'Riskanalys');

  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/riskanalyser" size="sm">
        ← Alla riskanalyser
      </Anchor>
      <QueryState query={query} loadingLabel="Hämtar riskanalysen…">
        {(ra) => (
          <Stack>
            <div>
              <Title order={2}>
                <span data-testid="riskanalys-referens">{ra.reference}</span> {ra.title}
              </Title>
              <Group gap="md" mt={4}>
                <Badge variant="outline" color="dark" size="lg" data-testid="riskanalys-steg">
                  {RISK_ASSESSMENT_STAGE_LABELS[ra.stage as RiskAssessmentStage] ?? ra.stage}
                </Badge>
                <Text size="sm">Enhet: {unitName(ra.unitId)}</Text>
                <Text size="sm">
                  Anledning:{' '}
                  {RISK_ASSESSMENT_TRIGGER_LABELS[ra.trigger as RiskAssessmentTrigger] ?? ra.trigger}
                </Text>
                <Text size="sm">
                  Högsta risk: <LevelBadge level={ra.maxLevel} score={ra.maxScore} />
                </Text>
                {ra.currentMaxScore !== null && ra.currentMaxScore !== ra.maxScore && (
                  <Text size="sm">Högsta aktuella riskvärde: {ra.currentMaxScore}</Text>
                )}
              </Group>
            </div>
            {ra.description && <Text>{ra.description}</Text>}
            {ra.summary && (
              <Alert color="green" variant="light" title="Avslutad">
                <Text size="sm">{ra.summary}</Text>
              </Alert>
            )}
            <Title order={3}>Risker</Title>
            {ra.risks.length === 0 && <Text size="sm">Inga risker beskrivna än.</Text>}
            {ra.risks.map((r, i) => (
              <RiskCard key={r.id} ra={ra} risk={r} index={i} />
            ))}
            <Title order={3}>Handlingsplan</Title>
            <ActionsTable ra={ra} />
            {ra.allowedCommands.includes('close') && (
              <div>
                <Disclosure label="Avsluta riskanalysen">
                  {(close) => <CloseForm ra={ra} onDone={close} />}
                </Disclosure>
              </div>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
