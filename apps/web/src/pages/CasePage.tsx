import { Anchor, Badge, Button, Card, Grid, Group, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import {
  CASE_DEADLINE_KIND_LABELS,
  CASE_LINK_RELATION_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STAGE_LABELS,
  CASE_STAGES,
  CASE_TASK_KIND_LABELS,
  CASE_TYPE_LABELS,
  CHANNEL_LABELS,
  type CaseChannel,
  type CaseDeadlineKind,
  type CaseLinkRelation,
  type CaseTaskKind,
} from '@kvalitet/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useClassifications } from '../api/classifications';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { CaseEvent, CaseView, Deadline } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { CaseAttachments } from '../components/Attachments';
import { CommandPanel } from '../components/CommandPanel';
import { CaseRoutines } from '../components/RoutinePanels';
import { CaseEventAnalyses, mayUseEventAnalyses } from '../components/CaseEventAnalyses';
import { ErasedBanner, LegalHoldBox } from '../components/CaseRecords';
import {
  CaseAccessLog,
  ProtectedIdentityBadge,
  ProtectedIdentityNotice,
  mayReadCaseAccessLog,
} from '../components/ProtectedIdentity';
import { DownloadButton } from '../components/DownloadButton';
import { EventTimeline } from '../components/EventTimeline';
import { ScrollTable } from '../components/ScrollTable';
import { StatutoryChecklist } from '../components/StatutoryChecklist';
import { QueryState } from '../components/QueryState';
import { classificationLabel, withOtherText } from '../lib/classifications';
import { delegationText } from '../lib/delegations-form';
import { describeDue, formatDateTime } from '../lib/format';
import {
  ACTION_LEVEL_LABELS,
  ACTION_STATUS_LABELS,
  DEADLINE_STATUS_LABELS,
  RESPONSE_CHANNEL_LABELS,
  roleLabel,
} from '../lib/labels';
import { usePageTitle } from '../lib/use-page-title';
import { useUserName } from '../api/users';

const DEADLINE_COLORS: Record<Deadline['status'], string> = {
  open: 'blue.8',
  met: '#1b5e20',
  missed: 'red.9',
  cancelled: 'gray.7',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `rubrik-${title.toLowerCase().replace(/[^a-zåäö]+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Deadlines({ view }: { view: CaseView }) {
  if (view.deadlines.length === 0) return <Text size="sm">Inga frister ännu.</Text>;
  return (
    <ScrollTable label="Frister" minWidth={400}>
      <Table aria-label="Frister">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Frist</Table.Th>
            <Table.Th scope="col">Senast</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.deadlines.map((d) => {
            const action = d.actionId ? view.actions.find((a) => a.id === d.actionId) : undefined;
            const overdue = d.status === 'open' && Date.parse(d.dueAt) < Date.now();
            return (
              <Table.Tr key={d.id} data-testid="frist">
                <Table.Td>
                  {CASE_DEADLINE_KIND_LABELS[d.kind as CaseDeadlineKind] ?? d.kind}
                  {action ? `: ${action.title}` : ''}
                </Table.Td>
                <Table.Td className={overdue || d.status === 'missed' ? 'overdue' : undefined}>
                  {formatDateTime(d.dueAt)}
                  {d.status === 'open' && (
                    <Text span size="xs" ml={4}>
                      ({describeDue(d.dueAt, Date.now(), inHours(d.kind))})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={130}>
                  <Badge color={DEADLINE_COLORS[d.status]} variant="filled">
                    {DEADLINE_STATUS_LABELS[d.status]}
                  </Badge>
                  {d.metAt && <Text size="xs">{formatDateTime(d.metAt)}</Text>}
                  {d.missedAt && <Text size="xs">{formatDateTime(d.missedAt)}</Text>}
                  {d.cancelledAt && <Text size="xs">{formatDateTime(d.cancelledAt)}</Text>}
                  {d.escalationLevel > 0 && <Text size="xs">eskalerad {d.escalationLevel} steg</Text>}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Tasks({ view }: { view: CaseView }) {
  const nameOf = useUserName();
  if (view.tasks.length === 0) return <Text size="sm">Inga uppgifter.</Text>;
  return (
    <ScrollTable label="Uppgifter i ärendet" minWidth={400}>
      <Table aria-label="Uppgifter i ärendet">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Uppgift</Table.Th>
            <Table.Th scope="col">Vem</Table.Th>
            <Table.Th scope="col">Senast</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.tasks.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{CASE_TASK_KIND_LABELS[t.kind as CaseTaskKind] ?? t.kind}</Table.Td>
              <Table.Td>
                {t.assignee ? nameOf(t.assignee) : t.assigneeRole ? roleLabel(t.assigneeRole) : ''}
              </Table.Td>
              <Table.Td>{formatDateTime(t.dueAt)}</Table.Td>
              <Table.Td>
                {t.status === 'open' ? (
                  'Att göra'
                ) : (
                  <>
                    Klar
                    <Text size="xs">{formatDateTime(t.completedAt)}</Text>
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Actions({ view }: { view: CaseView }) {
  const nameOf = useUserName();
  if (view.actions.length === 0) return <Text size="sm">Inga åtgärder ännu.</Text>;
  return (
    <Stack gap="xs">
      {view.actions.map((a) => (
        <Card key={a.id} withBorder padding="sm" data-testid="atgard">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{a.title}</Text>
            <Badge
              color={a.status === 'followed_up' ? '#1b5e20' : a.status === 'completed' ? '#0b5345' : 'blue.8'}
              variant="filled"
            >
              {ACTION_STATUS_LABELS[a.status]}
            </Badge>
          </Group>
          <Text size="sm">
            {ACTION_LEVEL_LABELS[a.level]} · ansvarig {nameOf(a.owner)} · senast {formatDateTime(a.dueAt)}
          </Text>
          {a.result && <Text size="sm">Resultat: {a.result}</Text>}
          {a.effective !== undefined && (
            <Text size="sm">Uppföljning: {a.effective ? 'avsedd effekt' : 'ej avsedd effekt'}</Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}

/** Linked cases (api.md v1.1 `link`, LC-2): the number opens the case; an escalation shows its reason. */
function Links({ view }: { view: CaseView }) {
  const nameOf = useUserName();
  if (view.links.length === 0) return <Text size="sm">Inga länkade ärenden.</Text>;
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Länkade ärenden">
      {view.links.map((link) => (
        <li key={`${link.caseId}/${link.relation}`} data-testid="lankat-arende">
          <Group gap="xs" wrap="wrap">
            <Badge variant="filled" color="gray.8">
              {CASE_LINK_RELATION_LABELS[link.relation as CaseLinkRelation] ?? link.relation}
            </Badge>
            <Anchor component={Link} to={`/arenden/${link.caseId}`} fw={600}>
              {link.caseNumber}
            </Anchor>
            {link.escalatedTo && (
              <Text span size="sm">
                eskalerat till {CASE_TYPE_LABELS[link.escalatedTo as keyof typeof CASE_TYPE_LABELS]}
              </Text>
            )}
          </Group>
          <Text size="xs">
            {formatDateTime(link.at)} av {nameOf(link.by)}
            {link.rationale ? ` – ${link.rationale}` : ''}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

function CaseBody({
  view,
  reason,
  onReason,
}: {
  view: CaseView;
  reason?: string | null;
  onReason?: (reason: string) => void;
}) {
  const unitName = useUnitName();
  const nameOf = useUserName();
  const lists = useClassifications();
  const { me } = useAuth();
  const events = useQuery({
    queryKey: reason ? ['case-events', view.id, reason] : ['case-events', view.id],
    queryFn: () =>
      apiJson<CaseEvent[] | { items: CaseEvent[] }>(
        `/api/v1/cases/${view.id}/events${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`,
      ),
  });
  const stageIndex = view.stage === 'closed' ? CASE_STAGES.length : CASE_STAGES.indexOf(view.stage);
  const missed = view.deadlines.filter((d) => d.status === 'missed').length;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2}>
            <span data-testid="arendenummer">{view.caseNumber}</span> · {CASE_TYPE_LABELS[view.type]}
            {view.lateReport ? (
              <Badge color="#8a3c00" variant="filled" ml={8} data-testid="sen-rapport">
                Sen rapport
              </Badge>
            ) : null}
            <ProtectedIdentityBadge show={view.protectedIdentity} ml={8} />
          </Title>
          <Text>
            {unitName(view.unitId)} · rapporterat {formatDateTime(view.reportedAt)}
          </Text>
        </div>
        <Group gap="xs">
          <Badge
            size="lg"
            variant="filled"
            color={view.stage === 'closed' ? 'gray.8' : 'blue.8'}
            data-testid="steg"
          >
            {CASE_STAGE_LABELS[view.stage]}
          </Badge>
          {missed > 0 && (
            <Badge size="lg" color="red.9" variant="filled">
              {missed} missade frister
            </Badge>
          )}
          <DownloadButton
            path={`/api/v1/cases/${view.id}/summary.pdf${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`}
            filename={`sammanfattning-${view.caseNumber}.pdf`}
            label="Skriv ut sammanfattning (PDF)"
          />
        </Group>
      </Group>
      <Stepper active={stageIndex} size="xs" allowNextStepsSelect={false} aria-label="Ärendets steg">
        {CASE_STAGES.map((stage) => (
          <Stepper.Step key={stage} label={CASE_STAGE_LABELS[stage]} />
        ))}
      </Stepper>
      <ProtectedIdentityNotice view={view} onReason={(r) => onReason?.(r)} />
      <ErasedBanner view={view} />
      <Section title="Att göra">
        {view.erasedAt ? (
          <Text size="sm">Ärendet är gallrat; inget mer kan göras i det.</Text>
        ) : (
          <CommandPanel view={view} />
        )}
        {view.decision?.requiresIvoReport &&
          view.ivoReport === null &&
          (view.allowedCommands ?? []).includes('report-to-ivo') && (
            <Group mt="sm">
              <DownloadButton
                path={`/api/v1/cases/${view.id}/ivo-anmalan${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`}
                filename={`ivo-anmalan-${view.caseNumber}.pdf`}
                label="Ladda ned förifyllt underlag för anmälan till IVO (PDF)"
              />
            </Group>
          )}
      </Section>
      {(view.legalHold || !view.erasedAt) && <LegalHoldSection view={view} />}
      {view.statutorySteps.length > 0 && (
        <Section title="Lagstadgade steg">
          <StatutoryChecklist view={view} />
        </Section>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Section title="Uppgifter om ärendet">
              <Stack gap="xs" component="dl" m={0}>
                <Fact label="Vad hände">{view.erasedAt ? 'Gallrad' : view.description}</Fact>
                <Fact label="Vad gjordes direkt">{view.immediateActions}</Fact>
                <Fact label="När det hände">{formatDateTime(view.occurredAt)}</Fact>
                <Fact label="Kännedom om incidenten">
                  {view.awareAt ? formatDateTime(view.awareAt) : null}
                </Fact>
                <Fact label="Bedömning (IMY)">
                  {view.breachAssessment
                    ? `${view.breachAssessment.notifiable ? 'Ska anmälas till IMY' : 'Behöver inte anmälas till IMY'}: ${view.breachAssessment.rationale}`
                    : null}
                </Fact>
                <Fact label="Anmäld till IMY">
                  {view.imyReport
                    ? `${formatDateTime(view.imyReport.reportedAt)}${view.imyReport.imyReference ? `, ${view.imyReport.imyReference}` : ''}`
                    : null}
                </Fact>
                <Fact label="Kanal">{CHANNEL_LABELS[view.channel as CaseChannel] ?? view.channel}</Fact>
                <Fact label="Rapporterat av">{view.reporter.name ?? view.reporter.username}</Fact>
                <Fact label="För någon annans räkning">
                  {view.onBehalfOf
                    ? `${view.onBehalfOf.name}${view.onBehalfOf.contact ? `, ${view.onBehalfOf.contact}` : ''}`
                    : null}
                </Fact>
                <Fact label="Berörd person (referens)">{view.personRef}</Fact>
                <Fact label="Kontakt">
                  {view.contact ? [view.contact.email, view.contact.phone].filter(Boolean).join(', ') : null}
                </Fact>
                <Fact label="Vill ha svar">
                  {view.wantsAnswer === null ? null : view.wantsAnswer ? 'Ja' : 'Nej'}
                </Fact>
                <Fact label="Svara senast">{view.respondBy}</Fact>
                <Fact label="Svar">
                  {view.responses.length === 0
                    ? null
                    : view.responses
                        .map(
                          (r) =>
                            `${formatDateTime(r.respondedAt)} (${RESPONSE_CHANNEL_LABELS[r.channel] ?? r.channel}, ${nameOf(r.by)}): ${r.summary}`,
                        )
                        .join(' · ')}
                </Fact>
                <Fact label="Utredare">{nameOf(view.assignee)}</Fact>
                <Fact label="Kategori">
                  {view.unclassified
                    ? 'Inte klassificerat ännu'
                    : withOtherText(
                        classificationLabel(lists.data, 'categories', view.category),
                        view.categoryText,
                      )}
                </Fact>
                <Fact label="Lagrum">
                  {withOtherText(classificationLabel(lists.data, 'lagrum', view.lagrum), view.lagrumText)}
                </Fact>
                <Fact label="Återkoppling">
                  {view.acknowledged
                    ? `${formatDateTime(view.acknowledged.at)} av ${nameOf(view.acknowledged.by)}${view.acknowledged.note ? ` – ${view.acknowledged.note}` : ''}`
                    : null}
                </Fact>
                <Fact label="Utredning">
                  {view.investigation
                    ? `${view.investigation.summary}${view.investigation.causes.length ? `\nOrsaker: ${view.investigation.causes.join(', ')}` : ''}${view.investigation.deviationOccurred === undefined ? '' : `\nAvvikelse förekom: ${view.investigation.deviationOccurred ? 'ja' : 'nej'}`}`
                    : null}
                </Fact>
                <Fact label="Beslut">
                  {view.decision
                    ? `${CASE_OUTCOME_LABELS[view.decision.outcome]} (${formatDateTime(view.decision.at)}, ${nameOf(view.decision.by)}) – ${view.decision.rationale}${view.decision.delegation ? `\nEnligt delegation: ${delegationText(view.decision.delegation)}` : ''}`
                    : null}
                </Fact>
                <Fact label="Anmälan till IVO">
                  {view.ivoReport
                    ? `${view.ivoReport.ivoReference}, skickad ${formatDateTime(view.ivoReport.reportedAt)}${view.ivoReport.delegation ? `\nEnligt delegation: ${delegationText(view.ivoReport.delegation)}` : ''}`
                    : view.decision?.requiresIvoReport
                      ? 'Krävs – ej registrerad ännu'
                      : null}
                </Fact>
                <Fact label="Avslutat">
                  {view.closedAt ? `${formatDateTime(view.closedAt)} – ${view.closingSummary ?? ''}` : null}
                </Fact>
              </Stack>
            </Section>
            <Section title="Frister">
              <Deadlines view={view} />
            </Section>
            {!view.erasedAt && (
              <Section title="Bilagor">
                <CaseAttachments caseId={view.id} reason={reason ?? undefined} />
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Section title="Länkade ärenden">
              <Links view={view} />
            </Section>
            <Section title="Rutiner och processer">
              <CaseRoutines view={view} />
            </Section>
            {mayUseEventAnalyses(me?.roles) && !view.erasedAt && (
              <Section title="Händelseanalys">
                <CaseEventAnalyses caseId={view.id} caseNumber={view.caseNumber} />
              </Section>
            )}
            <Section title="Åtgärder">
              <Actions view={view} />
            </Section>
            <Section title="Uppgifter">
              <Tasks view={view} />
            </Section>
            <Section title="Händelser">
              <QueryState query={events} loadingLabel="Hämtar händelser…">
                {(data) => <EventTimeline events={Array.isArray(data) ? data : data.items} context={view} />}
              </QueryState>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      {mayReadCaseAccessLog(me, view) && (
        <Section title="Åtkomstlogg">
          <CaseAccessLog caseId={view.id} />
        </Section>
      )}
    </Stack>
  );
}

/** "Spärr mot gallring" only when there is a hold or the user may place one (DATA-7). */
function LegalHoldSection({ view }: { view: CaseView }) {
  const { me } = useAuth();
  const mayHold = (me?.roles ?? []).some(
    (r) => r === 'quality_coordinator' || r === 'data_protection_officer',
  );
  if (!view.legalHold && !mayHold) return null;
  return (
    <Section title="Spärr mot gallring">
      <LegalHoldBox view={view} />
    </Section>
  );
}

/** The 72 hours to IMY are counted in hours, not days (DL-14). */
function inHours(kind: string): boolean {
  return kind === 'imy_notification';
}

export function CasePage() {
  const { id = '' } = useParams();
  // The reader's stated reason for a protected case's free text (ADR 0029), sent with each read.
  const [reason, setReason] = useState<string | null>(null);
  const view = useQuery({
    queryKey: reason ? ['case', id, reason] : ['case', id],
    // No polling: every read of a case is written to the access log (DATA-5), so the page reads
    // when it opens, after each command and when the user asks.
    queryFn: () =>
      apiJson<CaseView>(
        `/api/v1/cases/${encodeURIComponent(id)}${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`,
      ),
  });
  const queryClient = useQueryClient();
  const refresh = async () => {
    await view.refetch();
    await queryClient.invalidateQueries({ queryKey: ['case-events', id] });
    await queryClient.invalidateQueries({ queryKey: ['case-access-log', id] });
  };
  usePageTitle(view.data ? `Ärende ${view.data.caseNumber}` : 'Ärende');
  return (
    <Stack>
      <Group justify="space-between">
        <Anchor component={Link} to="/uppgifter" size="sm">
          ← Till mina uppgifter
        </Anchor>
        <Button
          variant="default"
          size="xs"
          onClick={() => void refresh()}
          loading={view.isFetching && !view.isPending}
        >
          Uppdatera
        </Button>
      </Group>
      <QueryState query={view} loadingLabel="Hämtar ärendet…">
        {(data) => <CaseBody view={data} reason={reason} onReason={setReason} />}
      </QueryState>
    </Stack>
  );
}
