import { Anchor, Card, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnits } from '../api/hooks';
import type { CaseView, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { mayManageRoutinesOf, ROUTINE_KIND_LABELS, type Routine } from '../lib/routines';
import { FormButtons, FormDisclosure } from './FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from './QueryState';

const routinePath = (id: string) => `/ledningssystem/rutiner/${id}`;

/** The unit and the units above it: a routine of Äldreomsorg applies at Solgården too. */
function useUnitAndAncestors(unitId: string): string[] {
  const units = useUnits().data ?? [];
  const index = units.findIndex((u) => u.id === unitId);
  if (index < 0) return [unitId];
  const chain = [unitId];
  let depth = units[index]!.depth;
  for (let i = index - 1; i >= 0 && depth > 0; i--) {
    if (units[i]!.depth < depth) {
      chain.push(units[i]!.id);
      depth = units[i]!.depth;
    }
  }
  return chain;
}

function useAdoptedRoutines() {
  return useQuery({
    queryKey: ['routines', 'adopted'],
    queryFn: () => apiJson<Page<Routine>>('/api/v1/routines?status=adopted&pageSize=200'),
    staleTime: 5 * 60_000,
  });
}

/**
 * PR-7, AUD-22: the adopted routines that apply where the report is made, one click away from the
 * report form (the audit found routines "inte tillgängligt när det behövs").
 */
export function UnitRoutinesPanel({ unitId }: { unitId: string }) {
  const chain = useUnitAndAncestors(unitId);
  const routines = useAdoptedRoutines();
  if (!unitId) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="enhetens-rutiner">
      <Title order={3} size="h5" id="enhetens-rutiner">
        Rutiner för enheten
      </Title>
      <QueryState query={routines} loadingLabel="Hämtar rutiner…">
        {(page) => {
          const applying = page.items
            .filter((r) => chain.includes(r.unitId))
            .sort((a, b) => a.code.localeCompare(b.code, 'sv'));
          if (applying.length === 0)
            return <Text size="sm">Det finns ingen fastställd rutin för enheten.</Text>;
          return (
            <List size="sm" spacing={4}>
              {applying.map((r) => (
                <List.Item key={r.id}>
                  <Anchor component={Link} to={routinePath(r.id)} target="_blank" rel="opener">
                    {r.code} {r.title}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({ROUTINE_KIND_LABELS[r.kind]?.toLowerCase()}, öppnas i en ny flik)
                  </Text>
                </List.Item>
              ))}
            </List>
          );
        }}
      </QueryState>
    </Card>
  );
}

function LinkRoutineForm({
  view,
  onLinked,
  onCancel,
}: {
  view: CaseView;
  onLinked: (routine: Routine) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const routines = useAdoptedRoutines();
  const chain = useUnitAndAncestors(view.unitId);
  const [routineId, setRoutineId] = useState('');
  const [note, setNote] = useState('');
  const [unchosen, setUnchosen] = useState(false);
  const link = useMutation({
    mutationFn: () =>
      apiJson<Routine>(`/api/v1/routines/${routineId}/case-links`, {
        method: 'POST',
        body: { caseId: view.id, ...(note.trim() ? { note } : {}) },
      }),
    onSuccess: (routine) => {
      void queryClient.invalidateQueries({ queryKey: ['routines'] });
      onLinked(routine);
      onCancel();
    },
  });
  const options = [...(routines.data?.items ?? [])].sort(
    (a, b) =>
      Number(chain.includes(b.unitId)) - Number(chain.includes(a.unitId)) ||
      a.code.localeCompare(b.code, 'sv'),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUnchosen(routineId === '');
    if (routineId !== '') link.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="koppla-rutin-rubrik">
      <Stack gap="xs">
        <Title order={4} size="h5" id="koppla-rutin-rubrik">
          Koppla ärendet till en rutin eller process
        </Title>
        <NativeSelect
          label="Rutin eller process"
          withAsterisk
          data={[
            { value: '', label: 'Välj' },
            ...options.map((r) => ({ value: r.id, label: `${r.code} ${r.title}` })),
          ]}
          value={routineId}
          onChange={(e) => setRoutineId(e.currentTarget.value)}
          error={unchosen ? 'Välj en rutin eller process.' : fieldError(link.error, 'caseId')}
        />
        <Textarea
          label="Vad ärendet visar om rutinen (valfritt)"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(link.error, 'note')}
        />
        {link.error != null && <ErrorNotice error={link.error} title="Ärendet kunde inte kopplas" />}
        <FormButtons pending={link.isPending} submit="Koppla" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function ReviewRequestForm({
  view,
  routine,
  onCancel,
}: {
  view: CaseView;
  routine: Routine;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const request = useMutation({
    mutationFn: () =>
      apiJson<Routine>(`/api/v1/routines/${routine.id}/review-requests`, {
        method: 'POST',
        body: { caseId: view.id, reason },
      }),
    onSuccess: () => {
      setSent(true);
      void queryClient.invalidateQueries({ queryKey: ['routines'] });
    },
  });
  if (sent)
    return (
      <Text size="sm" role="status">
        Översyn är begärd. {routine.ownerName ?? routine.owner} har fått en uppgift att se över dokumentet.
      </Text>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Textarea
          label={`Varför är ${routine.code} inte ändamålsenlig?`}
          withAsterisk
          description="Ägaren får en uppgift att se över dokumentet"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(request.error, 'reason')}
        />
        {request.error != null && <ErrorNotice error={request.error} title="Översyn kunde inte begäras" />}
        <FormButtons pending={request.isPending} submit="Begär översyn" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/**
 * PR-7, PR-8 on the case page: the routines the case is linked to, a way to link one, and — when the
 * case shows a routine is not fit for purpose — a review request that becomes the owner's task.
 */
export function CaseRoutines({ view }: { view: CaseView }) {
  const { me } = useAuth();
  const units = useUnits().data ?? [];
  const linked = useQuery({
    queryKey: ['routines', 'case', view.id],
    queryFn: () =>
      apiJson<Page<Routine>>(`/api/v1/routines?caseId=${encodeURIComponent(view.id)}&pageSize=50`),
  });
  // The list is read from the register's read model, which follows a moment after the link is made.
  const [justLinked, setJustLinked] = useState<Routine[]>([]);
  const mayLink =
    (view.assignee !== null && view.assignee === me?.username) || mayManageRoutinesOf(me, view.unitId, units);
  return (
    <Stack gap="xs">
      <QueryState query={linked} loadingLabel="Hämtar rutiner…">
        {(page) => {
          const items = [...page.items, ...justLinked.filter((r) => !page.items.some((i) => i.id === r.id))];
          return items.length === 0 ? (
            <Text size="sm">Ärendet är inte kopplat till någon rutin eller process.</Text>
          ) : (
            <Stack
              gap="xs"
              component="ul"
              m={0}
              p={0}
              style={{ listStyle: 'none' }}
              aria-label="Kopplade rutiner"
            >
              {items.map((r) => (
                <li key={r.id}>
                  <Anchor component={Link} to={routinePath(r.id)}>
                    {r.code} {r.title}
                  </Anchor>
                  {mayLink && r.status === 'adopted' && (
                    <FormDisclosure label={`Begär översyn av ${r.code}`}>
                      {(close) => <ReviewRequestForm view={view} routine={r} onCancel={close} />}
                    </FormDisclosure>
                  )}
                </li>
              ))}
            </Stack>
          );
        }}
      </QueryState>
      <Anchor
        component={Link}
        to={`/ledningssystem/rutiner?enhet=${encodeURIComponent(view.unitId)}`}
        size="sm"
      >
        Alla rutiner för enheten
      </Anchor>
      {mayLink && !view.erasedAt && (
        <FormDisclosure label="Koppla till rutin">
          {(close) => (
            <LinkRoutineForm
              view={view}
              onLinked={(r) => setJustLinked((all) => [...all, r])}
              onCancel={close}
            />
          )}
        </FormDisclosure>
      )}
    </Stack>
  );
}
