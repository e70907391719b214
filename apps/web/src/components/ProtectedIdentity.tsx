import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiJson } from '../api/client';
import type { CaseView, Me } from '../api/types';
import { formatDateTime } from '../lib/format';
import { ScrollTable } from './ScrollTable';
import { QueryState } from './QueryState';
import { TableHead } from './TableHead';

/** The words the badge, the lists and the notices use for a case with protected identity (DATA-2). */
export const PROTECTED_IDENTITY_LABEL = 'Skyddade personuppgifter';

export function ProtectedIdentityBadge({ show, ml }: { show: boolean | undefined; ml?: number }) {
  if (!show) return null;
  return (
    <Badge color="grape.9" variant="filled" ml={ml} data-testid="skyddade-personuppgifter">
      {PROTECTED_IDENTITY_LABEL}
    </Badge>
  );
}

const REASON_MIN = 3;
const REASON_MAX = 500;

/**
 * Before the free text of a protected case shows, its reader states why (ADR 0029); the reason goes
 * with the read to the access log. Readers who may never see the text are told so instead.
 */
export function ProtectedIdentityNotice({
  view,
  onReason,
}: {
  view: CaseView;
  onReason: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!view.personalDataWithheld) return null;
  if (!view.reasonRequired)
    return (
      <Alert color="grape" variant="light" title={PROTECTED_IDENTITY_LABEL} data-testid="fritext-undanhallen">
        Ärendet gäller en person med skyddade personuppgifter. Beskrivning, namn och anteckningar visas bara
        för den som utreder ärendet, SAS eller MAS och chefen för enheten.
      </Alert>
    );
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) {
      setError(`Skälet måste vara ${REASON_MIN}–${REASON_MAX} tecken långt.`);
      return;
    }
    setError(null);
    onReason(trimmed);
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="skal-rubrik" data-testid="skal-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="skal-rubrik">
            Ange skäl till att du läser ärendet
          </Title>
          <Text size="sm">
            Ärendet gäller en person med skyddade personuppgifter. Beskrivning, namn och anteckningar visas
            när du har angett varför du behöver läsa dem. Skälet sparas i ärendets åtkomstlogg tillsammans med
            ditt namn och tidpunkten.
          </Text>
          <Textarea
            label="Skäl"
            description="Till exempel ”utredning enligt uppdrag” eller ”uppföljning av åtgärd”. Namnge inte personen."
            withAsterisk
            autosize
            minRows={2}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
          />
          <Group>
            <Button type="submit">Visa uppgifterna</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

interface CaseAccessLogItem {
  id: string;
  at: string;
  username: string;
  name: string | null;
  kind: string;
  action: string;
  reason: string | null;
}

/** The roles that review a case's access log (mirrors the api's rule; the api decides). */
export function mayReadCaseAccessLog(me: Me | undefined, view: Pick<CaseView, 'type'>): boolean {
  const roles: readonly string[] = me?.roles ?? [];
  if (roles.includes('quality_coordinator') || roles.includes('data_protection_officer')) return true;
  if (roles.includes('lex_sarah_investigator') && ['lex_sarah', 'deviation'].includes(view.type)) return true;
  return roles.includes('mas') && ['hsl_deviation', 'lex_maria'].includes(view.type);
}

function actionText(action: string): string {
  if (action === 'read_case') return 'Läste ärendet';
  if (action === 'read_events') return 'Läste händelserna';
  if (action.startsWith('command:')) return `Kommando: ${action.slice('command:'.length)}`;
  return action;
}

/** "Åtkomstlogg": who read the case, when, how and why (DATA-5, EK-6). */
export function CaseAccessLog({ caseId }: { caseId: string }) {
  const log = useQuery({
    queryKey: ['case-access-log', caseId],
    queryFn: () =>
      apiJson<{ items: CaseAccessLogItem[]; total: number }>(`/api/v1/cases/${caseId}/access-log`),
  });
  return (
    <QueryState query={log} loadingLabel="Hämtar åtkomstloggen…">
      {(data) =>
        data.items.length === 0 ? (
          <Text size="sm">Ingen har läst ärendet ännu.</Text>
        ) : (
          <ScrollTable label="Åtkomstlogg" minWidth={560}>
            <Table striped data-testid="atkomstlogg">
              <TableHead headers={['När', 'Vem', 'Vad', 'Skäl']} />
              <Table.Tbody>
                {data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{formatDateTime(item.at)}</Table.Td>
                    <Table.Td>{item.name ?? item.username}</Table.Td>
                    <Table.Td>{actionText(item.action)}</Table.Td>
                    <Table.Td>{item.reason ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )
      }
    </QueryState>
  );
}
