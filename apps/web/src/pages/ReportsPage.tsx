import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { apiBlob, apiJson, newIdempotencyKey } from '../api/client';
import type { ApiSchemas } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { DownloadButton } from '../components/DownloadButton';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { formatDateTime } from '../lib/format';
import { reportChoicesFor, type ReportChoice } from '../lib/report-approval';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

type ReportDraft = ApiSchemas['ReportDraftDto'];
type ReportVersion = ApiSchemas['ReportVersionSummaryDto'];

const thisYear = () =>
  Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4));

/**
 * The report's HTML as the api renders it, in a shadow root of its own so that its styles stay apart
 * from the app's (an iframe would do the same, but its document would never settle for the tests).
 */
function ReportDocumentView({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    root.innerHTML = html;
  }, [html]);
  return (
    <div
      ref={host}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid="rapportdokument"
      style={{
        maxHeight: '32rem',
        overflow: 'auto',
        border: '1px solid #ced4da',
        borderRadius: 4,
        padding: '0 1rem',
      }}
    />
  );
}

function ReportFrame({ path, title }: { path: string; title: string }) {
  const html = useQuery({
    queryKey: ['report-html', path],
    queryFn: async () => (await apiBlob(path, 'text/html')).text(),
  });
  return (
    <QueryState query={html} loadingLabel="Hämtar rapporten…">
      {(doc) => <ReportDocumentView html={doc} label={title} />}
    </QueryState>
  );
}

function VersionList({
  choice,
  period,
  versions,
  onOpen,
  open,
}: {
  choice: ReportChoice;
  period: string;
  versions: ReportVersion[];
  onOpen: (version: number) => void;
  open: number | null;
}) {
  if (versions.length === 0) return <Text size="sm">Ingen version är godkänd ännu.</Text>;
  return (
    <ScrollTable label="Godkända versioner" minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Godkänd av</Table.Th>
            <Table.Th>Godkänd</Table.Th>
            <Table.Th>Framlagd</Table.Th>
            <Table.Th>Dokument</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version} data-testid={`version-${v.version}`}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{v.approvedByName}</Table.Td>
              <Table.Td>{formatDateTime(v.approvedAt)}</Table.Td>
              <Table.Td>
                {v.presentations.length === 0
                  ? '–'
                  : v.presentations.map((p) => `${p.meeting}, ${p.reference}`).join('; ')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant={open === v.version ? 'filled' : 'default'}
                    onClick={() => onOpen(v.version)}
                    aria-pressed={open === v.version}
                  >
                    Visa version {v.version}
                  </Button>
                  <DownloadButton
                    path={`/api/v1/reports/${choice.name}/${period}/versions/${v.version}`}
                    filename={`${choice.name}-${period}-version-${v.version}.pdf`}
                    label={`PDF, version ${v.version}`}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function ApprovalForm({
  choice,
  period,
  draft,
  approved,
  setApproved,
}: {
  choice: ReportChoice;
  period: string;
  draft: ReportDraft;
  /** Kept above the form, which starts afresh from the new version's texts once it is approved. */
  approved: ReportVersion | null;
  setApproved: (version: ReportVersion | null) => void;
}) {
  const client = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>(() => ({ ...draft.latestNarratives }));
  const [confirming, setConfirming] = useState(false);
  const next = (draft.latestVersion ?? 0) + 1;
  const approve = useMutation({
    mutationFn: () =>
      apiJson<ReportVersion>(`/api/v1/reports/${choice.name}/${period}/approve`, {
        method: 'POST',
        body: { narratives: texts },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (version) => {
      setApproved(version);
      setConfirming(false);
      void client.invalidateQueries({ queryKey: ['report-approval', choice.name, period] });
    },
    onError: () => setConfirming(false),
  });
  const unwritten = draft.prompts.filter((p) => !(texts[p.id] ?? '').trim()).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApproved(null);
    setConfirming(true);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack style={READABLE_ERRORS}>
        <Title order={3}>Skriv analysen och godkänn</Title>
        <Text size="sm">
          Utkastet är byggt ur registren och ärendena. Det som ska skrivas av en människa skriver du här;
          texten hamnar i den godkända versionen. Lämna en tom rad mellan stycken.
        </Text>
        {draft.prompts.map((p) => (
          <Textarea
            key={p.id}
            label={p.sectionTitle}
            description={p.prompt}
            autosize
            minRows={3}
            maxRows={12}
            value={texts[p.id] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTexts((t) => ({ ...t, [p.id]: value }));
            }}
            error={fieldError(approve.error, `narratives.${p.id}`)}
          />
        ))}
        {approve.error !== null && <ErrorNotice error={approve.error} title="Rapporten godkändes inte" />}
        {approved && (
          <Alert color="green" variant="light" title={`Version ${approved.version} är godkänd`} role="status">
            <Text size="sm">
              {draft.label} godkändes av {approved.approvedByName} {formatDateTime(approved.approvedAt)}. Den
              godkända versionen ändras inte, även om underlaget ändras senare.
            </Text>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={approve.isPending}>
            Godkänn
          </Button>
          {unwritten > 0 && (
            <Text size="sm" c="dimmed">
              {unwritten === 1 ? '1 avsnitt saknar text.' : `${unwritten} avsnitt saknar text.`}
            </Text>
          )}
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Godkänn ${draft.label}`}
        closeButtonProps={{ 'aria-label': 'Stäng' }}
        centered
      >
        <Stack>
          <Text size="sm">
            Rapporten fryses som version {next} med ditt namn och dagens datum. Den kan inte ändras efteråt;
            ändras underlaget kan du godkänna en ny version.
          </Text>
          {unwritten > 0 && (
            <Text size="sm">
              {unwritten === 1
                ? 'Ett avsnitt saknar text och står kvar som att det ska skrivas.'
                : `${unwritten} avsnitt saknar text och står kvar som att de ska skrivas.`}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Avbryt
            </Button>
            <Button onClick={() => approve.mutate()} loading={approve.isPending}>
              Godkänn version {next}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

function ReportApproval({ choice, period }: { choice: ReportChoice; period: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const [approved, setApproved] = useState<ReportVersion | null>(null);
  const draft = useQuery({
    queryKey: ['report-approval', choice.name, period, 'draft'],
    queryFn: () => apiJson<ReportDraft>(`/api/v1/reports/${choice.name}/${period}/draft`),
  });
  const versions = useQuery({
    queryKey: ['report-approval', choice.name, period, 'versions'],
    queryFn: () => apiJson<ReportVersion[]>(`/api/v1/reports/${choice.name}/${period}/versions`),
  });
  return (
    <QueryState query={draft} loadingLabel="Hämtar utkastet…">
      {(d) => (
        <Stack>
          <Card withBorder>
            <Stack>
              <Group justify="space-between" wrap="wrap">
                <Title order={3}>Utkast: {d.label}</Title>
                <Group gap="xs">
                  {d.latestVersion === null ? (
                    <Badge color="gray" variant="light">
                      Inte godkänd
                    </Badge>
                  ) : d.changedSinceLatest ? (
                    <Badge color="orange" variant="light">
                      Underlaget har ändrats sedan version {d.latestVersion}
                    </Badge>
                  ) : (
                    <Badge color="green" variant="light">
                      Godkänd som version {d.latestVersion}
                    </Badge>
                  )}
                </Group>
              </Group>
              <ReportFrame path={choice.draftPath(period)} title={`Utkast till ${d.label}`} />
              <Group>
                <DownloadButton
                  path={choice.draftPath(period)}
                  filename={`${choice.name}-${period}-utkast.pdf`}
                  label="Ladda ned utkastet (PDF)"
                />
              </Group>
            </Stack>
          </Card>
          {d.canApprove ? (
            <Card withBorder>
              <ApprovalForm
                key={`${d.key}-${d.latestVersion ?? 0}`}
                choice={choice}
                period={period}
                draft={d}
                approved={approved}
                setApproved={setApproved}
              />
            </Card>
          ) : (
            <Text size="sm">Du kan läsa rapporten men inte godkänna den.</Text>
          )}
          <Card withBorder>
            <Stack>
              <Title order={3}>Godkända versioner</Title>
              <QueryState query={versions} loadingLabel="Hämtar versionerna…">
                {(list) => (
                  <VersionList
                    choice={choice}
                    period={period}
                    versions={list}
                    open={open}
                    onOpen={(n) => setOpen(open === n ? null : n)}
                  />
                )}
              </QueryState>
              {open !== null && (
                <ReportFrame
                  path={`/api/v1/reports/${choice.name}/${period}/versions/${open}`}
                  title={`${d.label}, godkänd version ${open}`}
                />
              )}
            </Stack>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}

/**
 * Berättelser och rapporter (REP-1, DL-22, DL-23): choose a report and its period, read the draft,
 * write the analysis, approve it as a frozen version, and open any version approved before.
 */
export function ReportsPage() {
  usePageTitle('Berättelser och rapporter');
  const { me } = useAuth();
  const choices = reportChoicesFor(me?.roles ?? []);
  const [params, setParams] = useSearchParams();
  const year = thisYear();
  const choice = choices.find((c) => c.name === params.get('rapport')) ?? choices[0];
  const years = Array.from({ length: 5 }, (_, i) => String(year - i));
  const selectedYear = years.includes(params.get('ar') ?? '') ? params.get('ar')! : String(year);
  const tertial = ['1', '2', '3'].includes(params.get('tertial') ?? '') ? params.get('tertial')! : '1';
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  if (!choice)
    return (
      <Stack>
        <Title order={2}>Berättelser och rapporter</Title>
        <Text>Din roll har inga rapporter att godkänna.</Text>
      </Stack>
    );
  const period = choice.period === 'tertial' ? `${selectedYear}-T${tertial}` : selectedYear;
  return (
    <Stack>
      <Title order={2}>Berättelser och rapporter</Title>
      <Text>
        Läs utkasten som byggs ur registren och ärendena, skriv analysen och godkänn. En godkänd version
        ändras aldrig; ändras underlaget godkänner du en ny version.
      </Text>
      <Group align="end" wrap="wrap">
        <NativeSelect
          label="Rapport"
          value={choice.name}
          data={choices.map((c) => ({ value: c.name, label: c.label }))}
          onChange={(e) => set('rapport', e.currentTarget.value)}
        />
        <NativeSelect
          label="År"
          value={selectedYear}
          data={years}
          onChange={(e) => set('ar', e.currentTarget.value)}
        />
        {choice.period === 'tertial' && (
          <NativeSelect
            label="Tertial"
            value={tertial}
            data={[
              { value: '1', label: 'Tertial 1 (januari–april)' },
              { value: '2', label: 'Tertial 2 (maj–augusti)' },
              { value: '3', label: 'Tertial 3 (september–december)' },
            ]}
            onChange={(e) => set('tertial', e.currentTarget.value)}
          />
        )}
      </Group>
      <ReportApproval key={`${choice.name}-${period}`} choice={choice} period={period} />
    </Stack>
  );
}
