import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DECIDING_BODY_LABELS, type DecidingBody } from '@kvalitet/domain';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName, useUnits } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { FormDisclosure } from '../components/FormDisclosure';
import { QueryState } from '../components/QueryState';
import { AdoptVersionForm, ChangeOwnerForm, RepealForm } from '../components/RoutineForms';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { formatDate } from '../lib/format';
import { roleLabel } from '../lib/labels';
import { READABLE_ERRORS } from '../lib/risk';
import {
  caseTypeLabel,
  intervalLabel,
  LEVEL_LABELS,
  mayManageRoutinesOf,
  ROUTINE_KIND_LABELS,
  todayInStockholm,
  type Routine,
} from '../lib/routines';
import { usePageTitle } from '../lib/use-page-title';
import { RevisionCell, RoutineStatusBadge } from './RoutinesPage';
import { PersonName } from '../components/PersonName';

const decidedBy = (body: string) => DECIDING_BODY_LABELS[body as DecidingBody] ?? body;

function HeaderField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children || '–'}
      </Text>
    </div>
  );
}

/** PR-9's document header: beslutat av, fastställd, reviderad, ansvarig, revideras. */
function DocumentHeader({ routine }: { routine: Routine }) {
  const unitName = useUnitName();
  const first = routine.versions[0];
  const current = routine.versions.at(-1);
  return (
    <Card withBorder padding="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="dl" m={0}>
        <HeaderField label="Beslutat av">
          {current
            ? `${decidedBy(current.decision.decidedBy)} (${current.decision.reference})`
            : 'Inte fastställd'}
        </HeaderField>
        <HeaderField label="Fastställd">{first?.decision.decidedOn}</HeaderField>
        <HeaderField label="Reviderad">
          {current && routine.versions.length > 1 ? current.decision.decidedOn : 'Inte reviderad'}
        </HeaderField>
        <HeaderField label="Ansvarig">
          {routine.ownerName ?? <PersonName username={routine.owner} />}
        </HeaderField>
        <HeaderField label="Revideras">
          {intervalLabel(routine.revisionInterval)}
          {routine.nextRevisionDue && (
            <>
              , nästa gång <RevisionCell routine={routine} today={todayInStockholm()} />
            </>
          )}
        </HeaderField>
        <HeaderField label="Gällande version">
          {current ? `${current.version}, gäller från ${current.validFrom}` : null}
        </HeaderField>
        <HeaderField label="Typ">
          {ROUTINE_KIND_LABELS[routine.kind]}, {LEVEL_LABELS[routine.level]?.toLowerCase()}
        </HeaderField>
        <HeaderField label="Enhet">{unitName(routine.unitId)}</HeaderField>
        <HeaderField label="Administratör">{routine.administratorName ?? routine.administrator}</HeaderField>
        {routine.cooperation.length > 0 && (
          <HeaderField label="Samverkar med">{routine.cooperation.join(', ')}</HeaderField>
        )}
        {routine.parentId && (
          <HeaderField label="Ingår i process">
            <Anchor component={Link} to={`/ledningssystem/rutiner/${routine.parentId}`} size="sm">
              Visa processen
            </Anchor>
          </HeaderField>
        )}
      </SimpleGrid>
    </Card>
  );
}

function Versions({ routine }: { routine: Routine }) {
  if (routine.versions.length === 0)
    return <Text size="sm">Ingen version är fastställd ännu. Dokumentet är ett utkast.</Text>;
  return (
    <ScrollTable label="Versioner" minWidth={760}>
      <Table striped aria-label="Versioner">
        <TableHead headers={['Version', 'Gäller från', 'Beslutat av', 'Beslutsdatum', 'Beslut', 'Ändring']} />
        <Table.Tbody>
          {[...routine.versions].reverse().map((v) => (
            <Table.Tr key={v.version} data-testid="version">
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{v.validFrom}</Table.Td>
              <Table.Td>{decidedBy(v.decision.decidedBy)}</Table.Td>
              <Table.Td>{v.decision.decidedOn}</Table.Td>
              <Table.Td>{v.decision.reference}</Table.Td>
              <Table.Td>{v.changeNote}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function LinkedCases({ routine }: { routine: Routine }) {
  if (routine.caseLinks.length === 0)
    return (
      <Text size="sm">
        Inget ärende är kopplat. Ett ärende kopplas från ärendets sida av utredaren, enhetens chef eller
        kvalitetsfunktionen.
      </Text>
    );
  return (
    <ScrollTable label="Kopplade ärenden" minWidth={560}>
      <Table striped aria-label="Kopplade ärenden">
        <TableHead headers={['Ärende', 'Typ', 'Kopplat', 'Vad ärendet visar']} />
        <Table.Tbody>
          {routine.caseLinks.map((l) => (
            <Table.Tr key={`${l.caseNumber}-${l.linkedAt}`} data-testid="kopplat-arende">
              <Table.Td>
                {l.caseId ? (
                  <Anchor component={Link} to={`/arenden/${l.caseId}`}>
                    {l.caseNumber}
                  </Anchor>
                ) : (
                  l.caseNumber
                )}
              </Table.Td>
              <Table.Td>{caseTypeLabel(l.caseType)}</Table.Td>
              <Table.Td>{formatDate(l.linkedAt)}</Table.Td>
              <Table.Td>{l.readable ? l.note || '–' : 'Visas bara för den som får läsa ärendet'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function ReviewRequests({ routine }: { routine: Routine }) {
  if (routine.reviewRequests.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Begärda översyner
      </Title>
      {routine.reviewRequests.map((r) => (
        <Alert
          key={r.requestId}
          color={r.answeredAt ? 'gray' : 'orange'}
          variant="light"
          title={
            r.answeredAt
              ? `Besvarad med en ny version ${formatDate(r.answeredAt)}`
              : `Väntar på översyn – begärd ${formatDate(r.requestedAt)}`
          }
          data-testid="begard-oversyn"
        >
          <Text size="sm">
            Ärende {r.caseNumber}, begärd av {r.requestedBy}. {r.reason ?? ''}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

function OpenTasks({ routine }: { routine: Routine }) {
  const open = routine.tasks.filter((t) => t.status === 'open');
  if (open.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        Uppgifter
      </Title>
      {open.map((t) => (
        <Text size="sm" key={t.id}>
          {t.title} –{' '}
          {t.assignee === routine.owner
            ? (routine.ownerName ?? t.assignee)
            : (t.assignee ?? (t.assigneeRole ? roleLabel(t.assigneeRole) : ''))}
          , senast {formatDate(t.dueAt)}
        </Text>
      ))}
    </Stack>
  );
}

function Commands({ routine }: { routine: Routine }) {
  const [notice, setNotice] = useState<string | null>(null);
  if (routine.status === 'repealed') return null;
  return (
    <Stack gap="xs">
      {notice && (
        <Alert color="green" variant="light" role="status" title="Sparat">
          <Text size="sm">{notice}</Text>
        </Alert>
      )}
      <Group align="start">
        <FormDisclosure
          label={routine.status === 'draft' ? 'Fastställ version' : 'Revidera (ny version)'}
          key={`adopt-${routine.version}`}
        >
          {(close) => <AdoptVersionForm routine={routine} onDone={setNotice} onCancel={close} />}
        </FormDisclosure>
        <FormDisclosure label="Byt ägare" key={`owner-${routine.version}`}>
          {(close) => <ChangeOwnerForm routine={routine} onDone={setNotice} onCancel={close} />}
        </FormDisclosure>
        <FormDisclosure label="Upphäv" key={`repeal-${routine.version}`}>
          {(close) => <RepealForm routine={routine} onDone={setNotice} onCancel={close} />}
        </FormDisclosure>
      </Group>
    </Stack>
  );
}

function RoutineBody({ routine }: { routine: Routine }) {
  const { me } = useAuth();
  const units = useUnits().data ?? [];
  const mayManage = mayManageRoutinesOf(me, routine.unitId, units);
  return (
    <Stack>
      <Group gap="sm" align="center">
        <Title order={2}>
          {routine.code} {routine.title}
        </Title>
        <RoutineStatusBadge status={routine.status} />
      </Group>
      <DocumentHeader routine={routine} />
      {routine.repeal && (
        <Alert color="red" variant="light" title="Dokumentet är upphävt">
          <Text size="sm">
            Beslutat av {decidedBy(routine.repeal.decision.decidedBy)} {routine.repeal.decision.decidedOn} (
            {routine.repeal.decision.reference}). Skäl: {routine.repeal.reason}
          </Text>
        </Alert>
      )}
      {mayManage ? (
        <Commands routine={routine} />
      ) : (
        <Text size="sm" c="dimmed">
          Du kan läsa dokumentet. Det ändras av kvalitetsfunktionen, förvaltningschefen eller enhetens chef.
        </Text>
      )}
      <ReviewRequests routine={routine} />
      <OpenTasks routine={routine} />
      <Title order={3} size="h4">
        Versioner
      </Title>
      <Versions routine={routine} />
      <Title order={3} size="h4">
        Kopplade ärenden
      </Title>
      <LinkedCases routine={routine} />
    </Stack>
  );
}

/** One process or routine: its header, every version with its decision, and what can be done (PR-4, PR-5, PR-8). */
export function RoutinePage() {
  const { id = '' } = useParams();
  const routine = useQuery({
    queryKey: ['routine', id],
    queryFn: () => apiJson<Routine>(`/api/v1/routines/${encodeURIComponent(id)}`),
  });
  usePageTitle(routine.data ? `${routine.data.code} ${routine.data.title}` : 'Process eller rutin');
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem/rutiner" size="sm">
        ← Processer och rutiner
      </Anchor>
      <QueryState query={routine} loadingLabel="Hämtar dokumentet…">
        {(data) => <RoutineBody routine={data} />}
      </QueryState>
    </Stack>
  );
}
