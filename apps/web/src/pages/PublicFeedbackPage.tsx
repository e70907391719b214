import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Attachment } from '../api/attachments';
import { apiJson, ApiError, newIdempotencyKey } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ReportAttachments } from '../components/Attachments';
import { PersonnummerWarning } from '../components/PersonnummerWarning';
import { ErrorNotice, fieldError } from '../components/QueryState';
import { usePageTitle } from '../lib/use-page-title';

const KINDS = [
  { value: 'vet-inte', label: 'Vet inte / vill inte välja' },
  { value: 'complaint', label: 'Klagomål – något har inte fungerat' },
  { value: 'suggestion', label: 'Synpunkt eller förslag' },
  { value: 'praise', label: 'Beröm – något var bra' },
];

/**
 * The citizens' e-form (R-14, AUD-21): no account, no forced category, works on a phone; the answer
 * is the reference to quote.
 */
export function PublicFeedbackPage() {
  usePageTitle('Lämna synpunkt eller klagomål');
  const { config } = useAuth();
  const [message, setMessage] = useState('');
  const [kind, setKind] = useState('vet-inte');
  const [unitId, setUnitId] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [wantsAnswer, setWantsAnswer] = useState(false);
  const [protectedIdentity, setProtectedIdentity] = useState(false);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const key = useRef(newIdempotencyKey());

  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<{ reference: string }>('/api/v1/public/feedback', {
        method: 'POST',
        body,
        anonymous: true,
        idempotencyKey: key.current,
      }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = { message };
    if (kind !== 'vet-inte') body['kind'] = kind;
    if (unitId) body['unitId'] = unitId;
    if (occurredAt) body['occurredAt'] = occurredAt;
    if (name.trim()) body['name'] = name.trim();
    const contact: Record<string, string> = {};
    if (email.trim()) contact['email'] = email.trim();
    if (phone.trim()) contact['phone'] = phone.trim();
    if (Object.keys(contact).length > 0) body['contact'] = contact;
    body['wantsAnswer'] = wantsAnswer;
    if (protectedIdentity) body['protectedIdentity'] = true;
    if (attachments.length > 0) body['attachmentIds'] = attachments.map((a) => a.id);
    send.mutate(body);
  }

  const units = config?.units ?? [];
  const depth = (id: string | null): number => {
    const parent = units.find((u) => u.id === id);
    return parent ? 1 + depth(parent.parentId) : 0;
  };

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="blue.9" c="white" py="md">
        <Container size="sm">
          <Text fw={700} size="lg">
            Exempelkommun – socialförvaltningen
          </Text>
        </Container>
      </Box>
      <Container size="sm" py="lg" component="main" id="huvudinnehall">
        <Stack>
          <Title order={1} size="h2">
            Lämna synpunkt, klagomål eller beröm
          </Title>
          {send.data ? (
            <Alert
              color="green"
              variant="light"
              title="Tack! Vi har tagit emot ditt meddelande."
              role="status"
            >
              <Text>
                Ditt referensnummer är <strong data-testid="referens">{send.data.reference}</strong>. Ange det
                om du kontaktar oss om ärendet.
              </Text>
              <Button
                mt="sm"
                variant="default"
                onClick={() => {
                  key.current = newIdempotencyKey();
                  send.reset();
                  setMessage('');
                  setAttachments([]);
                }}
              >
                Skicka ett nytt meddelande
              </Button>
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text>
                  Berätta vad du vill att vi ska veta. Du behöver inte logga in och du behöver inte veta
                  vilken kategori det hör till – vi ser till att rätt verksamhet får ditt meddelande. Bara
                  meddelandet måste fyllas i.
                </Text>
                <Textarea
                  label="Ditt meddelande"
                  withAsterisk
                  autosize
                  minRows={5}
                  value={message}
                  onChange={(e) => setMessage(e.currentTarget.value)}
                  error={fieldError(send.error, 'message')}
                />
                <PersonnummerWarning
                  text={message}
                  advice="vi behöver det inte för att ta emot ditt meddelande och frågar efter det om det behövs. Du kan ändå skicka. Numret visas bara för dem som handlägger ärendet."
                />
                <Radio.Group label="Vad gäller det? (frivilligt)" value={kind} onChange={setKind} name="kind">
                  <Stack gap={6} mt="xs">
                    {KINDS.map((k) => (
                      <Radio key={k.value} value={k.value} label={k.label} />
                    ))}
                  </Stack>
                </Radio.Group>
                <NativeSelect
                  label="Vilken verksamhet gäller det? (frivilligt)"
                  value={unitId}
                  onChange={(e) => setUnitId(e.currentTarget.value)}
                  data={[
                    { value: '', label: 'Vet inte' },
                    ...units.map((u) => ({
                      value: u.id,
                      label: `${'\u00a0\u00a0'.repeat(depth(u.parentId))}${u.name}`,
                    })),
                  ]}
                  error={fieldError(send.error, 'unitId')}
                />
                <TextInput
                  type="date"
                  label="När hände det? (frivilligt)"
                  value={occurredAt}
                  onChange={(e) => setOccurredAt(e.currentTarget.value)}
                  error={fieldError(send.error, 'occurredAt')}
                />
                <Title order={2} size="h4" mt="sm">
                  Om dig (frivilligt)
                </Title>
                <Text size="sm">
                  Lämnar du inget namn eller kontaktuppgift är du anonym, och då kan vi inte svara dig.
                </Text>
                <TextInput
                  label="Namn"
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <TextInput
                  type="email"
                  label="E-post"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldError(send.error, 'contact.email')}
                />
                <TextInput
                  type="tel"
                  label="Telefon"
                  autoComplete="tel"
                  value={phone}
                  onChange={(e) => setPhone(e.currentTarget.value)}
                  error={fieldError(send.error, 'contact.phone')}
                />
                <Checkbox
                  label="Jag vill få svar"
                  description="Skriv då din e-post eller ditt telefonnummer ovan, så att vi kan svara dig."
                  checked={wantsAnswer}
                  onChange={(e) => setWantsAnswer(e.currentTarget.checked)}
                  error={
                    send.error instanceof ApiError &&
                    send.error.errors.some((e) => e.code === 'CONTACT_REQUIRED')
                      ? fieldError(send.error, 'contact')
                      : undefined
                  }
                />
                <Checkbox
                  label="Jag eller personen det gäller har skyddade personuppgifter"
                  description="Till exempel sekretessmarkering eller skyddad folkbokföring. Då läser bara de som handlägger ärendet det du skriver."
                  checked={protectedIdentity}
                  onChange={(e) => setProtectedIdentity(e.currentTarget.checked)}
                />
                <ReportAttachments value={attachments} onChange={setAttachments} anonymous />
                {send.error !== null && (
                  <ErrorNotice error={send.error} title="Meddelandet kunde inte skickas" />
                )}
                <Group>
                  <Button type="submit" loading={send.isPending} fullWidth={false}>
                    Skicka
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          <Text size="sm">
            Anställd?{' '}
            <Anchor component={Link} to="/logga-in">
              Logga in
            </Anchor>
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
