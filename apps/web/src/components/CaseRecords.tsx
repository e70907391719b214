import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { CASE_TYPE_LABELS, RETENTION_FROM_LABELS, type CaseType, type RetentionFrom } from '@kvalitet/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, apiJson } from '../api/client';
import type { CaseView } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDate, formatDateTime } from '../lib/format';

/** "Klagomål: 2 år från avslut" — a retention rule as the pages name it (DATA-2). */
export function retentionRuleText(rule: { caseType: string; keepYears: number; from: string }): string {
  const type = CASE_TYPE_LABELS[rule.caseType as CaseType] ?? rule.caseType;
  const from = RETENTION_FROM_LABELS[rule.from as RetentionFrom] ?? rule.from;
  return `${type}: ${rule.keepYears} år ${from}`;
}

/** Who erased a case: the nightly schedule, or a person who ran gallring. */
export function erasedByText(erasedBy: string): string {
  return erasedBy === 'gallring' ? 'det dagliga gallringsschemat' : erasedBy;
}

/**
 * An erased case says so first (DATA-2, ADR 0027): its free text and names are gone for good; what
 * is left is its number, type, unit, dates and statistics.
 */
export function ErasedBanner({ view }: { view: CaseView }) {
  if (!view.erasedAt) return null;
  return (
    <Alert color="gray" variant="filled" title="Ärendet är gallrat" data-testid="gallrad" role="status">
      Gallrad {formatDate(view.erasedAt)}
      {view.erasure ? ` enligt regel ${retentionRuleText(view.erasure.rule)}` : ''}
      {view.erasure ? ` (${erasedByText(view.erasure.erasedBy)})` : ''}. Fritext och personuppgifter är
      raderade; ärendenummer, typ, enhet, datum och statistik finns kvar.
    </Alert>
  );
}

const HOLDERS = ['quality_coordinator', 'data_protection_officer'];

/**
 * "Spärr mot gallring" (DATA-7): kvalitet (and dataskydd on its cases) places a hold with a reason;
 * a held case is never erased until the hold is lifted. Others see the hold if there is one.
 */
export function LegalHoldBox({ view }: { view: CaseView }) {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const mayHold = (me?.roles ?? []).some((r) => HOLDERS.includes(r)) && !view.erasedAt;
  const change = useMutation({
    mutationFn: (place: boolean) =>
      apiJson<CaseView>(`/api/v1/cases/${view.id}/legal-hold`, {
        method: place ? 'POST' : 'DELETE',
        ...(place ? { body: { reason } } : {}),
      }),
    onSuccess: async (updated) => {
      setReason('');
      queryClient.setQueriesData<CaseView>({ queryKey: ['case', view.id] }, updated);
      await queryClient.invalidateQueries({ queryKey: ['case-events', view.id] });
    },
  });
  const error =
    change.error instanceof ApiError
      ? (change.error.errors.find((e) => e.field === 'reason')?.message ?? change.error.message)
      : change.error
        ? 'Det gick inte att spara spärren.'
        : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(true);
  }

  if (!view.legalHold && !mayHold) return null;
  return (
    <Stack gap="xs" data-testid="spärr-mot-gallring">
      {view.legalHold ? (
        <>
          <Text size="sm">
            <strong>Spärrat mot gallring</strong> sedan {formatDateTime(view.legalHold.placedAt)} av{' '}
            {view.legalHold.placedBy}. Skäl: {view.legalHold.reason}
          </Text>
          {mayHold && (
            <Group>
              <Button variant="default" onClick={() => change.mutate(false)} loading={change.isPending}>
                Häv spärren
              </Button>
            </Group>
          )}
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Spärra mot gallring">
          <Stack gap="xs">
            <Text size="sm">
              Ärendet gallras enligt gallringsreglerna. Spärra det om det måste sparas längre, t.ex. för att
              en domstol, IVO eller JO kan begära det.
            </Text>
            <Textarea
              label="Skäl till spärren"
              required
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={error}
            />
            <Group>
              <Button type="submit" loading={change.isPending}>
                Spärra mot gallring
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {view.legalHold && error && (
        <Text c="red.9" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
