import { Alert, Button, Group, Input, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import {
  attachmentSettings,
  caseAttachments,
  downloadAttachment,
  uploadAttachment,
  type Attachment,
  type AttachmentStep,
} from '../api/attachments';
import { messageOf } from '../api/client';
import { formatDateTime } from '../lib/format';
import { QueryState } from './QueryState';
import { ScrollTable } from './ScrollTable';

export const ATTACHMENT_STEP_LABELS: Record<AttachmentStep, string> = {
  report: 'Rapport',
  investigation: 'Utredning',
  action: 'Åtgärd',
  external_review: 'Extern granskning',
};

const ACCEPT = 'image/jpeg,image/png,image/heic,application/pdf,.jpg,.jpeg,.png,.heic,.pdf';

/** "850 kB", "1,2 MB": a size as people read it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('sv-SE')} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}

function maxSizeText(maxBytes: number): string {
  return `Bilder (JPEG, PNG, HEIC) och PDF, högst ${formatFileSize(maxBytes)} per fil. Platsuppgifter i foton tas bort.`;
}

function NotScanned({ scanned }: { scanned: boolean | undefined }) {
  if (scanned !== false) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="bilagor-skannas-inte">
      Bilagor virusskannas inte på den här installationen.
    </Text>
  );
}

/** Two buttons: the phone's camera straight away, or a file (a photo taken earlier, a scanned form, a PDF). */
function FilePickers({
  disabled,
  onFiles,
  fileLabel,
}: {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  fileLabel: string;
}) {
  const camera = useRef<HTMLInputElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = '';
    if (files.length > 0) onFiles(files);
  };
  return (
    <Group gap="sm">
      <Button variant="default" onClick={() => camera.current?.click()} disabled={disabled}>
        Ta ett foto
      </Button>
      <Button variant="default" onClick={() => file.current?.click()} disabled={disabled}>
        {fileLabel}
      </Button>
      {/* the buttons open these; hidden, so a reader meets each choice once */}
      <input ref={camera} type="file" accept="image/*" capture="environment" onChange={picked} hidden />
      <input
        ref={file}
        type="file"
        accept={ACCEPT}
        multiple
        onChange={picked}
        hidden
        data-testid="bilaga-fil"
      />
    </Group>
  );
}

/**
 * Attachments on the report form (issue 21): each file is uploaded as it is picked and the report
 * then refers to it; until the report is sent it belongs to no case.
 */
export function ReportAttachments({
  value,
  onChange,
  anonymous = false,
}: {
  value: Attachment[];
  onChange: (attachments: Attachment[]) => void;
  anonymous?: boolean;
}) {
  const settings = useQuery({ queryKey: ['attachment-settings'], queryFn: attachmentSettings });
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const added: Attachment[] = [];
      for (const file of files) {
        added.push(
          await uploadAttachment(
            anonymous ? '/api/v1/public/feedback/attachments' : '/api/v1/attachments',
            file,
            'report',
            {
              anonymous,
            },
          ),
        );
      }
      return added;
    },
    onMutate: () => setError(null),
    onSuccess: (added) => onChange([...value, ...added]),
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Input.Label component="legend" p={0}>
        Bilagor {anonymous ? '(frivilligt)' : '(valfritt)'}
      </Input.Label>
      <Text size="sm" c="dimmed">
        {maxSizeText(settings.data?.maxBytes ?? 10 * 1024 * 1024)}
      </Text>
      <NotScanned scanned={settings.data?.scanned} />
      <FilePickers
        disabled={upload.isPending}
        onFiles={(files) => upload.mutate(files)}
        fileLabel="Välj fil"
      />
      {upload.isPending && <Text size="sm">Laddar upp …</Text>}
      {error && (
        <Alert color="red" variant="light" role="alert" title="Filen bifogades inte">
          {error}
        </Alert>
      )}
      {value.length > 0 && (
        <Stack gap={4} component="ul" m={0} pl="md" aria-label="Bifogade filer">
          {value.map((a) => (
            <li key={a.id} data-testid="bifogad-fil">
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {a.fileName} ({formatFileSize(a.sizeBytes)})
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onChange(value.filter((other) => other.id !== a.id))}
                  aria-label={`Ta bort ${a.fileName}`}
                >
                  Ta bort
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The case page's attachments: who added what and when, each a download (logged), and adding more. */
/** `reason`: the reader's stated reason on a case with protected personal data, sent with each download. */
export function CaseAttachments({ caseId, reason }: { caseId: string; reason?: string | undefined }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['case-attachments', caseId], queryFn: () => caseAttachments(caseId) });
  const [step, setStep] = useState<AttachmentStep>('investigation');
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) await uploadAttachment(`/api/v1/cases/${caseId}/attachments`, file, step);
    },
    onMutate: () => setError(null),
    onError: (e) => setError(messageOf(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['case-attachments', caseId] }),
  });
  const download = useMutation({
    mutationFn: (attachment: Attachment) => downloadAttachment(caseId, attachment, reason),
    onMutate: () => setError(null),
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <QueryState query={list}>
      {(data) => (
        <Stack gap="sm">
          {data.items.length === 0 ? (
            <Text size="sm">Inga bilagor ännu.</Text>
          ) : (
            <ScrollTable label="Bilagor" minWidth={560}>
              <Table aria-label="Bilagor">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Fil</Table.Th>
                    <Table.Th>Hör till</Table.Th>
                    <Table.Th>Storlek</Table.Th>
                    <Table.Th>Bifogad av</Table.Th>
                    <Table.Th>När</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="bilaga">
                      <Table.Td data-label="Fil">
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          px={0}
                          onClick={() => download.mutate(a)}
                          aria-label={`Hämta ${a.fileName}`}
                          style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
                        >
                          {a.fileName}
                        </Button>
                      </Table.Td>
                      <Table.Td data-label="Hör till">{ATTACHMENT_STEP_LABELS[a.step]}</Table.Td>
                      <Table.Td data-label="Storlek">{formatFileSize(a.sizeBytes)}</Table.Td>
                      <Table.Td data-label="Bifogad av">{a.uploadedByName}</Table.Td>
                      <Table.Td data-label="När">{formatDateTime(a.uploadedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          <Text size="sm" c="dimmed">
            {maxSizeText(data.maxBytes)} Varje hämtning loggas.
          </Text>
          <NotScanned scanned={data.scanned} />
          <Group align="end" gap="sm">
            <NativeSelect
              label="Bilagan hör till"
              value={step}
              onChange={(e) => setStep(e.currentTarget.value as AttachmentStep)}
              data={Object.entries(ATTACHMENT_STEP_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <FilePickers
              disabled={upload.isPending}
              onFiles={(files) => upload.mutate(files)}
              fileLabel="Bifoga fil"
            />
          </Group>
          {upload.isPending && <Text size="sm">Laddar upp …</Text>}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
