import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
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
import { ErrorNotice, QueryState } from './QueryState';
import { ScrollTable } from './ScrollTable';

// Mantine's error red (#fa5252) is 3.3:1 on white; text must reach 4.5:1 (WCAG 1.4.3).
const INPUT_STYLES = {
  input: { color: 'var(--mantine-color-text)' },
  error: { color: 'var(--mantine-color-red-9)' },
};

type Drafts = Record<ClassificationListName, ClassificationDraft[]>;

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
        <ScrollTable label={title} minWidth={560}>
          <Table aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Kod</Table.Th>
                <Table.Th scope="col">Benämning</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Ta bort</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drafts.map((draft, index) => (
                <Table.Tr key={draft.key} data-testid={`rad-${list}`}>
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
                        styles={INPUT_STYLES}
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
                      styles={INPUT_STYLES}
                      error={rowError(errors, list, index, 'label')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="default"
                      aria-label={`Ta bort ${draft.label || draft.code || `rad ${index + 1}`}`}
                      onClick={() => onChange(drafts.filter((_, i) => i !== index))}
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
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(classifications));
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof fromDrafts>) =>
      apiJson<Classifications>('/api/v1/classifications', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['classifications'], saved);
      setDrafts(draftsOf(saved));
    },
  });
  const errors = save.error instanceof ApiError ? save.error.errors : [];
  const stale = save.error instanceof ApiError && save.error.status === 409;

  async function reload() {
    const fresh = await queryClient.fetchQuery({
      queryKey: ['classifications'],
      queryFn: fetchClassifications,
      staleTime: 0,
    });
    setDrafts(draftsOf(fresh));
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(fromDrafts(drafts, classifications.version));
  }

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
        {save.error !== null && (
          <ErrorNotice
            error={save.error}
            title={stale ? 'Listorna har ändrats av någon annan' : 'Listorna sparades inte'}
          />
        )}
        {save.data && save.error === null && (
          <Alert color="green" variant="light" role="status" title="Sparat">
            Listorna är sparade som version {save.data.version}.
          </Alert>
        )}
        <Group>
          {stale && (
            <Button variant="default" onClick={() => void reload()}>
              Hämta senaste versionen (dina ändringar försvinner)
            </Button>
          )}
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
