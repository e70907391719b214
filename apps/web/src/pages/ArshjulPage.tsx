import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ARSHJUL_KIND_LABELS, ARSHJUL_OWNER_ROLES } from '@kvalitet/domain';
import { ApiError, apiJson, newIdempotencyKey } from '../api/client';
import type { ApiSchemas } from '../api/types';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { longDate, todayInStockholm } from '../lib/appointments';
import { roleLabel } from '../lib/labels';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { PersonName } from '../components/PersonName';

type Plan = ApiSchemas['ArshjulDto'];
type Item = ApiSchemas['ArshjulItemDto'];
type Years = ApiSchemas['ArshjulYearsDto'];

const MONTHS = [
  'Januari',
  'Februari',
  'Mars',
  'April',
  'Maj',
  'Juni',
  'Juli',
  'Augusti',
  'September',
  'Oktober',
  'November',
  'December',
];

const KIND_OPTIONS = Object.entries(ARSHJUL_KIND_LABELS).map(([value, label]) => ({ value, label }));
const OWNER_OPTIONS = ARSHJUL_OWNER_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

const boardQuery = (board: string) => `?board=${encodeURIComponent(board)}`;

function OwnerText({ item }: { item: Item }) {
  if (item.owner) return <PersonName username={item.owner} />;
  return <>{item.ownerRole ? roleLabel(item.ownerRole) : ''}</>;
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['arshjul'] });
}

/** One command on the plan or one of its items, with its own error line. */
function usePlanCommand(plan: Plan, path: string, onDone: () => void) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Plan>(`/api/v1/arshjul/${plan.year}/${path}${boardQuery(plan.boardId)}`, {
        method: 'POST',
        body: { ...body, expectedVersion: plan.version },
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
}

function AddItemForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const [kind, setKind] = useState('annat');
  const [title, setTitle] = useState('');
  const [ownerRole, setOwnerRole] = useState('quality_coordinator');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const add = usePlanCommand(plan, 'items', onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ kind, title: title.trim(), ownerRole, dueOn: dueOn.trim(), note: note.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-uppgift">
      <Stack gap="xs">
        <Title order={3} size="h4" id="ny-uppgift">
          Lägg till en uppgift i årshjulet {plan.year}
        </Title>
        <Group grow align="start">
          <NativeSelect
            label="Sort"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            error={fieldError(add.error, 'kind')}
          />
          <TextInput
            label="Rubrik"
            withAsterisk
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(add.error, 'title')}
          />
        </Group>
        <Group grow align="start">
          <NativeSelect
            label="Ansvarig"
            data={OWNER_OPTIONS}
            value={ownerRole}
            onChange={(e) => setOwnerRole(e.currentTarget.value)}
            error={fieldError(add.error, 'ownerRole')}
          />
          <TextInput
            label="Senast klar"
            withAsterisk
            placeholder="ÅÅÅÅ-MM-DD"
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
            error={fieldError(add.error, 'dueOn')}
          />
        </Group>
        <Textarea
          label="Anteckning"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {add.error != null && <ErrorNotice error={add.error} title="Uppgiften kunde inte läggas till" />}
        <FormButtons pending={add.isPending} submit="Lägg till" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function DoneForm({ plan, item, onDone }: { plan: Plan; item: Item; onDone: () => void }) {
  const [doneOn, setDoneOn] = useState(todayInStockholm());
  const [note, setNote] = useState('');
  const done = usePlanCommand(plan, `items/${encodeURIComponent(item.id)}/done`, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done.mutate({ doneOn: doneOn.trim(), note: note.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Klar: ${item.title}`}>
      <Stack gap="xs">
        <TextInput
          label="Klar den"
          withAsterisk
          placeholder="ÅÅÅÅ-MM-DD"
          value={doneOn}
          onChange={(e) => setDoneOn(e.currentTarget.value)}
          error={fieldError(done.error, 'doneOn')}
        />
        <Textarea
          label="Vad gjordes (valfritt)"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {done.error != null && <ErrorNotice error={done.error} title="Det kunde inte sparas" />}
        <FormButtons pending={done.isPending} submit="Markera som klar" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function MoveForm({ plan, item, onDone }: { plan: Plan; item: Item; onDone: () => void }) {
  const [dueOn, setDueOn] = useState(item.dueOn);
  const [note, setNote] = useState('');
  const move = usePlanCommand(plan, `items/${encodeURIComponent(item.id)}/move`, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate({ dueOn: dueOn.trim(), note: note.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Flytta: ${item.title}`}>
      <Stack gap="xs">
        <TextInput
          label="Nytt datum"
          withAsterisk
          placeholder="ÅÅÅÅ-MM-DD"
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          error={fieldError(move.error, 'dueOn')}
        />
        <TextInput label="Varför (valfritt)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {move.error != null && <ErrorNotice error={move.error} title="Uppgiften kunde inte flyttas" />}
        <FormButtons pending={move.isPending} submit="Flytta" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CancelForm({ plan, item, onDone }: { plan: Plan; item: Item; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const cancel = usePlanCommand(plan, `items/${encodeURIComponent(item.id)}/cancel`, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate({ reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Stryk: ${item.title}`}>
      <Stack gap="xs">
        <TextInput
          label="Skäl"
          withAsterisk
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(cancel.error, 'reason')}
        />
        {cancel.error != null && <ErrorNotice error={cancel.error} title="Uppgiften kunde inte strykas" />}
        <FormButtons pending={cancel.isPending} submit="Stryk uppgiften" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function statusText(item: Item): string {
  if (item.status === 'done') return `Klar ${longDate(item.doneOn)}${item.doneBy ? ` (${item.doneBy})` : ''}`;
  if (item.status === 'cancelled') return `Struken: ${item.cancelReason ?? ''}`;
  if (item.overdue) return `Försenad, skulle vara klar ${longDate(item.dueOn)}`;
  return `Planerad till ${longDate(item.dueOn)}`;
}

function ItemPanel({ plan, item, onClose }: { plan: Plan; item: Item; onClose: () => void }) {
  const planned = item.status === 'planned';
  return (
    <Card withBorder padding="sm" aria-labelledby="vald-uppgift">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" id="vald-uppgift">
            {item.title}
          </Title>
          <Anchor component="button" type="button" size="sm" onClick={onClose}>
            Stäng
          </Anchor>
        </Group>
        <Text size="sm">
          {ARSHJUL_KIND_LABELS[item.kind as keyof typeof ARSHJUL_KIND_LABELS] ?? ''}. Ansvarig:{' '}
          <OwnerText item={item} />. {statusText(item)}.
        </Text>
        {item.note && <Text size="sm">Anteckning: {item.note}</Text>}
        {planned && item.mayMarkDone && (
          <FormDisclosure label="Markera som klar">
            {(close) => <DoneForm plan={plan} item={item} onDone={close} />}
          </FormDisclosure>
        )}
        {planned && plan.mayPlan && (
          <FormDisclosure label="Flytta till ett annat datum">
            {(close) => <MoveForm plan={plan} item={item} onDone={close} />}
          </FormDisclosure>
        )}
        {planned && plan.mayPlan && (
          <FormDisclosure label="Stryk uppgiften">
            {(close) => <CancelForm plan={plan} item={item} onDone={close} />}
          </FormDisclosure>
        )}
      </Stack>
    </Card>
  );
}

function ItemLine({ item, onSelect }: { item: Item; onSelect: () => void }) {
  const color = item.overdue ? 'red.9' : undefined;
  const mark = item.status === 'done' ? '✓ ' : item.status === 'cancelled' ? '– ' : '';
  return (
    <List.Item data-testid="arshjul-uppgift" data-status={item.overdue ? 'overdue' : item.status}>
      <Stack gap={0}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          c={color}
          td={item.status === 'cancelled' ? 'line-through' : undefined}
          onClick={onSelect}
        >
          {mark}
          {Number(item.dueOn.slice(8, 10))} {MONTHS[Number(item.dueOn.slice(5, 7)) - 1]!.toLowerCase()}:{' '}
          {item.title}
        </Anchor>
        <Text size="xs" c={item.overdue ? 'red.9' : 'dimmed'}>
          <OwnerText item={item} />
          {item.overdue
            ? ' · försenad'
            : item.status === 'done'
              ? ' · klar'
              : item.status === 'cancelled'
                ? ' · struken'
                : ''}
        </Text>
      </Stack>
    </List.Item>
  );
}

/** Twelve months, each with its items: overdue in red, done ticked, cancelled struck through. */
function YearCalendar({ plan, onSelect }: { plan: Plan; onSelect: (id: string) => void }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-label={`Årshjulet ${plan.year} månad för månad`}>
      {MONTHS.map((month, index) => {
        const items = plan.items.filter((i) => Number(i.dueOn.slice(5, 7)) === index + 1);
        return (
          <Card key={month} withBorder padding="sm" data-testid="arshjul-manad">
            <Title order={3} size="h5" mb={4}>
              {month}
            </Title>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                Inget planerat
              </Text>
            ) : (
              <List spacing={6} listStyleType="none" aria-label={`${month} ${plan.year}`}>
                {items.map((item) => (
                  <ItemLine key={item.id} item={item} onSelect={() => onSelect(item.id)} />
                ))}
              </List>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

const OVERDUE_LISTED = 5;

function Completion({ plan }: { plan: Plan }) {
  const { total, done, overdue } = plan.completion;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={700} role="status">
          {done} av {total} uppgifter klara
        </Text>
        {overdue.length > 0 && (
          <Badge color="red.9" styles={{ root: { textTransform: 'none' } }}>
            {overdue.length === 1 ? '1 försenad' : `${overdue.length} försenade`}
          </Badge>
        )}
      </Group>
      {overdue.length > 0 && (
        <List size="sm" c="red.9" aria-label="Försenade uppgifter">
          {overdue.slice(0, OVERDUE_LISTED).map((i) => (
            <List.Item key={i.id}>
              {i.title} (<OwnerText item={i} />
              ), skulle vara klar {longDate(i.dueOn)}
            </List.Item>
          ))}
        </List>
      )}
      {overdue.length > OVERDUE_LISTED && (
        <Text size="sm" c="red.9">
          och {overdue.length - OVERDUE_LISTED} till, röda i kalendern nedan
        </Text>
      )}
    </Stack>
  );
}

function CreateProposal({
  board,
  year,
  onCreated,
}: {
  board: string;
  year: number;
  onCreated: (year: number) => void;
}) {
  const refresh = useRefresh();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: () =>
      apiJson<Plan>('/api/v1/arshjul', {
        method: 'POST',
        body: { year, board },
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: () => {
      refresh();
      onCreated(year);
    },
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          Skapa förslag för {year}
        </Button>
      </Group>
      {create.error != null && <ErrorNotice error={create.error} title="Förslaget kunde inte skapas" />}
    </Stack>
  );
}

function PlanView({
  board,
  year,
  selectedId,
  select,
}: {
  board: string;
  year: number;
  selectedId: string | null;
  select: (id: string | null) => void;
}) {
  const plan = useQuery({
    queryKey: ['arshjul', 'plan', board, year],
    queryFn: () => apiJson<Plan>(`/api/v1/arshjul/${year}${boardQuery(board)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  if (plan.error instanceof ApiError && plan.error.status === 404)
    return <Text role="status">Det finns inget årshjul för {year} ännu.</Text>;
  return (
    <QueryState query={plan} loadingLabel="Hämtar årshjulet…">
      {(p) => {
        const selected = p.items.find((i) => i.id === selectedId) ?? null;
        return (
          <Stack>
            <Completion plan={p} />
            {p.mayPlan && (
              <FormDisclosure label="Lägg till en uppgift">
                {(close) => <AddItemForm plan={p} onDone={close} />}
              </FormDisclosure>
            )}
            {selected && (
              <ItemPanel key={selected.id} plan={p} item={selected} onClose={() => select(null)} />
            )}
            <YearCalendar plan={p} onSelect={select} />
          </Stack>
        );
      }}
    </QueryState>
  );
}

/**
 * The årshjul (DL-31): the board's recurring duties of a year as a calendar — SAS's and MAS's
 * proactive reviews (AUD-13), site visits, surveys, budget, reports and reviews — with owner, date
 * and status; kvalitet and the förvaltningschef plan it, the owner marks an item done.
 */
export function ArshjulPage() {
  usePageTitle('Årshjul');
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const asked = params.get('namnd');
  const years = useQuery({
    queryKey: ['arshjul', 'years', asked],
    queryFn: () => apiJson<Years>(`/api/v1/arshjul${asked ? boardQuery(asked) : ''}`),
  });
  const fromPlan = years.data?.years.find((y) => y.id === params.get('plan'))?.year;
  const year = Number(params.get('ar') ?? fromPlan ?? thisYear);
  const selectedId = params.get('uppgift');
  // The list of years is a read model that follows a moment behind: a plan just made counts at once.
  const [created, setCreated] = useState<string[]>([]);
  const show = (next: { ar?: number; uppgift?: string | null; namnd?: string }) => {
    const ar = String(next.ar ?? year);
    const uppgift = next.uppgift === undefined ? selectedId : next.uppgift;
    const namnd = next.namnd ?? asked;
    setParams({ ar, ...(uppgift ? { uppgift } : {}), ...(namnd ? { namnd } : {}) }, { replace: true });
  };
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Årshjul {year}</Title>
      <Text c="dimmed">
        Årets återkommande uppgifter: granskningar, verksamhetsbesök, undersökningar, budget, berättelser och
        genomgångar. Den som är ansvarig får en påminnelse en månad före, och uppgiften går vidare om den blir
        försenad.
      </Text>
      <QueryState query={years} loadingLabel="Hämtar årshjulen…">
        {(y) => {
          const board = y.boardId;
          const known = [
            ...y.years.map((x) => x.year),
            ...created.filter((c) => c.startsWith(`${board}/`)).map((c) => Number(c.split('/')[1])),
          ];
          const onCreated = (createdYear: number) => {
            setCreated((made) => [...made, `${board}/${createdYear}`]);
            show({ ar: createdYear, uppgift: null });
          };
          const options = [...new Set([...known, thisYear, thisYear + 1, year])].sort((a, b) => a - b);
          const nextYear = thisYear + 1;
          return (
            <Stack>
              <Group align="end">
                {y.boards.length > 1 && (
                  <NativeSelect
                    label="Nämnd"
                    data={y.boards.map((b) => ({ value: b.id, label: b.name }))}
                    value={board}
                    onChange={(e) => show({ namnd: e.currentTarget.value, uppgift: null })}
                  />
                )}
                <NativeSelect
                  label="År"
                  data={options.map((o) => ({ value: String(o), label: String(o) }))}
                  value={String(year)}
                  onChange={(e) => show({ ar: Number(e.currentTarget.value), uppgift: null })}
                />
                {y.mayPlan && !known.includes(nextYear) && (
                  <CreateProposal board={board} year={nextYear} onCreated={onCreated} />
                )}
                {y.mayPlan && year !== nextYear && !known.includes(year) && (
                  <CreateProposal board={board} year={year} onCreated={onCreated} />
                )}
              </Group>
              <PlanView
                board={board}
                year={year}
                selectedId={selectedId}
                select={(id) => show({ uppgift: id })}
              />
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
