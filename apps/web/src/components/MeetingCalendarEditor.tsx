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

/**
 * Which calendar an editor keeps: the ledningsgrupp's (DL-18, its report schedule follows it) or the
 * nämnd's (DL-6, the board_information deadline falls on its next meeting). Same document, same form.
 */
export interface CalendarKind {
  readonly path: string;
  readonly queryKey: string;
  /** Ties the form to its intro text, so two editors on one page keep distinct ids. */
  readonly id: string;
  readonly intro: string;
  /** What version 1 is when nothing was saved: the ledningsgrupp starts at 0, the nämnd with its demo calendar. */
  readonly unsaved: (version: number) => boolean;
  readonly savedAs: string;
}

const LEDNINGSGRUPP: CalendarKind = {
  path: '/api/v1/meeting-calendar',
  queryKey: 'meeting-calendar',
  id: 'motes-rubrik',
  intro:
    'Ledningsgruppens möten. Inför varje möte tas en rapport fram kl. 07:00 samma dag och skickas till ledningsgruppen; den täcker tiden sedan föregående möte. Utan datum i kalendern görs rapporten varje torsdag.',
  unsaved: (version) => version === 0,
  savedAs: 'Möteskalendern är sparad som version',
};

export const NAMND: CalendarKind = {
  path: '/api/v1/board-meetings',
  queryKey: 'board-meetings',
  id: 'namnd-rubrik',
  intro:
    'Nämndens sammanträden. Efter en anmälan till IVO ska nämnden informeras på sitt nästa sammanträde (DL-6); fristen faller på första sammanträdet efter anmälningsdagen.',
  unsaved: (version) => version === 1,
  savedAs: 'Nämndens sammanträden är sparade som version',
};

type SavedCalendar = MeetingCalendar & Partial<Pick<SavedMeetingCalendar, 'schedule'>>;

const fetcher = (kind: CalendarKind) => () => apiJson<MeetingCalendar>(kind.path);
const saver = (kind: CalendarKind) => (body: ReturnType<typeof fromDrafts>) =>
  apiJson<SavedCalendar>(kind.path, { method: 'PUT', body });

function versionLine(kind: CalendarKind, calendar: MeetingCalendar): string {
  if (kind.unsaved(calendar.version))
    return calendar.version === 0
      ? 'Kalendern har inte sparats ännu.'
      : 'Demokalendern; den har inte sparats ännu.';
  return `Version ${calendar.version}${calendar.changedAt ? `, sparad ${formatDateTime(calendar.changedAt)}` : ''}${calendar.changedBy ? ` av ${calendar.changedBy}` : ''}.`;
}

function Editor({ kind, calendar }: { kind: CalendarKind; calendar: MeetingCalendar }) {
  const { drafts, setDrafts, save, errors, stale, reload, submit } = useVersionedDocumentDrafts({
    document: calendar,
    queryKey: [kind.queryKey],
    fetchDocument: fetcher(kind),
    saveDocument: saver(kind),
    draftsOf: (c: MeetingCalendar) => toDrafts(c.meetings),
    bodyOf: fromDrafts,
  });

  function update(index: number, change: Partial<MeetingDraft>) {
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={kind.id}>
      <Stack>
        <Text size="sm" id={kind.id}>
          {kind.intro}
        </Text>
        <Text size="sm" c="dimmed">
          {versionLine(kind, calendar)}
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
            color={save.data.schedule?.updated === false ? 'yellow' : 'green'}
            variant="light"
            role="status"
            title="Sparat"
          >
            {kind.savedAs} {save.data.version}. {save.data.schedule?.message ?? ''}
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

/** The meetings as a list, for those who read a calendar but do not keep it. */
function ReadOnlyCalendar({ kind, calendar }: { kind: CalendarKind; calendar: MeetingCalendar }) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const coming = calendar.meetings.filter((m) => m.date >= today);
  return (
    <Stack aria-labelledby={kind.id}>
      <Text size="sm" id={kind.id}>
        {kind.intro}
      </Text>
      {coming.length === 0 ? (
        <Text size="sm">Inga kommande möten inlagda.</Text>
      ) : (
        <Table striped aria-label="Kommande möten">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Datum</Table.Th>
              <Table.Th>Tid</Table.Th>
              <Table.Th>Rubrik</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {coming.map((m) => (
              <Table.Tr key={m.date}>
                <Table.Td>{m.date}</Table.Td>
                <Table.Td>{m.time ?? ''}</Table.Td>
                <Table.Td>{m.title ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * Inställningar → Möteskalender: a meeting calendar, the ledningsgrupp's (DL-18) unless `kind` says
 * the nämnd's (DL-6); `readOnly` lists it for those who may only read it.
 */
export function MeetingCalendarEditor({
  kind = LEDNINGSGRUPP,
  readOnly = false,
}: {
  kind?: CalendarKind;
  readOnly?: boolean;
}) {
  const calendar = useQuery({ queryKey: [kind.queryKey], queryFn: fetcher(kind) });
  return (
    <QueryState query={calendar} loadingLabel="Hämtar möteskalendern…">
      {(c) =>
        readOnly ? <ReadOnlyCalendar kind={kind} calendar={c} /> : <Editor kind={kind} calendar={c} />
      }
    </QueryState>
  );
}
