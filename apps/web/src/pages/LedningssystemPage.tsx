import { Alert, Anchor, Badge, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  DECIDING_BODY_LABELS,
  EGENKONTROLL_KIND_LABELS,
  type DecidingBody,
  type EgenkontrollKind,
} from '@kvalitet/domain';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { Page } from '../api/types';
import { QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

interface Decision {
  decidedBy: string;
  decidedOn: string;
  reference: string;
}

interface Routine {
  id: string;
  kind: 'process' | 'routine';
  level: number;
  code: string;
  title: string;
  unitId: string;
  owner: string;
  status: string;
  currentVersion: string | null;
  nextRevisionDue: string | null;
  revisionOverdue: boolean;
}

interface Appointment {
  id: string;
  roleLabel: string;
  holder: string;
  scope: { unitId: string };
  decision: Decision;
  validFrom: string;
  validTo: string | null;
  inForce: boolean;
}

interface AppointmentAlerts {
  on: string;
  missing: { key: string; role: string; unitId: string; message: string }[];
}

interface EgenkontrollPlan {
  id: string;
  unitId: string;
  year: number;
  status: 'draft' | 'adopted';
  controls: { controlId: string; kind: string; title: string; responsible: string }[];
  occurrences: {
    controlId: string;
    occurrence: string;
    dueAt: string;
    status: 'done' | 'pending' | 'missing';
  }[];
  missing: number;
}

interface TrainingRecord {
  id: string;
  username: string;
  unitId: string;
  nextDue: string | null;
  overdue: boolean;
  status: 'active' | 'left';
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Utkast',
  adopted: 'Fastställd',
  repealed: 'Upphävd',
};

function Section({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const id = `ls-${title.toLowerCase().replace(/[^a-zåäö]+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {children}
      </Stack>
    </Card>
  );
}

function Overdue({ children }: { children: ReactNode }) {
  return (
    <Badge color="red.9" size="sm" ml={6}>
      {children}
    </Badge>
  );
}

function RoutinesSection() {
  const unitName = useUnitName();
  const routines = useQuery({
    queryKey: ['ls', 'routines'],
    queryFn: () => apiJson<Page<Routine>>('/api/v1/routines?pageSize=500'),
  });
  return (
    <Section
      title="Processer och rutiner"
      intro="Varje dokument har en ägare och ett revideringsdatum. Passerade revideringsdatum är markerade."
    >
      <QueryState query={routines} loadingLabel="Hämtar processer och rutiner…">
        {(page) => {
          const rows = page.items
            .filter((r) => r.status !== 'repealed')
            .sort(
              (a, b) =>
                Number(b.revisionOverdue) - Number(a.revisionOverdue) ||
                (a.nextRevisionDue ?? '9999').localeCompare(b.nextRevisionDue ?? '9999'),
            );
          if (rows.length === 0) return <Text size="sm">Inga processer eller rutiner registrerade.</Text>;
          const overdue = rows.filter((r) => r.revisionOverdue).length;
          return (
            <>
              <Text size="sm" role="status" data-testid="rutiner-sammanfattning">
                {rows.length} dokument, varav {overdue} med passerat revideringsdatum.
              </Text>
              <ScrollTable label="Processer och rutiner" minWidth={720}>
                <Table striped aria-label="Processer och rutiner">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Dokument</Table.Th>
                      <Table.Th scope="col">Typ</Table.Th>
                      <Table.Th scope="col">Enhet</Table.Th>
                      <Table.Th scope="col">Ägare</Table.Th>
                      <Table.Th scope="col">Version</Table.Th>
                      <Table.Th scope="col">Revideras senast</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.id} data-testid="rutin">
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {r.code}
                          </Text>
                          <Text size="sm">{r.title}</Text>
                        </Table.Td>
                        <Table.Td>
                          {r.kind === 'process' ? 'Process' : 'Rutin'} (nivå {r.level})
                        </Table.Td>
                        <Table.Td>{unitName(r.unitId)}</Table.Td>
                        <Table.Td>{r.owner}</Table.Td>
                        <Table.Td>{r.currentVersion ?? STATUS_LABELS[r.status] ?? r.status}</Table.Td>
                        <Table.Td>
                          {r.nextRevisionDue ? (
                            <span className={r.revisionOverdue ? 'overdue' : undefined}>
                              {formatDate(r.nextRevisionDue)}
                            </span>
                          ) : (
                            <Text span size="sm" c="dimmed">
                              Inte fastställd
                            </Text>
                          )}
                          {r.revisionOverdue && <Overdue>Revision försenad</Overdue>}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

function AppointmentsSection() {
  const unitName = useUnitName();
  const alerts = useQuery({
    queryKey: ['ls', 'appointment-alerts'],
    queryFn: () => apiJson<AppointmentAlerts>('/api/v1/appointments/alerts'),
  });
  const appointments = useQuery({
    queryKey: ['ls', 'appointments'],
    queryFn: () => apiJson<Page<Appointment>>('/api/v1/appointments?status=active&pageSize=500'),
  });
  return (
    <Section
      title="Förordnanden"
      intro="Vem som är SAS, MAS, verksamhetschef, processägare eller delegat, och genom vilket beslut."
    >
      <Text size="sm">
        Vem som får fatta besluten om lex Sarah och lex Maria avgörs av{' '}
        <Anchor component={Link} to="/delegation" underline="always">
          delegationsförteckningen
        </Anchor>
        ; ett förordnande som delegat här visar bara att nämnden utsett någon.
      </Text>
      <QueryState query={alerts} loadingLabel="Kontrollerar förordnanden…">
        {(a) =>
          a.missing.length === 0 ? (
            <Alert color="green" variant="light" title="Alla roller är tillsatta">
              <Text size="sm">Varje roll som krävs har ett gällande förordnande {formatDate(a.on)}.</Text>
            </Alert>
          ) : (
            <Alert color="red" variant="light" title={`${a.missing.length} roller saknar förordnande`}>
              <List size="sm" data-testid="saknade-forordnanden">
                {a.missing.map((m) => (
                  <List.Item key={`${m.key}-${m.unitId}`}>{m.message}</List.Item>
                ))}
              </List>
            </Alert>
          )
        }
      </QueryState>
      <QueryState query={appointments} loadingLabel="Hämtar förordnanden…">
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm">Inga gällande förordnanden registrerade.</Text>
          ) : (
            <ScrollTable label="Gällande förordnanden" minWidth={640}>
              <Table striped aria-label="Gällande förordnanden">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Roll</Table.Th>
                    <Table.Th scope="col">Vem</Table.Th>
                    <Table.Th scope="col">Gäller för</Table.Th>
                    <Table.Th scope="col">Period</Table.Th>
                    <Table.Th scope="col">Beslut</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="forordnande">
                      <Table.Td>{a.roleLabel}</Table.Td>
                      <Table.Td>{a.holder}</Table.Td>
                      <Table.Td>{unitName(a.scope.unitId)}</Table.Td>
                      <Table.Td>
                        {formatDate(a.validFrom)}–{a.validTo ? formatDate(a.validTo) : 'tills vidare'}
                        {!a.inForce && (
                          <Text span size="sm" ml={6}>
                            (gäller inte i dag)
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {DECIDING_BODY_LABELS[a.decision.decidedBy as DecidingBody] ?? a.decision.decidedBy}{' '}
                        {formatDate(a.decision.decidedOn)}, {a.decision.reference}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Section>
  );
}

function EgenkontrollSection() {
  const unitName = useUnitName();
  const year = new Date().getFullYear();
  const plans = useQuery({
    queryKey: ['ls', 'egenkontroll', year],
    queryFn: () => apiJson<Page<EgenkontrollPlan>>(`/api/v1/egenkontroll/plans?year=${year}&pageSize=500`),
  });
  return (
    <Section
      title={`Egenkontroll ${year}`}
      intro="Enheternas egenkontrollplaner: nästa kontroll som ska göras och kontroller som har passerat sitt datum utan resultat."
    >
      <QueryState query={plans} loadingLabel="Hämtar egenkontrollplaner…">
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm">Ingen egenkontrollplan för {year} än.</Text>
          ) : (
            <ScrollTable label="Egenkontrollplaner" minWidth={640}>
              <Table striped aria-label="Egenkontrollplaner">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Enhet</Table.Th>
                    <Table.Th scope="col">Plan</Table.Th>
                    <Table.Th scope="col">Kontroller</Table.Th>
                    <Table.Th scope="col">Nästa kontroll</Table.Th>
                    <Table.Th scope="col">Saknade resultat</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((p) => {
                    const next = p.occurrences
                      .filter((o) => o.status === 'pending')
                      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
                    const nextControl = next && p.controls.find((c) => c.controlId === next.controlId);
                    return (
                      <Table.Tr key={p.id} data-testid="egenkontrollplan">
                        <Table.Td>{unitName(p.unitId)}</Table.Td>
                        <Table.Td>{p.status === 'adopted' ? 'Fastställd' : 'Utkast'}</Table.Td>
                        <Table.Td>
                          {p.controls.length === 0
                            ? 'Inga'
                            : p.controls
                                .map((c) => EGENKONTROLL_KIND_LABELS[c.kind as EgenkontrollKind] ?? c.title)
                                .join(', ')}
                        </Table.Td>
                        <Table.Td>
                          {next ? `${formatDate(next.dueAt)} – ${nextControl?.title ?? ''}` : '–'}
                        </Table.Td>
                        <Table.Td>
                          {p.missing > 0 ? (
                            <span className="overdue">
                              {p.missing}
                              <Overdue>Saknas</Overdue>
                            </span>
                          ) : (
                            '0'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Section>
  );
}

function TrainingSection() {
  const unitName = useUnitName();
  const records = useQuery({
    queryKey: ['ls', 'training'],
    queryFn: () => apiJson<Page<TrainingRecord>>('/api/v1/training/records?status=active&pageSize=500'),
  });
  return (
    <Section
      title="Information om lex Sarah"
      intro="Nyanställda ska informeras inom två veckor och sedan varje år. Förfallen information är markerad."
    >
      <QueryState query={records} loadingLabel="Hämtar informationsstatus…">
        {(page) => {
          if (page.items.length === 0) return <Text size="sm">Inga medarbetare registrerade.</Text>;
          const overdue = page.items.filter((r) => r.overdue);
          const rows = [...page.items].sort(
            (a, b) =>
              Number(b.overdue) - Number(a.overdue) ||
              (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999'),
          );
          return (
            <>
              <SimpleGrid cols={{ base: 1, xs: 2 }} maw={480}>
                <Card withBorder padding="xs">
                  <Text size="xs">Medarbetare</Text>
                  <Text fw={700} size="lg">
                    {page.total}
                  </Text>
                </Card>
                <Card withBorder padding="xs">
                  <Text size="xs">Information försenad</Text>
                  <Text fw={700} size="lg" className={overdue.length > 0 ? 'overdue' : undefined}>
                    {overdue.length}
                  </Text>
                </Card>
              </SimpleGrid>
              <ScrollTable label="Informationsstatus" minWidth={480}>
                <Table striped aria-label="Informationsstatus">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Medarbetare</Table.Th>
                      <Table.Th scope="col">Enhet</Table.Th>
                      <Table.Th scope="col">Nästa information senast</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.id} data-testid="utbildning">
                        <Table.Td>{r.username}</Table.Td>
                        <Table.Td>{unitName(r.unitId)}</Table.Td>
                        <Table.Td>
                          <span className={r.overdue ? 'overdue' : undefined}>
                            {formatDate(r.nextDue) || '–'}
                          </span>
                          {r.overdue && <Overdue>Försenad</Overdue>}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

/**
 * Ledningssystemet i överblick (läsning): rutiner med revideringsdatum, förordnanden och saknade
 * roller, egenkontroll per enhet och lex Sarah-information. Uppgifterna som registren skapar finns
 * under Mina uppgifter.
 */
export function LedningssystemPage() {
  usePageTitle('Ledningssystem');
  return (
    <Stack>
      <Title order={2}>Ledningssystem</Title>
      <Text maw={760}>
        Överblick över ledningssystemets register. Påminnelser och uppgifter som registren skapar (revidering,
        kontrolltillfällen, information) hittar du under{' '}
        <Anchor component={Link} to="/uppgifter">
          Mina uppgifter
        </Anchor>
        .
      </Text>
      <AppointmentsSection />
      <RoutinesSection />
      <EgenkontrollSection />
      <TrainingSection />
    </Stack>
  );
}
