import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ApiError, apiJson } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import {
  ReviewActionRows,
  reviewActionsBody,
  ReviewActionsTable,
  type ReviewActionRow,
} from './AnnualReviewActions';
import { formatDate } from '../lib/format';
import {
  INTERNKONTROLL_STAGE_TEXT,
  mayRecordLedningssystem,
  REVIEW_ITEM_LABELS,
  reviewItemState,
  reviewReadiness,
  type AnnualReview,
  type LedningssystemDocument,
  type ReviewFactSheet,
  type ReviewItem,
} from '../lib/ledningssystem';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

const DOCUMENT_KEY = ['ledningssystem', 'document'] as const;

const ITEM_STATE: Readonly<Record<ReturnType<typeof reviewItemState>, { label: string; color: string }>> = {
  open: { label: 'Inte genomgången', color: 'gray.8' },
  // teal.9, not green.9: white on green.9 is below the 4.5:1 contrast axe asks for.
  met: { label: 'Uppfylld', color: 'teal.9' },
  not_met: { label: 'Inte uppfylld', color: 'red.9' },
};

function FactRow({ label, value, bad }: { label: string; value: string | number; bad?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        {label}
      </Table.Th>
      <Table.Td className={bad ? 'overdue' : undefined}>{value}</Table.Td>
    </Table.Tr>
  );
}

/** REP-13's inputs from the registers: what the year under review looked like. */
function FactSheet({ year }: { year: number }) {
  const facts = useQuery({
    queryKey: ['ledningssystem', 'facts', year],
    queryFn: () => apiJson<ReviewFactSheet>(`/api/v1/ledningssystem/reviews/${year}/facts`),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="genomgang-fakta">
      <QueryState query={facts} loadingLabel="Hämtar underlaget…">
        {(f) => (
          <Stack gap="sm">
            <Title order={3} id="genomgang-fakta">
              Underlag från registren: året {f.periodYear}
            </Title>
            <Text size="sm" c="dimmed">
              Räknat {formatDate(f.on)} från registren. Det som saknas eller är försenat är markerat.
            </Text>
            <ScrollTable label="Underlag" minWidth={480}>
              <Table aria-label="Underlag från registren" data-testid="faktablad">
                <Table.Tbody>
                  <FactRow label="Fastställda processer och rutiner" value={f.routinesAdopted} />
                  <FactRow
                    label="Varav med passerat revideringsdatum"
                    value={f.routinesOverdue}
                    bad={f.routinesOverdue > 0}
                  />
                  <FactRow label="Egenkontroller med resultat" value={f.egenkontrollDone} />
                  <FactRow
                    label="Egenkontroller som saknar resultat"
                    value={f.egenkontrollMissing}
                    bad={f.egenkontrollMissing > 0}
                  />
                  <FactRow
                    label="Internkontroll"
                    value={
                      f.internkontrollStage === null
                        ? `Ingen internkontrollplan för ${f.periodYear}`
                        : (INTERNKONTROLL_STAGE_TEXT[f.internkontrollStage] ?? f.internkontrollStage)
                    }
                    bad={f.internkontrollStage !== 'reported'}
                  />
                  <FactRow
                    label="Årshjulet"
                    value={
                      f.arshjul === null
                        ? `Inget årshjul för ${f.periodYear}`
                        : `${f.arshjul.done} av ${f.arshjul.total} aktiviteter klara`
                    }
                    bad={f.arshjul === null || f.arshjul.overdue > 0}
                  />
                  <FactRow
                    label="Riskanalyser under året"
                    value={f.riskAnalysesPerUnit.reduce((n, u) => n + u.count, 0)}
                  />
                  <FactRow
                    label="Enheter utan riskanalys"
                    value={
                      f.unitsWithoutRiskAnalysis.length === 0
                        ? 'Inga'
                        : f.unitsWithoutRiskAnalysis.map((u) => u.name).join(', ')
                    }
                    bad={f.unitsWithoutRiskAnalysis.length > 0}
                  />
                  <FactRow label="Klagomål" value={f.cases.complaint} />
                  <FactRow label="Avvikelser" value={f.cases.deviation} />
                  <FactRow label="Avvikelser i hälso- och sjukvården" value={f.cases.hsl_deviation} />
                  <FactRow label="Lex Sarah-rapporter" value={f.cases.lex_sarah} />
                  <FactRow label="Lex Maria-händelser" value={f.cases.lex_maria} />
                  <FactRow label="Förbättringsåtgärder som inte är genomförda" value={f.improvementsOpen} />
                  <FactRow
                    label="Varav med passerat datum"
                    value={f.improvementsOverdue}
                    bad={f.improvementsOverdue > 0}
                  />
                  <FactRow
                    label="Roller utan gällande förordnande"
                    value={f.appointmentsMissing}
                    bad={f.appointmentsMissing > 0}
                  />
                  <FactRow
                    label="Medarbetare utan aktuell information om lex Sarah"
                    value={f.trainingOverdue}
                    bad={f.trainingOverdue > 0}
                  />
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function ItemForm({
  item,
  year,
  version,
  onDone,
}: {
  item: ReviewItem;
  year: number;
  version: number;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [met, setMet] = useState<'yes' | 'no'>(item.done === false ? 'no' : 'yes');
  const [note, setNote] = useState(item.note);
  const check = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<LedningssystemDocument>(`/api/v1/ledningssystem/reviews/${year}/items`, {
        method: 'POST',
        body,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(DOCUMENT_KEY, updated);
      onDone();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    check.mutate({
      key: item.key,
      done: met === 'yes',
      ...(note.trim() ? { note } : {}),
      expectedVersion: version,
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={`Bedöm: ${REVIEW_ITEM_LABELS[item.key]}`}>
      <Stack gap="xs" style={READABLE_ERRORS}>
        <Radio.Group
          label="Bedömning"
          value={met}
          onChange={(v) => setMet(v as 'yes' | 'no')}
          error={fieldError(check.error, 'done')}
        >
          <Group mt={4}>
            <Radio value="yes" label="Uppfylld" />
            <Radio value="no" label="Inte uppfylld" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Kommentar"
          description={met === 'no' ? 'Beskriv vad som brister och vad som behöver göras.' : undefined}
          withAsterisk={met === 'no'}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(check.error, 'note')}
        />
        {check.error !== null && !fieldError(check.error, 'note') && (
          <ErrorNotice error={check.error} title="Bedömningen sparades inte" />
        )}
        <Group>
          <Button type="submit" size="xs" loading={check.isPending}>
            Spara bedömningen
          </Button>
          <Button variant="default" size="xs" onClick={onDone}>
            Avbryt
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Checklist({
  review,
  version,
  editable,
}: {
  review: AnnualReview;
  version: number;
  editable: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const readiness = reviewReadiness(review.checklist);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="genomgang-checklista">
      <Stack gap="sm">
        <Title order={3} id="genomgang-checklista">
          Checklista
        </Title>
        <Text size="sm" c="dimmed" role="status">
          {readiness.open === 0
            ? `Alla punkter är genomgångna${readiness.notMet > 0 ? `; ${readiness.notMet} är inte uppfyllda` : ''}.`
            : `${readiness.open} av ${review.checklist.length} punkter är inte genomgångna.`}
        </Text>
        <List listStyleType="none" spacing="sm" p={0}>
          {review.checklist.map((item) => {
            const state = ITEM_STATE[reviewItemState(item)];
            return (
              <List.Item key={item.key} data-testid={`punkt-${item.key}`}>
                <Stack gap={4}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Badge
                      color={state.color}
                      variant="filled"
                      w={140}
                      style={{ flexShrink: 0 }}
                      data-testid="punkt-status"
                    >
                      {state.label}
                    </Badge>
                    <Text size="sm">{REVIEW_ITEM_LABELS[item.key]}</Text>
                  </Group>
                  {item.note && (
                    <Text size="sm" c="dimmed" ml={148}>
                      {item.note}
                    </Text>
                  )}
                  {item.checkedBy && (
                    <Text size="xs" c="dimmed" ml={148}>
                      Bedömd av {item.checkedBy}
                    </Text>
                  )}
                  {editable &&
                    (open === item.key ? (
                      <Card withBorder padding="sm" ml={{ base: 0, sm: 148 }}>
                        <ItemForm
                          item={item}
                          year={review.year}
                          version={version}
                          onDone={() => setOpen(null)}
                        />
                      </Card>
                    ) : (
                      <Group ml={{ base: 0, sm: 148 }}>
                        <Button
                          variant="light"
                          size="xs"
                          onClick={() => setOpen(item.key)}
                          aria-label={`${item.done === null ? 'Bedöm' : 'Ändra bedömning'}: ${REVIEW_ITEM_LABELS[item.key]}`}
                        >
                          {item.done === null ? 'Bedöm' : 'Ändra bedömning'}
                        </Button>
                      </Group>
                    ))}
                </Stack>
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Card>
  );
}

/** REP-13: the nämnd approves, or decides improvements that become next year's action plan. */
function CompleteForm({ review, version }: { review: AnnualReview; version: number }) {
  const queryClient = useQueryClient();
  const readiness = reviewReadiness(review.checklist);
  const [outcome, setOutcome] = useState<'approved' | 'improvements_decided'>(
    readiness.canApprove ? 'approved' : 'improvements_decided',
  );
  const [actions, setActions] = useState<ReviewActionRow[]>([{ title: '', owner: '', dueOn: '' }]);
  const [decidedOn, setDecidedOn] = useState('');
  const [reference, setReference] = useState('');
  const complete = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<LedningssystemDocument>(`/api/v1/ledningssystem/reviews/${review.year}/complete`, {
        method: 'POST',
        body,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(DOCUMENT_KEY, updated);
      void queryClient.invalidateQueries({ queryKey: ['ledningssystem', 'status'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    complete.mutate({
      outcome,
      decision: { decidedBy: 'namnd', decidedOn, reference },
      ...(outcome === 'improvements_decided' ? { actions: reviewActionsBody(actions) } : {}),
      expectedVersion: version,
    });
  }
  const err = complete.error;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="genomgang-beslut">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" style={READABLE_ERRORS}>
          <Title order={3} id="genomgang-beslut">
            Nämndens beslut om genomgången
          </Title>
          {!readiness.canComplete && (
            <Text size="sm" c="dimmed">
              Gå igenom alla punkter i checklistan innan nämndens beslut förs in.
            </Text>
          )}
          <Radio.Group
            label="Nämnden beslutade att"
            withAsterisk
            value={outcome}
            onChange={(v) => setOutcome(v as typeof outcome)}
            error={fieldError(err, 'outcome')}
          >
            <Stack gap={6} mt={4}>
              <Radio
                value="approved"
                label="Ledningssystemet godkänns"
                disabled={!readiness.canApprove}
                description={
                  readiness.canApprove ? undefined : 'Går inte när punkter i checklistan inte är uppfyllda.'
                }
              />
              <Radio value="improvements_decided" label="Förbättringsåtgärder beslutas" />
            </Stack>
          </Radio.Group>
          {outcome === 'improvements_decided' && (
            <ReviewActionRows rows={actions} onChange={setActions} error={err} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Nämndens beslutsdatum"
              withAsterisk
              type="date"
              value={decidedOn}
              onChange={(e) => setDecidedOn(e.currentTarget.value)}
              error={fieldError(err, 'decision.decidedOn')}
            />
            <TextInput
              label="Paragraf"
              withAsterisk
              description="Till exempel SN 2027-03-18 § 22"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={fieldError(err, 'decision.reference') ?? fieldError(err, 'decision.decidedBy')}
            />
          </SimpleGrid>
          {err !== null && <ErrorNotice error={err} title="Beslutet sparades inte" />}
          <Group>
            <Button type="submit" loading={complete.isPending} disabled={!readiness.canComplete}>
              Spara nämndens beslut
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Outcome({ review }: { review: AnnualReview }) {
  return (
    <Alert
      color="green"
      variant="light"
      title={
        review.outcome === 'approved'
          ? 'Nämnden godkände ledningssystemet'
          : 'Nämnden beslutade om förbättringsåtgärder'
      }
      data-testid="genomgang-klar"
    >
      {review.decision && (
        <Text size="sm">
          Beslut {formatDate(review.decision.decidedOn)}, {review.decision.reference}.
        </Text>
      )}
      {review.improvements.length > 0 && (
        <List size="sm" mt="xs">
          {review.improvements.map((i) => (
            <List.Item key={i}>{i}</List.Item>
          ))}
        </List>
      )}
      {review.actions.length > 0 && <ReviewActionsTable actions={review.actions} />}
    </Alert>
  );
}

function ReviewOfYear({
  doc,
  year,
  mayRecord,
}: {
  doc: LedningssystemDocument;
  year: number;
  mayRecord: boolean;
}) {
  const completed = doc.reviews.find((r) => r.year === year);
  const pending = doc.pendingReview?.year === year ? doc.pendingReview : undefined;
  const review = completed ?? pending;
  if (!review)
    return (
      <Alert color="gray" variant="light" title={`Genomgången ${year} står inte på tur`}>
        <Text size="sm">
          {doc.pendingReview ? (
            <Anchor component={Link} to={`/ledningssystem/arlig-genomgang/${doc.pendingReview.year}`}>
              Till genomgången {doc.pendingReview.year}
            </Anchor>
          ) : (
            'Den första genomgången görs i mars året efter att nämnden fastställt ledningssystemet.'
          )}
        </Text>
      </Alert>
    );
  return (
    <>
      {completed ? (
        <Outcome review={completed} />
      ) : (
        <Text className={review.overdue ? 'overdue' : undefined} data-testid="genomgang-datum">
          Genomgången ska vara klar i mars {year}
          {review.overdue ? ' och är försenad.' : '.'}
        </Text>
      )}
      <FactSheet year={year} />
      <Checklist review={review} version={doc.version} editable={mayRecord && !completed} />
      {mayRecord && !completed && <CompleteForm review={review} version={doc.version} />}
    </>
  );
}

/** The March review of the ledningssystem (DL-24, REP-13): fact sheet, checklist and the nämnd's decision. */
export function AnnualReviewPage() {
  const params = useParams();
  const year = params.year === undefined ? undefined : Number(params.year);
  usePageTitle(year ? `Årlig genomgång ${year}` : 'Årlig genomgång');
  const { me } = useAuth();
  const document = useQuery({
    queryKey: DOCUMENT_KEY,
    queryFn: () => apiJson<LedningssystemDocument>('/api/v1/ledningssystem'),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  if (year === undefined && document.data?.pendingReview)
    return <Navigate replace to={`/ledningssystem/arlig-genomgang/${document.data.pendingReview.year}`} />;
  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/ledningssystem/dokument" size="sm">
        ← Ledningssystemet
      </Anchor>
      <Title order={2}>
        {year && Number.isInteger(year) ? `Årlig genomgång ${year}` : 'Årlig genomgång'}
      </Title>
      <Text maw={760}>
        Varje år i mars går kvalitet igenom ledningssystemets lämplighet och effektivitet, och nämnden
        beslutar om det godkänns eller om förbättringsåtgärder behövs.
      </Text>
      <QueryState
        query={document}
        loadingLabel="Hämtar genomgången…"
        unavailableMessage="Ledningssystemet är inte registrerat ännu, så det finns ingen genomgång att göra."
      >
        {(doc) =>
          year === undefined || !Number.isInteger(year) ? (
            <Text size="sm">
              Ingen genomgång står på tur: nämnden har inte fastställt ledningssystemet ännu.
            </Text>
          ) : (
            <ReviewOfYear doc={doc} year={year} mayRecord={mayRecordLedningssystem(me?.roles ?? [])} />
          )
        }
      </QueryState>
    </Stack>
  );
}
