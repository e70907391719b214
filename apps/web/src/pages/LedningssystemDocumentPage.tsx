import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DECIDING_BODY_LABELS, type DecidingBody } from '@kvalitet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, apiJson } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { formatDate } from '../lib/format';
import {
  decisionNotice,
  mayRecordLedningssystem,
  type DocumentDecisionStatus,
  type LedningssystemDocument,
} from '../lib/ledningssystem';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

const DOCUMENT_KEY = ['ledningssystem', 'document'] as const;

function useLedningssystem() {
  return useQuery({
    queryKey: DOCUMENT_KEY,
    queryFn: () => apiJson<LedningssystemDocument>('/api/v1/ledningssystem'),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

function DecisionAlert({ status }: { status: DocumentDecisionStatus }) {
  const notice = decisionNotice(status);
  return (
    <Alert
      color={notice.red ? 'red' : 'green'}
      variant="light"
      title={notice.title}
      data-testid={notice.red ? 'beslut-saknas' : 'beslut-galler'}
    >
      <Text size="sm">{notice.text}</Text>
    </Alert>
  );
}

function HeaderField({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '–'}</Text>
    </div>
  );
}

const decisionText = (d: { decidedBy: string; decidedOn: string; reference: string }) =>
  `${DECIDING_BODY_LABELS[d.decidedBy as DecidingBody] ?? d.decidedBy} ${formatDate(d.decidedOn)}, ${d.reference}`;

/** PR-9's header fields of the version in force. */
function DocumentHeader({ doc }: { doc: LedningssystemDocument }) {
  const current = doc.versions[doc.versions.length - 1];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ls-huvud">
      <Stack gap="sm">
        <Title order={3} id="ls-huvud">
          Dokumenthuvud
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <HeaderField label="Gällande version" value={current?.version ?? 'Ingen fastställd version'} />
          <HeaderField
            label="Beslutat av"
            value={current ? decisionText(current.decision) : 'Inget beslut'}
          />
          <HeaderField label="Fastställd" value={formatDate(doc.header.faststallelse) || null} />
          <HeaderField label="Reviderad" value={formatDate(doc.header.reviderad) || null} />
          <HeaderField label="Ansvarig" value={doc.header.ansvarig} />
          <HeaderField label="Revideras" value={doc.header.revideras} />
          <HeaderField label="Följs upp" value={doc.header.foljsUpp} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

interface VersionDraft {
  version: string;
  decidedOn: string;
  reference: string;
  validFrom: string;
  changeNote: string;
  revisionRule: string;
  followUpRule: string;
}

/** AUD-1: kvalitet records the nämnd's decision on a new version; the api's errors show at the fields. */
function AdoptVersionForm({ doc }: { doc: LedningssystemDocument }) {
  const queryClient = useQueryClient();
  const current = doc.versions[doc.versions.length - 1];
  const empty: VersionDraft = {
    version: '',
    decidedOn: '',
    reference: '',
    validFrom: '',
    changeNote: '',
    revisionRule: current?.revisionRule ?? 'Vartannat år, eller vid behov',
    followUpRule: current?.followUpRule ?? 'Årligen i mars',
  };
  const [draft, setDraft] = useState<VersionDraft>(empty);
  const [saved, setSaved] = useState<string | null>(null);
  const adopt = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<LedningssystemDocument>('/api/v1/ledningssystem/versions', { method: 'POST', body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(DOCUMENT_KEY, updated);
      void queryClient.invalidateQueries({ queryKey: ['ledningssystem', 'status'] });
      setSaved(draft.version.trim());
      setDraft({ ...empty, revisionRule: draft.revisionRule, followUpRule: draft.followUpRule });
    },
  });
  const set = (field: keyof VersionDraft) => (value: string) => {
    setSaved(null);
    setDraft((d) => ({ ...d, [field]: value }));
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    adopt.mutate({
      version: draft.version,
      decision: { decidedBy: 'namnd', decidedOn: draft.decidedOn, reference: draft.reference },
      validFrom: draft.validFrom,
      changeNote: draft.changeNote,
      revisionRule: draft.revisionRule,
      followUpRule: draft.followUpRule,
      expectedVersion: doc.version,
    });
  }
  const err = adopt.error;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ls-nytt-beslut">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" style={READABLE_ERRORS}>
          <Title order={3} id="ls-nytt-beslut">
            För in nämndens beslut om en ny version
          </Title>
          <Text size="sm" c="dimmed">
            Ledningssystemet fastställs av nämnden själv. För in beslutet när nämnden har fattat det. Fält
            markerade med * måste fyllas i.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Version"
              withAsterisk
              description="Till exempel 2.0"
              value={draft.version}
              onChange={(e) => set('version')(e.currentTarget.value)}
              error={fieldError(err, 'version')}
            />
            <TextInput
              label="Gäller från"
              withAsterisk
              type="date"
              value={draft.validFrom}
              onChange={(e) => set('validFrom')(e.currentTarget.value)}
              error={fieldError(err, 'validFrom')}
            />
            <TextInput
              label="Nämndens beslutsdatum"
              withAsterisk
              type="date"
              value={draft.decidedOn}
              onChange={(e) => set('decidedOn')(e.currentTarget.value)}
              error={fieldError(err, 'decision.decidedOn')}
            />
            <TextInput
              label="Paragraf"
              withAsterisk
              description="Protokollets paragraf eller diarienummer, till exempel SN 2026-02-12 § 14"
              value={draft.reference}
              onChange={(e) => set('reference')(e.currentTarget.value)}
              error={fieldError(err, 'decision.reference') ?? fieldError(err, 'decision.decidedBy')}
            />
          </SimpleGrid>
          <Textarea
            label="Vad som har ändrats"
            withAsterisk
            autosize
            minRows={2}
            value={draft.changeNote}
            onChange={(e) => set('changeNote')(e.currentTarget.value)}
            error={fieldError(err, 'changeNote')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Revideras"
              withAsterisk
              value={draft.revisionRule}
              onChange={(e) => set('revisionRule')(e.currentTarget.value)}
              error={fieldError(err, 'revisionRule')}
            />
            <TextInput
              label="Följs upp"
              withAsterisk
              value={draft.followUpRule}
              onChange={(e) => set('followUpRule')(e.currentTarget.value)}
              error={fieldError(err, 'followUpRule')}
            />
          </SimpleGrid>
          {err !== null && <ErrorNotice error={err} title="Beslutet sparades inte" />}
          {saved && (
            <Alert color="green" variant="light" role="status" title="Beslutet är sparat">
              <Text size="sm">Version {saved} är fastställd av nämnden.</Text>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={adopt.isPending}>
              Spara nämndens beslut
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function VersionHistory({ doc }: { doc: LedningssystemDocument }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ls-versioner">
      <Stack gap="sm">
        <Title order={3} id="ls-versioner">
          Versioner
        </Title>
        {doc.versions.length === 0 ? (
          <Text size="sm">Ingen version är fastställd ännu.</Text>
        ) : (
          <ScrollTable label="Versioner" minWidth={720}>
            <Table striped aria-label="Versioner">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col">Beslut</Table.Th>
                  <Table.Th scope="col">Gäller från</Table.Th>
                  <Table.Th scope="col">Vad som ändrades</Table.Th>
                  <Table.Th scope="col">Infört av</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...doc.versions].reverse().map((v) => (
                  <Table.Tr key={v.version} data-testid="ls-version">
                    <Table.Td>{v.version}</Table.Td>
                    <Table.Td>{decisionText(v.decision)}</Table.Td>
                    <Table.Td>{formatDate(v.validFrom)}</Table.Td>
                    <Table.Td>{v.changeNote}</Table.Td>
                    <Table.Td>
                      {v.recordedBy} {formatDate(v.recordedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Card>
  );
}

function Reviews({ doc }: { doc: LedningssystemDocument }) {
  const pending = doc.pendingReview;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ls-genomgangar">
      <Stack gap="sm">
        <Title order={3} id="ls-genomgangar">
          Årlig genomgång
        </Title>
        <Text size="sm" c="dimmed">
          Ledningssystemets lämplighet och effektivitet gås igenom varje år i mars och redovisas för nämnden.
        </Text>
        {pending ? (
          <Text size="sm" className={pending.overdue ? 'overdue' : undefined}>
            Genomgången {pending.year} ska göras i mars {pending.year}
            {pending.overdue ? ' och är försenad' : ''}.{' '}
            <Anchor
              component={Link}
              to={`/ledningssystem/arlig-genomgang/${pending.year}`}
              underline="always"
            >
              Till genomgången {pending.year}
            </Anchor>
          </Text>
        ) : (
          <Text size="sm">
            Den första genomgången görs i mars året efter att nämnden fastställt ledningssystemet.
          </Text>
        )}
        {doc.reviews.length > 0 && (
          <Stack gap={4}>
            {[...doc.reviews].reverse().map((r) => (
              <Anchor
                key={r.year}
                component={Link}
                to={`/ledningssystem/arlig-genomgang/${r.year}`}
                size="sm"
              >
                Genomgången {r.year}:{' '}
                {r.outcome === 'approved' ? 'godkänd' : 'förbättringsåtgärder beslutade'}
              </Anchor>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function RegisterForm() {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('Ledningssystem för systematiskt kvalitetsarbete');
  const [owner, setOwner] = useState('forvaltningschef');
  const create = useMutation({
    mutationFn: () =>
      apiJson<LedningssystemDocument>('/api/v1/ledningssystem', { method: 'POST', body: { title, owner } }),
    onSuccess: (created) => {
      queryClient.setQueryData(DOCUMENT_KEY, created);
      void queryClient.invalidateQueries({ queryKey: ['ledningssystem', 'status'] });
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ls-registrera">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm" style={READABLE_ERRORS}>
          <Title order={3} id="ls-registrera">
            Registrera ledningssystemet
          </Title>
          <TextInput
            label="Titel"
            withAsterisk
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(create.error, 'title')}
          />
          <TextInput
            label="Ansvarig"
            withAsterisk
            description="Användarnamnet på den som ansvarar för dokumentet"
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
            error={fieldError(create.error, 'owner')}
          />
          {create.error !== null && (
            <ErrorNotice error={create.error} title="Ledningssystemet registrerades inte" />
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Registrera
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The ledningssystem document (PR-9) with the nämnd's decisions (AUD-1, AUD-2) and its versions. */
export function LedningssystemDocumentPage() {
  usePageTitle('Ledningssystemet');
  const { me } = useAuth();
  const mayRecord = mayRecordLedningssystem(me?.roles ?? []);
  const document = useLedningssystem();
  const notRegistered = document.error instanceof ApiError && document.error.status === 404;
  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      {notRegistered ? (
        <>
          <Title order={2}>Ledningssystemet</Title>
          <DecisionAlert
            status={{
              decision: 'not_registered',
              decidedOn: null,
              validUntil: null,
              reviewOverdue: false,
              pendingReviewYear: null,
            }}
          />
          {mayRecord && <RegisterForm />}
        </>
      ) : (
        <QueryState query={document} loadingLabel="Hämtar ledningssystemet…">
          {(doc) => (
            <>
              <Title order={2}>{doc.title}</Title>
              <DecisionAlert status={doc.decisionStatus} />
              <DocumentHeader doc={doc} />
              {mayRecord && <AdoptVersionForm doc={doc} />}
              <VersionHistory doc={doc} />
              <Reviews doc={doc} />
            </>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
