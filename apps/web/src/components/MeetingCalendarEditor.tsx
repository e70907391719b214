import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../api/client';
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
import { QueryState } from './QueryState';
import { READABLE_INPUT_STYLES } from '../lib/readable-input-styles';
import { RemovableRowsTable } from './RemovableRowsTable';
import { useVersionedDocumentDrafts } from '../lib/use-versioned-document-drafts';
import { ReloadNewestButton, SaveFailedNotice } from './VersionedSaveNotices';

const fetchCalendar = () => apiJson<MeetingCalendar>('/api/v1/meeting-calendar');
const saveCalendar = (body: ReturnType<typeof fromDrafts>) =>
  apiJson<SavedMeetingCalendar>('/api/v1/meeting-calendar', { method: 'PUT', body });

function Editor({ calendar }: { calendar: MeetingCalendar }) {
  const { drafts, setDrafts, save, errors, stale, reload, submit } = useVersionedDocumentDrafts({
    document: calendar,
    queryKey: ['meeting-calendar'],
    fetchDocument: fetchCalendar,
    saveDocument: saveCalendar,
    draftsOf: (c: MeetingCalendar) => toDrafts(c.meetings),
    bodyOf: fromDrafts,
  });

  function update(index: number, change: Partial<MeetingDraft>) {
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
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
          <RemovableRowsTable
            label="Möten"
            minWidth={640}
            headers={['Datum', 'Tid (valfri)', 'Rubrik (valfri)']}
            rows={drafts}
            removeLabel={(draft, index) => `Ta bort möte ${index + 1}${draft.date ? ` (${draft.date})` : ''}`}
            onRemove={(index) => setDrafts(drafts.filter((_, i) => i !== index))}
            cells={(draft, index) => (
              <>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={`Datum för möte ${index + 1}`}
                    required
                    value={draft.date}
                    onChange={(e) => update(index, { date: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'date')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="time"
                    aria-label={`Tid för möte ${index + 1}`}
                    value={draft.time}
                    onChange={(e) => update(index, { time: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'time')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Rubrik för möte ${index + 1}`}
                    maxLength={200}
                    value={draft.title}
                    onChange={(e) => update(index, { title: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'title')}
                  />
                </Table.Td>
              </>
            )}
          />
        )}
        {listError(errors) && (
          <Text c="red.9" size="sm" role="alert">
            {listError(errors)}
          </Text>
        )}
        {save.error !== null && <SaveFailedNotice error={save.error} stale={stale} subject="Kalendern" />}
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
          {stale && <ReloadNewestButton onReload={reload} />}
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
