import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, apiJson } from '../api/client';
import { formatDateTime } from '../lib/format';
import {
  emptyDraft,
  fromDrafts,
  listError,
  rowError,
  toDrafts,
  type MeetingCalendar,
  type MeetingDraft,
  type SavedMeetingCalendar,
} from '../lib/meeting-calendar-form';
import { ErrorNotice, QueryState } from './QueryState';
import { ScrollTable } from './ScrollTable';

// Mantine's error red (#fa5252) is 3.3:1 on white; text must reach 4.5:1 (WCAG 1.4.3).
const INPUT_STYLES = {
  input: { color: 'var(--mantine-color-text)' },
  error: { color: 'var(--mantine-color-red-9)' },
};

const fetchCalendar = () => apiJson<MeetingCalendar>('/api/v1/meeting-calendar');

function Editor({ calendar }: { calendar: MeetingCalendar }) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<MeetingDraft[]>(() => toDrafts(calendar.meetings));
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof fromDrafts>) =>
      apiJson<SavedMeetingCalendar>('/api/v1/meeting-calendar', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['meeting-calendar'], saved);
      setDrafts(toDrafts(saved.meetings));
    },
  });
  const errors = save.error instanceof ApiError ? save.error.errors : [];
  const stale = save.error instanceof ApiError && save.error.status === 409;

  async function reload() {
    const fresh = await queryClient.fetchQuery({
      queryKey: ['meeting-calendar'],
      queryFn: fetchCalendar,
      staleTime: 0,
    });
    setDrafts(toDrafts(fresh.meetings));
    save.reset();
  }

  function update(index: number, change: Partial<MeetingDraft>) {
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(fromDrafts(drafts, calendar.version));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="motes-rubrik">
      <Stack>
        <Text size="sm" id="motes-rubrik">
          Ledningsgruppens möten. Inför varje möte tas en rapport fram kl. 07:00 samma dag och skickas till
          ledningsgruppen; den täcker tiden sedan föregående möte. Utan datum i kalendern görs rapporten varje
          torsdag.
        </Text>
        <Text size="sm" c="dimmed">
          {calendar.version === 0
            ? 'Kalendern har inte sparats ännu.'
            : `Version ${calendar.version}${calendar.changedAt ? `, sparad ${formatDateTime(calendar.changedAt)}` : ''}${calendar.changedBy ? ` av ${calendar.changedBy}` : ''}.`}
        </Text>
        {drafts.length === 0 ? (
          <Text size="sm">Inga möten inlagda.</Text>
        ) : (
          <ScrollTable label="Möten" minWidth={640}>
            <Table aria-label="Möten">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Datum</Table.Th>
                  <Table.Th scope="col">Tid (valfri)</Table.Th>
                  <Table.Th scope="col">Rubrik (valfri)</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Ta bort</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drafts.map((draft, index) => (
                  <Table.Tr key={draft.key}>
                    <Table.Td>
                      <TextInput
                        type="date"
                        aria-label={`Datum för möte ${index + 1}`}
                        required
                        value={draft.date}
                        onChange={(e) => update(index, { date: e.currentTarget.value })}
                        styles={INPUT_STYLES}
                        error={rowError(errors, index, 'date')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        type="time"
                        aria-label={`Tid för möte ${index + 1}`}
                        value={draft.time}
                        onChange={(e) => update(index, { time: e.currentTarget.value })}
                        styles={INPUT_STYLES}
                        error={rowError(errors, index, 'time')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Rubrik för möte ${index + 1}`}
                        maxLength={200}
                        value={draft.title}
                        onChange={(e) => update(index, { title: e.currentTarget.value })}
                        styles={INPUT_STYLES}
                        error={rowError(errors, index, 'title')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="default"
                        aria-label={`Ta bort möte ${index + 1}${draft.date ? ` (${draft.date})` : ''}`}
                        onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}
                      >
                        ✕
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {listError(errors) && (
          <Text c="red.9" size="sm" role="alert">
            {listError(errors)}
          </Text>
        )}
        {save.error !== null && (
          <ErrorNotice
            error={save.error}
            title={stale ? 'Kalendern har ändrats av någon annan' : 'Kalendern sparades inte'}
          />
        )}
        {save.data && save.error === null && (
          <Alert
            color={save.data.schedule.updated ? 'green' : 'yellow'}
            variant="light"
            role="status"
            title="Sparat"
          >
            Möteskalendern är sparad som version {save.data.version}. {save.data.schedule.message}
          </Alert>
        )}
        <Group>
          {stale && (
            <Button variant="default" onClick={() => void reload()}>
              Hämta senaste versionen (dina ändringar försvinner)
            </Button>
          )}
          <Button variant="default" onClick={() => setDrafts([...drafts, emptyDraft()])}>
            Lägg till möte
          </Button>
          <Button type="submit" loading={save.isPending}>
            Spara kalendern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Inställningar → Sammanträden: the ledningsgrupp's meeting calendar (DL-18). */
export function MeetingCalendarEditor() {
  const calendar = useQuery({
    queryKey: ['meeting-calendar'],
    queryFn: fetchCalendar,
  });
  return (
    <QueryState query={calendar} loadingLabel="Hämtar möteskalendern…">
      {(c) => <Editor calendar={c} />}
    </QueryState>
  );
}
