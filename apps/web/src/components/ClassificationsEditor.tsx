import { Alert, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchClassifications } from '../api/classifications';
import { ApiError, apiJson } from '../api/client';
import { formatDateTime } from '../lib/format';
import {
  CLASSIFICATION_LIST_TITLES,
  emptyDraft,
  fromDrafts,
  listError,
  rowError,
  toDrafts,
  type ClassificationDraft,
  type ClassificationListName,
  type Classifications,
} from '../lib/classifications';
import { QueryState } from './QueryState';
import { READABLE_INPUT_STYLES } from '../lib/readable-input-styles';
import { RemovableRowsTable } from './RemovableRowsTable';
import { useVersionedDocumentDrafts } from '../lib/use-versioned-document-drafts';
import { ReloadNewestButton, SaveFailedNotice } from './VersionedSaveNotices';

type Drafts = Record<ClassificationListName, ClassificationDraft[]>;

const saveClassifications = (body: ReturnType<typeof fromDrafts>) =>
  apiJson<Classifications>('/api/v1/classifications', { method: 'PUT', body });

const draftsOf = (c: Classifications): Drafts => ({
  categories: toDrafts(c.categories),
  lagrum: toDrafts(c.lagrum),
});

const ROW_NOUN: Readonly<Record<ClassificationListName, string>> = {
  categories: 'kategori',
  lagrum: 'lagrum',
};

function ListEditor({
  list,
  drafts,
  errors,
  onChange,
}: {
  list: ClassificationListName;
  drafts: ClassificationDraft[];
  errors: ApiError['errors'];
  onChange: (drafts: ClassificationDraft[]) => void;
}) {
  const title = CLASSIFICATION_LIST_TITLES[list];
  const noun = ROW_NOUN[list];
  const update = (index: number, change: Partial<ClassificationDraft>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  return (
    <Card withBorder padding="sm" component="fieldset" aria-labelledby={`lista-${list}`}>
      <Text component="legend" fw={600} size="sm" id={`lista-${list}`}>
        {title}
      </Text>
      {drafts.length === 0 ? (
        <Text size="sm">Listan är tom.</Text>
      ) : (
        <RemovableRowsTable
          label={title}
          minWidth={560}
          headers={['Kod', 'Benämning']}
          rows={drafts}
          rowTestId={`rad-${list}`}
          removeLabel={(draft, index) => `Ta bort ${draft.label || draft.code || `rad ${index + 1}`}`}
          onRemove={(index) => onChange(drafts.filter((_, i) => i !== index))}
          cells={(draft, index) => (
            <>
              <Table.Td>
                {draft.saved ? (
                  <Text size="sm" ff="monospace" title="Koden ändras inte: statistiken räknas per kod">
                    {draft.code}
                  </Text>
                ) : (
                  <TextInput
                    aria-label={`Kod för ny ${noun} ${index + 1}`}
                    required
                    maxLength={100}
                    value={draft.code}
                    onChange={(e) => update(index, { code: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, list, index, 'code')}
                  />
                )}
                {draft.saved && rowError(errors, list, index, 'code') && (
                  <Text c="red.9" size="xs" role="alert">
                    {rowError(errors, list, index, 'code')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`Benämning för ${draft.code || `ny ${noun} ${index + 1}`}`}
                  required
                  maxLength={200}
                  value={draft.label}
                  onChange={(e) => update(index, { label: e.currentTarget.value })}
                  styles={READABLE_INPUT_STYLES}
                  error={rowError(errors, list, index, 'label')}
                />
              </Table.Td>
            </>
          )}
        />
      )}
      {listError(errors, list) && (
        <Text c="red.9" size="sm" role="alert">
          {listError(errors, list)}
        </Text>
      )}
      <Group mt="xs">
        <Button variant="default" size="xs" onClick={() => onChange([...drafts, emptyDraft()])}>
          Lägg till {noun}
        </Button>
      </Group>
    </Card>
  );
}

function Editor({ classifications }: { classifications: Classifications }) {
  const { drafts, setDrafts, save, errors, stale, reload, submit } = useVersionedDocumentDrafts({
    document: classifications,
    queryKey: ['classifications'],
    fetchDocument: fetchClassifications,
    saveDocument: saveClassifications,
    draftsOf,
    bodyOf: fromDrafts,
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="klassificering-rubrik">
      <Stack>
        <Text size="sm" id="klassificering-rubrik">
          Kategorier och lagrum som ärenden klassificeras med. Den som klassificerar väljer från listorna, och
          rapporter till ledningsgrupp och nämnd visar bara benämningarna. Kategorin <em>annat</em> måste
          finnas kvar: allt som inte finns på listan räknas dit.
        </Text>
        <Text size="sm" c="dimmed">
          {`Version ${classifications.version}`}
          {classifications.changedAt
            ? `, sparad ${formatDateTime(classifications.changedAt)}${classifications.changedBy ? ` av ${classifications.changedBy}` : ''}.`
            : ' (standardlistorna, inte ändrade ännu).'}
        </Text>
        <ListEditor
          list="categories"
          drafts={drafts.categories}
          errors={errors}
          onChange={(categories) => setDrafts({ ...drafts, categories })}
        />
        <ListEditor
          list="lagrum"
          drafts={drafts.lagrum}
          errors={errors}
          onChange={(lagrum) => setDrafts({ ...drafts, lagrum })}
        />
        {save.error !== null && <SaveFailedNotice error={save.error} stale={stale} subject="Listorna" />}
        {save.data && save.error === null && (
          <Alert color="green" variant="light" role="status" title="Sparat">
            Listorna är sparade som version {save.data.version}.
          </Alert>
        )}
        <Group>
          {stale && <ReloadNewestButton onReload={reload} />}
          <Button type="submit" loading={save.isPending}>
            Spara listorna
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Inställningar → Klassificering: the category and lagrum lists (issue 24). */
export function ClassificationsEditor() {
  const classifications = useQuery({ queryKey: ['classifications'], queryFn: fetchClassifications });
  return (
    <QueryState query={classifications} loadingLabel="Hämtar listorna…">
      {(c) => <Editor classifications={c} />}
    </QueryState>
  );
}
