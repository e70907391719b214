import {
  Badge,
  Button,
  Card,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError, apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { ApiSchemas } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PersonName } from '../components/PersonName';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { UserPicker } from '../components/UserPicker';
import { formatDate, formatDateTime, lastDayToIso } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

type Improvement = ApiSchemas['ImprovementDto'];
type Lesson = ApiSchemas['LessonDto'];
type Loaded = { kind: 'proposal' | 'action'; item: Improvement } | { kind: 'lesson'; item: Lesson };

const STAGE_LABELS: Readonly<Record<string, string>> = {
  proposed: 'Väntar på bedömning',
  rejected: 'Avslaget',
  planned: 'Planerat',
  implemented: 'Genomfört, effekten följs upp',
  effective: 'Genomfört med avsedd effekt',
  checking: 'Enheterna prövar lärdomen',
  checked: 'Prövad av alla enheter',
};

const LEVEL_OPTIONS = [
  { value: 'individual', label: 'Det direkta arbetet' },
  { value: 'organisational', label: 'Rutiner och arbetssätt' },
];

const PATHS = {
  proposal: 'improvement-proposals',
  action: 'improvement-actions',
  lesson: 'lessons',
} as const;

/**
 * An improvement task's own page (issue 21): the inbox's "Bedöm förbättringsförslag", "Genomför
 * förbättring", "Följ upp förbättringens effekt", "Återkoppla till förslagsställaren" and "Pröva
 * lärdom" open here, and the step is done here (IMP-2, IMP-4, IMP-8, LC-3, LC-11). A task names the
 * improvement by id only, so a proposal is tried before an action; a lesson is asked for by `?typ=lardom`.
 */
async function loadImprovement(id: string, lesson: boolean): Promise<Loaded> {
  if (lesson) return { kind: 'lesson', item: await apiJson<Lesson>(`/api/v1/lessons/${id}`) };
  try {
    return { kind: 'proposal', item: await apiJson<Improvement>(`/api/v1/improvement-proposals/${id}`) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return { kind: 'action', item: await apiJson<Improvement>(`/api/v1/improvement-actions/${id}`) };
  }
}

function useImprovementCommand(loaded: Loaded, command: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Improvement | Lesson>(`/api/v1/${PATHS[loaded.kind]}/${loaded.item.id}/${command}`, {
        method: 'POST',
        body: { ...body, expectedVersion: loaded.item.version },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['improvement', loaded.item.id] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function StepCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function PlanFields({
  unitId,
  error,
  plan,
  onChange,
}: {
  unitId: string;
  error: unknown;
  plan: Record<string, string>;
  onChange: (field: string, value: string) => void;
}) {
  return (
    <>
      <TextInput
        label="Vad ska göras"
        withAsterisk
        value={plan['title'] ?? ''}
        onChange={(e) => onChange('title', e.currentTarget.value)}
        error={fieldError(error, 'plan.title')}
      />
      <Select
        label="Nivå"
        withAsterisk
        data={LEVEL_OPTIONS}
        value={plan['level'] ?? 'individual'}
        onChange={(v) => onChange('level', v ?? 'individual')}
        allowDeselect={false}
        error={fieldError(error, 'plan.level')}
      />
      <UserPicker
        label="Ansvarig"
        required
        unitId={unitId}
        value={plan['owner'] ?? ''}
        onChange={(v) => onChange('owner', v)}
        error={fieldError(error, 'plan.owner')}
      />
      <TextInput
        type="date"
        label="Klart senast"
        withAsterisk
        value={plan['due'] ?? ''}
        onChange={(e) => onChange('due', e.currentTarget.value)}
        error={fieldError(error, 'plan.dueAt')}
      />
      <Textarea
        label="Förväntad effekt"
        description="Följs upp när förbättringen är genomförd"
        withAsterisk
        autosize
        minRows={2}
        value={plan['expectedEffect'] ?? ''}
        onChange={(e) => onChange('expectedEffect', e.currentTarget.value)}
        error={fieldError(error, 'plan.expectedEffect')}
      />
    </>
  );
}

const planBody = (plan: Record<string, string>) => ({
  title: (plan['title'] ?? '').trim(),
  level: plan['level'] ?? 'individual',
  owner: plan['owner'] ?? '',
  dueAt: lastDayToIso(plan['due'] ?? ''),
  expectedEffect: (plan['expectedEffect'] ?? '').trim(),
});

function AssessStep({ loaded, item }: { loaded: Loaded; item: Improvement }) {
  const run = useImprovementCommand(loaded, 'assess');
  const { me } = useAuth();
  const [decision, setDecision] = useState<'accepted' | 'rejected'>('accepted');
  const [feedback, setFeedback] = useState('');
  const [plan, setPlan] = useState<Record<string, string>>({
    title: item.title,
    level: 'individual',
    owner: me?.username ?? '',
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    run.mutate({
      decision,
      feedback: feedback.trim(),
      ...(decision === 'accepted' ? { plan: planBody(plan) } : {}),
    });
  }
  return (
    <StepCard title="Bedöm förslaget">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group
            label="Beslut"
            withAsterisk
            value={decision}
            onChange={(v) => setDecision(v === 'rejected' ? 'rejected' : 'accepted')}
          >
            <Group mt="xs">
              <Radio value="accepted" label="Anta förslaget" />
              <Radio value="rejected" label="Avslå förslaget" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Återkoppling till den som lämnade förslaget"
            withAsterisk
            autosize
            minRows={2}
            value={feedback}
            onChange={(e) => setFeedback(e.currentTarget.value)}
            error={fieldError(run.error, 'feedback')}
          />
          {decision === 'accepted' && (
            <PlanFields
              unitId={item.unitId}
              error={run.error}
              plan={plan}
              onChange={(field, value) => setPlan((old) => ({ ...old, [field]: value }))}
            />
          )}
          {run.error !== null && <ErrorNotice error={run.error} title="Bedömningen kunde inte sparas" />}
          <Group>
            <Button type="submit" loading={run.isPending}>
              Spara bedömningen
            </Button>
          </Group>
        </Stack>
      </form>
    </StepCard>
  );
}

function ImplementStep({ loaded }: { loaded: Loaded }) {
  const run = useImprovementCommand(loaded, 'implement');
  const [result, setResult] = useState('');
  return (
    <StepCard title="Markera som genomförd">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({ result: result.trim() });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Textarea
            label="Vad som gjordes"
            withAsterisk
            autosize
            minRows={2}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            error={fieldError(run.error, 'result')}
          />
          {run.error !== null && <ErrorNotice error={run.error} title="Det gick inte att spara" />}
          <Group>
            <Button type="submit" loading={run.isPending}>
              Markera som genomförd
            </Button>
          </Group>
        </Stack>
      </form>
    </StepCard>
  );
}

function FollowUpStep({ loaded }: { loaded: Loaded }) {
  const run = useImprovementCommand(loaded, 'follow-up-effect');
  const [effective, setEffective] = useState('');
  const [evidence, setEvidence] = useState('');
  return (
    <StepCard title="Följ upp effekten">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({
            ...(effective === '' ? {} : { effective: effective === 'ja' }),
            evidence: evidence.trim(),
          });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Radio.Group
            label="Gav förbättringen avsedd effekt?"
            withAsterisk
            value={effective}
            onChange={setEffective}
            error={fieldError(run.error, 'effective')}
          >
            <Group mt="xs">
              <Radio value="ja" label="Ja" />
              <Radio value="nej" label="Nej, en ny plan behövs" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Underlag"
            description="Till exempel en ny kontroll eller att inga nya avvikelser har kommit"
            withAsterisk
            autosize
            minRows={2}
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
            error={fieldError(run.error, 'evidence')}
          />
          {run.error !== null && <ErrorNotice error={run.error} title="Uppföljningen kunde inte sparas" />}
          <Group>
            <Button type="submit" loading={run.isPending}>
              Spara uppföljningen
            </Button>
          </Group>
        </Stack>
      </form>
    </StepCard>
  );
}

function ReplanStep({ loaded, item }: { loaded: Loaded; item: Improvement }) {
  const run = useImprovementCommand(loaded, 'replan');
  const [plan, setPlan] = useState<Record<string, string>>({ level: item.plan?.level ?? 'individual' });
  return (
    <StepCard title="Ny plan">
      <Text size="sm">Uppföljningen visade att förbättringen inte gav avsedd effekt.</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({ plan: planBody(plan) });
        }}
        noValidate
      >
        <Stack gap="sm">
          <PlanFields
            unitId={item.unitId}
            error={run.error}
            plan={plan}
            onChange={(field, value) => setPlan((old) => ({ ...old, [field]: value }))}
          />
          {run.error !== null && <ErrorNotice error={run.error} title="Planen kunde inte sparas" />}
          <Group>
            <Button type="submit" loading={run.isPending}>
              Spara den nya planen
            </Button>
          </Group>
        </Stack>
      </form>
    </StepCard>
  );
}

function ReadFeedbackStep({ loaded }: { loaded: Loaded }) {
  const run = useImprovementCommand(loaded, 'read-feedback');
  return (
    <StepCard title="Återkopplingen">
      <Group>
        <Button onClick={() => run.mutate({})} loading={run.isPending}>
          Jag har läst återkopplingen
        </Button>
      </Group>
      {run.error !== null && <ErrorNotice error={run.error} title="Det gick inte att kvittera" />}
    </StepCard>
  );
}

function LessonCheckStep({ loaded, item }: { loaded: Loaded; item: Lesson }) {
  const run = useImprovementCommand(loaded, 'checks');
  const { me } = useAuth();
  const unitName = useUnitName();
  const checked = new Set(item.checks.map((c) => c.unitId));
  const units = item.targetUnitIds.filter((u) => !checked.has(u) && (me?.unitIds ?? []).includes(u));
  const [unitId, setUnitId] = useState(units[0] ?? '');
  const [applicable, setApplicable] = useState('');
  const [result, setResult] = useState('');
  if (units.length === 0) return null;
  return (
    <StepCard title="Pröva lärdomen i din enhet">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({
            unitId,
            ...(applicable === '' ? {} : { applicable: applicable === 'ja' }),
            result: result.trim(),
          });
        }}
        noValidate
      >
        <Stack gap="sm">
          {units.length > 1 && (
            <Select
              label="Enhet"
              data={units.map((u) => ({ value: u, label: unitName(u) }))}
              value={unitId}
              onChange={(v) => setUnitId(v ?? units[0]!)}
              allowDeselect={false}
            />
          )}
          <Radio.Group
            label="Gäller lärdomen er enhet?"
            withAsterisk
            value={applicable}
            onChange={setApplicable}
            error={fieldError(run.error, 'applicable')}
          >
            <Group mt="xs">
              <Radio value="ja" label="Ja" />
              <Radio value="nej" label="Nej" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Vad ni kom fram till"
            withAsterisk
            autosize
            minRows={2}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            error={fieldError(run.error, 'result')}
          />
          {run.error !== null && <ErrorNotice error={run.error} title="Prövningen kunde inte sparas" />}
          <Group>
            <Button type="submit" loading={run.isPending}>
              Spara prövningen
            </Button>
          </Group>
        </Stack>
      </form>
    </StepCard>
  );
}

function ImprovementDetails({ loaded }: { loaded: Loaded }) {
  const unitName = useUnitName();
  const { me } = useAuth();
  if (loaded.kind === 'lesson') {
    const lesson = loaded.item;
    return (
      <Stack gap="md">
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Fact label="Lärdom">{lesson.finding}</Fact>
            <Fact label="Från enhet">{unitName(lesson.sourceUnitId)}</Fact>
            <Fact label="Ska prövas senast">{formatDate(lesson.dueAt)}</Fact>
            <Fact label="Enheter som ska pröva den">{lesson.targetUnitIds.map(unitName).join(', ')}</Fact>
            {lesson.checks.map((c) => (
              <Fact key={c.unitId} label={`Prövad av ${unitName(c.unitId)}`}>
                {`${c.applicable ? 'Gäller enheten' : 'Gäller inte enheten'} – ${c.result} (${formatDateTime(c.at)})`}
              </Fact>
            ))}
          </Stack>
        </Card>
        <LessonCheckStep loaded={loaded} item={lesson} />
      </Stack>
    );
  }
  const item = loaded.item;
  const lastFollowUp = item.followUps.at(-1);
  const needsNewPlan = item.stage === 'planned' && lastFollowUp !== undefined && !lastFollowUp.effective;
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Fact label="Enhet">{unitName(item.unitId)}</Fact>
          <Fact label="Beskrivning">{item.description}</Fact>
          <Fact label="Förväntad effekt">{item.plan?.expectedEffect ?? item.expectedEffect}</Fact>
          {item.proposer && (
            <Fact label="Förslaget lämnades av">
              <PersonName username={item.proposer} />
            </Fact>
          )}
          <Fact label="Bygger på">
            {item.sources
              .filter((source) => source.id !== item.id && source.reference)
              .map((source) => source.reference)
              .join(', ')}
          </Fact>
          {item.plan && (
            <>
              <Fact label="Plan">{item.plan.title}</Fact>
              <Fact label="Ansvarig">
                <PersonName username={item.plan.owner} />
              </Fact>
              <Fact label="Klart senast">{formatDate(item.plan.dueAt)}</Fact>
            </>
          )}
          {item.feedback && (
            <Fact label={item.feedback.decision === 'accepted' ? 'Förslaget antogs' : 'Förslaget avslogs'}>
              {`${item.feedback.text} (${formatDateTime(item.feedback.at)})`}
            </Fact>
          )}
          {item.implementation && (
            <Fact label="Genomfört">
              {`${item.implementation.result} (${formatDateTime(item.implementation.at)}${item.implementation.late ? ', efter utsatt tid' : ''})`}
            </Fact>
          )}
          {item.followUps.map((f) => (
            <Fact
              key={f.at}
              label={f.effective ? 'Uppföljning: avsedd effekt' : 'Uppföljning: ingen avsedd effekt'}
            >
              {`${f.evidence} (${formatDateTime(f.at)})`}
            </Fact>
          ))}
        </Stack>
      </Card>
      {item.stage === 'proposed' && loaded.kind === 'proposal' && <AssessStep loaded={loaded} item={item} />}
      {needsNewPlan && <ReplanStep loaded={loaded} item={item} />}
      {item.stage === 'planned' && !needsNewPlan && <ImplementStep loaded={loaded} />}
      {item.stage === 'implemented' && <FollowUpStep loaded={loaded} />}
      {loaded.kind === 'proposal' &&
        item.feedback &&
        !item.feedback.read &&
        item.proposer === me?.username && <ReadFeedbackStep loaded={loaded} />}
    </Stack>
  );
}

export function ImprovementPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const lesson = search.get('typ') === 'lardom';
  const query = useQuery({
    queryKey: ['improvement', id, lesson],
    queryFn: () => loadImprovement(id, lesson),
  });
  const heading = query.data
    ? `${query.data.kind === 'lesson' ? 'Lärdom' : query.data.kind === 'proposal' ? 'Förbättringsförslag' : 'Förbättringsåtgärd'} ${query.data.item.reference}`
    : 'Förbättringsarbete';
  usePageTitle(heading);
  return (
    <Stack gap="md" maw={760}>
      <QueryState query={query} loadingLabel="Hämtar förbättringsarbetet…">
        {(loaded) => (
          <>
            <Group justify="space-between" align="flex-start">
              <div>
                <Text size="sm" c="dimmed">
                  {heading}
                </Text>
                <Title order={1} size="h2">
                  {loaded.item.title}
                </Title>
              </div>
              <Badge variant="light" size="lg">
                {STAGE_LABELS[loaded.item.stage] ?? 'Pågår'}
              </Badge>
            </Group>
            <ImprovementDetails loaded={loaded} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
