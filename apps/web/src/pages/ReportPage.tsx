import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { CASE_TYPE_LABELS, CHANNEL_LABELS, CHANNELS, type CaseType } from '@kvalitet/domain';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Attachment } from '../api/attachments';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitOptions, useUnits } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { ReportAttachments } from '../components/Attachments';
import { InAppNotices } from '../components/InAppNotices';
import { PersonnummerWarning } from '../components/PersonnummerWarning';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { UnitRoutinesPanel } from '../components/RoutinePanels';
import { localInputToIso, nowAsLocalInput } from '../lib/format';
import { TYPE_HELP } from '../lib/labels';
import { usePageTitle } from '../lib/use-page-title';

/** Types in the order staff most often need them (SC-5: no more complex than necessary). */
const STAFF_TYPES: CaseType[] = [
  'deviation',
  'lex_sarah',
  'hsl_deviation',
  'complaint',
  'suggestion',
  'praise',
  'data_breach',
  'lex_maria',
  'external_finding',
];

interface Created {
  id: string;
  caseNumber: string;
}

const PERSONNUMMER_ADVICE =
  'skriv det i fältet Berörd person om det behövs. Du kan ändå skicka rapporten. Numret visas bara i ärendet och döljs i listor, e-post och utskrifter.';

export function ReportPage() {
  usePageTitle('Rapportera');
  const { me } = useAuth();
  const [type, setType] = useState<CaseType>('deviation');
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [occurredAt, setOccurredAt] = useState(nowAsLocalInput());
  const [description, setDescription] = useState('');
  const [immediateActions, setImmediateActions] = useState('');
  const [personRef, setPersonRef] = useState('');
  const [onBehalf, setOnBehalf] = useState(false);
  const [behalfName, setBehalfName] = useState('');
  const [behalfContact, setBehalfContact] = useState('');
  const [channel, setChannel] = useState('phone');
  const [reportedAt, setReportedAt] = useState(nowAsLocalInput());
  const [respondBy, setRespondBy] = useState('');
  const [protectedIdentity, setProtectedIdentity] = useState(false);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const idempotencyKey = useRef(newIdempotencyKey());

  const report = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Created>('/api/v1/cases', { method: 'POST', body, idempotencyKey: idempotencyKey.current }),
    onSuccess: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });

  const units = useUnits();
  const unitOptions = useUnitOptions();

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {
      type,
      unitId,
      description,
      channel: onBehalf ? channel : 'staff_form',
    };
    const occurred = localInputToIso(occurredAt);
    if (occurred) body['occurredAt'] = occurred;
    if (immediateActions.trim()) body['immediateActions'] = immediateActions;
    if (personRef.trim()) body['personRef'] = personRef;
    if (type === 'external_finding' && respondBy) body['respondBy'] = respondBy;
    if (protectedIdentity) body['protectedIdentity'] = true;
    if (attachments.length > 0) body['attachmentIds'] = attachments.map((a) => a.id);
    if (onBehalf) {
      body['onBehalfOf'] = behalfContact.trim()
        ? { name: behalfName, contact: behalfContact }
        : { name: behalfName };
      const received = localInputToIso(reportedAt);
      if (received) body['reportedAt'] = received;
    }
    report.mutate(body);
  }

  if (report.data) {
    return (
      <Stack maw={720}>
        <Title order={2}>Tack – din rapport är registrerad</Title>
        <Alert color="green" variant="light" title="Rapporten är mottagen" role="status">
          <Text>
            Ärendenummer: <strong data-testid="arendenummer">{report.data.caseNumber}</strong>
          </Text>
          <Text size="sm">Ansvarig chef får en uppgift att ta emot rapporten.</Text>
        </Alert>
        <Group>
          <Button component={Link} to={`/arenden/${report.data.id}`}>
            Visa ärendet
          </Button>
          <Button
            variant="default"
            onClick={() => {
              report.reset();
              setDescription('');
              setImmediateActions('');
              setPersonRef('');
              setAttachments([]);
              setOnBehalf(false);
              setOccurredAt(nowAsLocalInput());
            }}
          >
            Rapportera något mer
          </Button>
        </Group>
      </Stack>
    );
  }

  const err = report.error;
  return (
    <Stack maw={720}>
      <Title order={2}>Rapportera</Title>
      <InAppNotices />
      <Text c="dimmed">Det tar ungefär två minuter. Fält markerade med * måste fyllas i.</Text>
      {/* CT-14: a risk noticed before anything happened goes to the manager's triage, not into a case. */}
      <Anchor component={Link} to="/ledningssystem/riskobservationer" size="sm">
        Har inget hänt än, men du ser en risk? Rapportera en risk du har upptäckt
      </Anchor>
      <form onSubmit={submit} noValidate aria-describedby={err ? 'rapport-fel' : undefined}>
        <Stack>
          <Radio.Group
            name="typ"
            label="Vad vill du rapportera?"
            withAsterisk
            value={type}
            onChange={(v) => setType(v as CaseType)}
            error={fieldError(err, 'type')}
          >
            <Stack gap={6} mt="xs">
              {STAFF_TYPES.map((t) => (
                <Radio key={t} value={t} label={CASE_TYPE_LABELS[t]} />
              ))}
            </Stack>
          </Radio.Group>
          <Card withBorder padding="sm" bg="gray.0" aria-live="polite">
            <Text size="sm" fw={600}>
              {CASE_TYPE_LABELS[type]} – vad är det?
            </Text>
            <Text size="sm" data-testid="typhjalp">
              {TYPE_HELP[type]}
            </Text>
          </Card>
          <QueryState query={units} loadingLabel="Hämtar enheter…">
            {() => (
              <NativeSelect
                label="Enhet"
                withAsterisk
                data={unitOptions}
                value={unitId}
                onChange={(e) => setUnitId(e.currentTarget.value)}
                error={fieldError(err, 'unitId')}
              />
            )}
          </QueryState>
          <UnitRoutinesPanel unitId={unitId} />
          <TextInput
            type="datetime-local"
            label="När hände det?"
            description="Datum och klockslag, ungefär om du inte vet exakt"
            value={occurredAt}
            onChange={(e) => setOccurredAt(e.currentTarget.value)}
            error={fieldError(err, 'occurredAt')}
          />
          <Textarea
            label="Vad hände?"
            withAsterisk
            description="Beskriv med egna ord. Skriv inte personnummer."
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(err, 'description')}
          />
          <PersonnummerWarning text={description} advice={PERSONNUMMER_ADVICE} />
          <Textarea
            label="Vad gjordes direkt?"
            description="Till exempel: larmade sjuksköterska, tog bort risken, informerade chef"
            autosize
            minRows={2}
            value={immediateActions}
            onChange={(e) => setImmediateActions(e.currentTarget.value)}
            error={fieldError(err, 'immediateActions')}
          />
          <PersonnummerWarning
            text={immediateActions}
            advice={PERSONNUMMER_ADVICE}
            testId="personnummer-varning-atgarder"
          />
          {type === 'external_finding' && (
            <TextInput
              type="date"
              label="Svara senast"
              description="Granskarens datum för svar (fristen går ut vid dagens slut)"
              value={respondBy}
              onChange={(e) => setRespondBy(e.currentTarget.value)}
              error={fieldError(err, 'respondBy')}
            />
          )}
          <TextInput
            label="Berörd person (valfritt)"
            description="Initialer, intern referens eller personnummer (ÅÅÅÅMMDD-NNNN). Ett personnummer kontrolleras och visas maskerat för de flesta."
            value={personRef}
            onChange={(e) => setPersonRef(e.currentTarget.value)}
            error={fieldError(err, 'personRef')}
          />
          <Checkbox
            label="Personen det gäller har skyddade personuppgifter"
            description="Sekretessmarkering eller skyddad folkbokföring. Beskrivning och namn visas då bara för den som utreder, SAS/MAS och enhetschefen – och bara när de angett skäl."
            checked={protectedIdentity}
            onChange={(e) => setProtectedIdentity(e.currentTarget.checked)}
            data-testid="skyddade-personuppgifter-val"
          />
          <Checkbox
            label="Jag registrerar åt någon annan (t.ex. samtal, brev eller papperblankett)"
            checked={onBehalf}
            onChange={(e) => setOnBehalf(e.currentTarget.checked)}
          />
          {onBehalf && (
            <Card withBorder padding="sm">
              <Stack gap="sm">
                <TextInput
                  label="Vem gäller rapporten?"
                  withAsterisk
                  value={behalfName}
                  onChange={(e) => setBehalfName(e.currentTarget.value)}
                  error={fieldError(err, 'onBehalfOf.name') ?? fieldError(err, 'onBehalfOf')}
                />
                <TextInput
                  label="Kontaktuppgift (valfritt)"
                  value={behalfContact}
                  onChange={(e) => setBehalfContact(e.currentTarget.value)}
                />
                <NativeSelect
                  label="Hur kom rapporten in?"
                  data={CHANNELS.filter((c) => c !== 'staff_form' && c !== 'web').map((c) => ({
                    value: c,
                    label: CHANNEL_LABELS[c],
                  }))}
                  value={channel}
                  onChange={(e) => setChannel(e.currentTarget.value)}
                />
                <TextInput
                  type="datetime-local"
                  label="När togs rapporten emot?"
                  description="Det ursprungliga datumet, om den kom in tidigare"
                  value={reportedAt}
                  onChange={(e) => setReportedAt(e.currentTarget.value)}
                  error={fieldError(err, 'reportedAt')}
                />
              </Stack>
            </Card>
          )}
          <ReportAttachments value={attachments} onChange={setAttachments} />
          {err !== null && (
            <div id="rapport-fel">
              <ErrorNotice error={err} title="Rapporten kunde inte skickas" />
            </div>
          )}
          <Group>
            <Button type="submit" loading={report.isPending}>
              Skicka rapporten
            </Button>
            <Anchor component={Link} to="/lamna-synpunkt" size="sm">
              Formulär för allmänheten
            </Anchor>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
