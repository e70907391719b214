import {
  Anchor,
  Badge,
  Card,
  Group,
  List,
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
import { Link, useParams } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useUnitName } from '../api/hooks';
import type { ApiSchemas } from '../api/types';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import {
  improvementPlanBody,
  ImprovementPlanFields,
  newImprovementPlanDraft,
} from '../components/ImprovementPlanFields';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { longDate, todayInStockholm } from '../lib/appointments';
import { formatDate, stockholmDay } from '../lib/format';
import {
  ANALYSIS_STATUS_LABELS,
  CAUSE_KIND_LABELS,
  IMPROVEMENT_STAGE_LABELS,
  timelineMoment,
} from '../lib/handelseanalys';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { parseTeam } from './HandelseanalyserPage';
import { PersonName } from '../components/PersonName';

type Analysis = ApiSchemas['EventAnalysisDto'];

function useAnalysisCommand(analysis: Analysis, path: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Analysis>(`/api/v1/handelseanalyser/${analysis.id}/${path}`, {
        method: 'POST',
        body: { ...body, expectedVersion: analysis.version },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['event-analysis', analysis.id], next);
      void queryClient.invalidateQueries({ queryKey: ['event-analyses'] });
      onDone?.();
    },
  });
}

function TimelineForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const [when, setWhen] = useState(todayInStockholm());
  const [what, setWhat] = useState('');
  const [role, setRole] = useState('');
  const add = useAnalysisCommand(analysis, 'timeline', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ when: when.trim(), what, role });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-handelse">
      <Stack gap="xs">
        <Title order={4} size="h5" id="ny-handelse">
          Lägg till i tidslinjen
        </Title>
        <Text size="sm">Skriv roller, inte namn: tidslinjen kan läsas i nämndens material.</Text>
        <Group grow align="start">
          <TextInput
            label="När"
            description="Datum, gärna med klockslag: 2026-03-01 14:30"
            withAsterisk
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            error={fieldError(add.error, 'when')}
          />
          <TextInput
            label="Vem (roll)"
            withAsterisk
            placeholder="Undersköterska"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            error={fieldError(add.error, 'role')}
          />
        </Group>
        <Textarea
          label="Vad hände"
          withAsterisk
          autosize
          minRows={2}
          value={what}
          onChange={(e) => setWhat(e.currentTarget.value)}
          error={fieldError(add.error, 'what')}
        />
        {add.error != null && <ErrorNotice error={add.error} title="Händelsen kunde inte läggas till" />}
        <FormButtons pending={add.isPending} submit="Lägg till" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CauseForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState('contributing');
  const [description, setDescription] = useState('');
  const add = useAnalysisCommand(analysis, 'causes', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ category, kind, description });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-orsak">
      <Stack gap="xs">
        <Title order={4} size="h5" id="ny-orsak">
          Lägg till en orsak
        </Title>
        <NativeSelect
          label="Kategori"
          withAsterisk
          data={[
            { value: '', label: 'Välj kategori' },
            ...analysis.categories.map((c) => ({ value: c.code, label: c.label })),
          ]}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
          error={fieldError(add.error, 'category')}
        />
        <Radio.Group
          label="Slag av orsak"
          value={kind}
          onChange={setKind}
          error={fieldError(add.error, 'kind')}
        >
          <Group mt={4}>
            <Radio value="contributing" label="Bidragande orsak" />
            <Radio value="root" label="Grundorsak" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Beskrivning"
          withAsterisk
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(add.error, 'description')}
        />
        {add.error != null && <ErrorNotice error={add.error} title="Orsaken kunde inte läggas till" />}
        <FormButtons pending={add.isPending} submit="Lägg till orsaken" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** An improvement action with the analysis as its source (IMP-1), against the analysis's own causes. */
function ActionForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [plan, setPlan] = useState(() => newImprovementPlanDraft(stockholmDay(30)));
  const [unitId, setUnitId] = useState(analysis.unitId);
  const [causes, setCauses] = useState<string[]>([]);
  const unitName = useUnitName();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: () =>
      apiJson('/api/v1/improvement-actions', {
        method: 'POST',
        body: {
          unitId,
          source: { eventAnalysisId: analysis.id, causes },
          plan: improvementPlanBody(title, plan),
        },
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['event-analysis', analysis.id] });
      onDone();
    },
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const describedCauses = analysis.causes.filter((c) => c.description !== null);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-atgard">
      <Stack gap="xs">
        <Title order={4} size="h5" id="ny-atgard">
          Besluta en åtgärd
        </Title>
        <TextInput
          label="Åtgärd"
          withAsterisk
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(create.error, 'plan.title')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Orsaker som åtgärden riktar sig mot
          </Text>
          {describedCauses.map((c) => (
            <label key={c.causeId} style={{ display: 'flex', gap: 8, fontSize: 14 }}>
              <input
                type="checkbox"
                checked={causes.includes(c.description!)}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setCauses((current) =>
                    checked ? [...current, c.description!] : current.filter((d) => d !== c.description),
                  );
                }}
              />
              {c.description} ({c.categoryLabel.toLowerCase()})
            </label>
          ))}
          {fieldError(create.error, 'source') && (
            <Text size="sm" c="red.9">
              {fieldError(create.error, 'source')}
            </Text>
          )}
        </Stack>
        <ImprovementPlanFields value={plan} onChange={setPlan} error={create.error}>
          <NativeSelect
            label="Enhet"
            data={analysis.unitIds.map((u) => ({ value: u, label: unitName(u) }))}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(create.error, 'unitId')}
          />
        </ImprovementPlanFields>
        {create.error != null && <ErrorNotice error={create.error} title="Åtgärden kunde inte sparas" />}
        <FormButtons pending={create.isPending} submit="Spara åtgärden" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function TeamForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const [team, setTeam] = useState(analysis.team.map((m) => `${m.name}, ${m.role}`).join('\n'));
  const save = useAnalysisCommand(analysis, 'team', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ team: parseTeam(team) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Ändra analysteamet">
      <Stack gap="xs">
        <Textarea
          label="Analysteam"
          description="En person per rad: namn, roll"
          autosize
          minRows={3}
          value={team}
          onChange={(e) => setTeam(e.currentTarget.value)}
          error={fieldError(save.error, 'team')}
        />
        {save.error != null && <ErrorNotice error={save.error} title="Teamet kunde inte sparas" />}
        <FormButtons pending={save.isPending} submit="Spara teamet" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CompleteForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const complete = useAnalysisCommand(analysis, 'complete', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.mutate({ summary });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="avsluta-analys">
      <Stack gap="xs">
        <Title order={4} size="h5" id="avsluta-analys">
          Avsluta analysen
        </Title>
        <Textarea
          label="Sammanfattning"
          description="Vad ledde till händelsen och vad lär vi oss?"
          withAsterisk
          autosize
          minRows={3}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(complete.error, 'summary')}
        />
        {complete.error != null && (
          <ErrorNotice error={complete.error} title="Analysen kunde inte avslutas" />
        )}
        <FormButtons pending={complete.isPending} submit="Avsluta analysen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** Who decides improvement actions (the api's canHandleImprovement): managers and kvalitet. */
const ACTION_DECIDERS = ['quality_coordinator', 'unit_manager', 'division_manager', 'director'];

function AnalysisView({ analysis }: { analysis: Analysis }) {
  const unitName = useUnitName();
  const { me } = useAuth();
  const decidesActions = (me?.roles ?? []).some((r) => ACTION_DECIDERS.includes(r));
  const open = analysis.status === 'started';
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2}>{analysis.title}</Title>
          <Text size="sm" c="dimmed">
            {analysis.reference} · analysledare <PersonName username={analysis.owner} /> · startad{' '}
            {formatDate(analysis.startedAt)}
          </Text>
        </Stack>
        <Badge
          color={open ? 'blue.8' : 'gray.8'}
          variant="filled"
          size="lg"
          styles={{ root: { textTransform: 'none' } }}
        >
          {ANALYSIS_STATUS_LABELS[analysis.status] ?? analysis.status}
        </Badge>
      </Group>
      {analysis.restricted && (
        <Text size="sm" role="status">
          Du får inte läsa alla ärenden som analysen gäller, så beskrivningarna visas inte.
        </Text>
      )}

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={3} size="h4">
            Ärenden
          </Title>
          <List size="sm">
            {analysis.cases.map((c) => (
              <List.Item key={c.caseId}>
                {c.readable ? (
                  <Anchor component={Link} to={`/arenden/${c.caseId}`}>
                    {c.caseNumber}
                  </Anchor>
                ) : (
                  c.caseNumber
                )}{' '}
                – {unitName(c.unitId)}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Card>

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={3} size="h4">
            Analysteam
          </Title>
          {analysis.team.length === 0 ? (
            <Text size="sm">Inget team angivet.</Text>
          ) : (
            <List size="sm">
              {analysis.team.map((m, i) => (
                <List.Item key={`${m.name}-${i}`}>
                  {m.name}, {m.role}
                </List.Item>
              ))}
            </List>
          )}
          {open && (
            <FormDisclosure label="Ändra teamet">
              {(close) => <TeamForm analysis={analysis} onDone={close} />}
            </FormDisclosure>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={3} size="h4">
            Tidslinje
          </Title>
          {analysis.timeline.length === 0 ? (
            <Text size="sm">Tidslinjen är tom.</Text>
          ) : (
            <ScrollTable label="Tidslinje" minWidth={560}>
              <Table aria-label="Tidslinje">
                <TableHead headers={['När', 'Vem', 'Vad hände']} />
                <Table.Tbody>
                  {analysis.timeline.map((e) => (
                    <Table.Tr key={e.entryId} data-testid="tidslinje-rad">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{timelineMoment(e.when)}</Table.Td>
                      <Table.Td>{e.role}</Table.Td>
                      <Table.Td>{e.what ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {open && (
            <FormDisclosure label="Lägg till i tidslinjen">
              {(close) => <TimelineForm analysis={analysis} onDone={close} />}
            </FormDisclosure>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={3} size="h4">
            Orsaker
          </Title>
          {analysis.causes.length === 0 ? (
            <Text size="sm">Inga orsaker registrerade.</Text>
          ) : (
            <ScrollTable label="Orsaker" minWidth={560}>
              <Table aria-label="Orsaker">
                <TableHead headers={['Kategori', 'Slag', 'Beskrivning']} />
                <Table.Tbody>
                  {analysis.causes.map((c) => (
                    <Table.Tr key={c.causeId} data-testid="orsak-rad">
                      <Table.Td>{c.categoryLabel}</Table.Td>
                      <Table.Td>{CAUSE_KIND_LABELS[c.kind] ?? c.kind}</Table.Td>
                      <Table.Td>{c.description ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {open && (
            <FormDisclosure label="Lägg till en orsak">
              {(close) => <CauseForm analysis={analysis} onDone={close} />}
            </FormDisclosure>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={3} size="h4">
            Åtgärder
          </Title>
          {analysis.actions.length === 0 ? (
            <Text size="sm">Inga åtgärder beslutade.</Text>
          ) : (
            <ScrollTable label="Åtgärder" minWidth={560}>
              <Table aria-label="Åtgärder">
                <TableHead headers={['Åtgärd', 'Ansvarig', 'Klar senast', 'Läge']} />
                <Table.Tbody>
                  {analysis.actions.map((a) => (
                    <Table.Tr key={a.id} data-testid="atgard-rad">
                      <Table.Td>{a.title}</Table.Td>
                      <Table.Td>
                        <PersonName username={a.owner} />
                      </Table.Td>
                      <Table.Td>{a.dueAt ? longDate(formatDate(a.dueAt)) : ''}</Table.Td>
                      <Table.Td>{IMPROVEMENT_STAGE_LABELS[a.stage] ?? a.stage}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {!analysis.restricted && analysis.causes.length > 0 && decidesActions && (
            <FormDisclosure label="Besluta en åtgärd">
              {(close) => <ActionForm analysis={analysis} onDone={close} />}
            </FormDisclosure>
          )}
          {!decidesActions && (
            <Text size="xs" c="dimmed">
              Åtgärderna beslutas av enhetens chef eller kvalitetssamordnaren.
            </Text>
          )}
        </Stack>
      </Card>

      {open ? (
        <FormDisclosure label="Avsluta analysen">
          {(close) => <CompleteForm analysis={analysis} onDone={close} />}
        </FormDisclosure>
      ) : (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Title order={3} size="h4">
              Sammanfattning
            </Title>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {analysis.summary ?? '–'}
            </Text>
            <Text size="xs" c="dimmed">
              Avslutad {formatDate(analysis.completedAt)} av {analysis.completedBy}
            </Text>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

/** One händelseanalys (RA-11): cases, team, timeline, causes by category (IMP-5), actions, completion. */
export function HandelseanalysPage() {
  const { id = '' } = useParams();
  const analysis = useQuery({
    queryKey: ['event-analysis', id],
    queryFn: () => apiJson<Analysis>(`/api/v1/handelseanalyser/${encodeURIComponent(id)}`),
  });
  usePageTitle(analysis.data ? `Händelseanalys: ${analysis.data.title}` : 'Händelseanalys');
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem/handelseanalyser" size="sm">
        ← Händelseanalyser
      </Anchor>
      <QueryState query={analysis} loadingLabel="Hämtar analysen…">
        {(a) => <AnalysisView analysis={a} />}
      </QueryState>
    </Stack>
  );
}
