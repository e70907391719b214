import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CASE_STAGE_LABELS, CASE_TYPE_LABELS, type CaseStage, type CaseType } from '@kvalitet/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName, useUnitOptions, useUnits } from '../api/hooks';
import { BarChartWithTable, type ChartRow } from '../components/Charts';
import { DownloadButton } from '../components/DownloadButton';
import { LazySection } from '../components/LazySection';
import { ScrollTable } from '../components/ScrollTable';
import { QueryState } from '../components/QueryState';
import { formatDate, formatNumber } from '../lib/format';
import {
  currentIsoWeek,
  currentTertial,
  describeIsoWeek,
  isValidIsoWeek,
  shiftIsoWeek,
} from '../lib/periods';
import { MeetingCalendarEditor, NAMND } from '../components/MeetingCalendarEditor';
import { overviewSectionsFor, type OverviewSections } from '../lib/navigation';
import {
  STATISTICS_PERIOD_OPTIONS,
  statisticsPeriodLabel,
  statisticsRange,
  unitAndBelow,
  type StatisticsPeriod,
} from '../lib/statistics-filter';
import { usePageTitle } from '../lib/use-page-title';
import { useAuth } from '../auth/AuthContext';

const BLUE = '#1864ab';
const GREEN = '#2b8a3e';
const ORANGE = '#c2410c';
const NOT_YET = 'Den här sammanställningen finns inte i systemet ännu. Kontakta systemförvaltningen.';

interface DigestTotals {
  reported: number;
  closed: number;
  open: number;
  overdue: number;
}
interface WeeklyDigest {
  week: string;
  from: string;
  to: string;
  totals: DigestTotals;
  byType: Record<string, number>;
  byUnit: Record<string, number>;
  lexSarahMaria?: {
    reported: { lex_sarah: number; lex_maria: number };
    awaitingIvo?: number;
    notifiedToIvo?: number;
  };
  overdueActions?: number;
  /** How many case lines the week has, when only the first of them were asked for (`lines`). */
  linesTotal?: number;
  lines: {
    caseNumber: string;
    type: string;
    unitId: string;
    stage: string;
    reportedAt: string;
    overdue: boolean;
    category?: string | null;
  }[];
}
interface Funnel {
  reports: number;
  investigated: number;
  serious: number;
  notifiedToIvo: number;
}
interface Statistics {
  totals: { reported: number; closed: number; open: number; overdue: number };
  groups: {
    key: Record<string, string>;
    measures: { reported: number; closed: number; open: number; overdue: number };
  }[];
  lexSarahFunnel?: Funnel;
}
interface RiskMatrix {
  rowHeading: string;
  columnHeading: string;
  columns: { severity: number; label: string }[];
  rows: {
    probability: number;
    label: string;
    cells: { probability: number; severity: number; score: number; level: string; count: number }[];
  }[];
  levels: { level: string; label: string; demand: string }[];
}

const LEVEL_COLORS: Record<string, { bg: string; fg: string }> = {
  low: { bg: '#d3f9d8', fg: '#1b4d24' },
  medium: { bg: '#fff3bf', fg: '#5c3c00' },
  high: { bg: '#ffc078', fg: '#4a2600' },
  very_high: { bg: '#c92a2a', fg: '#ffffff' },
};

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `rubrik-${title.toLowerCase().replace(/[^a-zåäö]+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

function Stat({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} fz={28} c={warn && value > 0 ? 'red.9' : undefined} data-testid={`nyckeltal-${label}`}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toRows(record: Record<string, number>, label: (key: string) => string): ChartRow[] {
  return Object.entries(record)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => ({ label: label(key), antal: n }));
}

/** The week's case lines a page at a time: a busy week has thousands (issue 21, Översikt on a phone). */
const LINES_PAGE = 20;
const LINES_MAX = 500;

function DigestSection({ onSettled }: { onSettled: () => void }) {
  const [week, setWeek] = useState(currentIsoWeek());
  const [draft, setDraft] = useState(week);
  const [lineCount, setLineCount] = useState(LINES_PAGE);
  const unitName = useUnitName();
  const digest = useQuery({
    queryKey: ['digest', week, lineCount],
    queryFn: () => apiJson<WeeklyDigest>(`/api/v1/reports/weekly-digest?week=${week}&lines=${lineCount}`),
    placeholderData: keepPreviousData,
  });
  const settled = digest.isSuccess || digest.isError;
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);
  const go = (w: string) => {
    setWeek(w);
    setDraft(w);
    setLineCount(LINES_PAGE);
  };
  return (
    <Section
      title="Veckosammanställning till ledningsgruppen"
      actions={
        <DownloadButton
          path={`/api/v1/reports/weekly-digest?week=${week}`}
          filename={`veckosammanstallning-${week}.pdf`}
          label="Ladda ned PDF"
        />
      }
    >
      <Group align="end" mb="sm" wrap="wrap">
        <Button variant="default" size="sm" onClick={() => go(shiftIsoWeek(week, -1))}>
          Föregående vecka
        </Button>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (isValidIsoWeek(draft)) go(draft);
          }}
        >
          <Group align="end" gap="xs">
            <TextInput
              label="Vecka"
              description="Till exempel 2026-W48"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              error={
                draft !== '' && !isValidIsoWeek(draft)
                  ? 'Skriv veckan som ÅÅÅÅ-Vnn, till exempel 2026-W48'
                  : undefined
              }
              w={160}
            />
            <Button type="submit" size="sm" variant="default">
              Visa
            </Button>
          </Group>
        </form>
        <Button variant="default" size="sm" onClick={() => go(shiftIsoWeek(week, 1))}>
          Nästa vecka
        </Button>
      </Group>
      <Text fw={600} mb="sm" data-testid="vecka">
        {describeIsoWeek(week)}
      </Text>
      <QueryState query={digest} loadingLabel="Hämtar veckosammanställningen…" unavailableMessage={NOT_YET}>
        {(d) => (
          <Stack>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Stat label="Rapporterade" value={d.totals.reported} />
              <Stat label="Avslutade" value={d.totals.closed} />
              <Stat label="Öppna" value={d.totals.open} />
              <Stat label="Försenade" value={d.totals.overdue} warn />
            </SimpleGrid>
            {d.lexSarahMaria && (
              <Text size="sm">
                Nya lex Sarah: {d.lexSarahMaria.reported.lex_sarah} · nya lex Maria:{' '}
                {d.lexSarahMaria.reported.lex_maria}
                {d.lexSarahMaria.awaitingIvo !== undefined &&
                  ` · väntar på anmälan till IVO: ${d.lexSarahMaria.awaitingIvo}`}
                {d.lexSarahMaria.notifiedToIvo !== undefined &&
                  ` · anmälda till IVO: ${d.lexSarahMaria.notifiedToIvo}`}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <div>
                <Title order={4} size="h5" mb="xs">
                  Per ärendetyp
                </Title>
                <BarChartWithTable
                  title="Ärenden per typ under veckan"
                  layout="vertical"
                  rows={toRows(d.byType, (k) => CASE_TYPE_LABELS[k as CaseType] ?? k)}
                  series={[{ key: 'antal', label: 'Antal', color: BLUE }]}
                />
              </div>
              <div>
                <Title order={4} size="h5" mb="xs">
                  Per enhet
                </Title>
                <BarChartWithTable
                  title="Ärenden per enhet under veckan"
                  layout="vertical"
                  rows={toRows(d.byUnit, unitName)}
                  series={[{ key: 'antal', label: 'Antal', color: GREEN }]}
                />
              </div>
            </SimpleGrid>
            <Title order={4} size="h5">
              Ärenden (avidentifierade)
            </Title>
            {d.lines.length === 0 ? (
              <Text size="sm">Inga ärenden rapporterade eller försenade under veckan.</Text>
            ) : (
              <ScrollTable label="Avidentifierade ärendrader" minWidth={560}>
                <Table aria-label="Avidentifierade ärendrader" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Ärende</Table.Th>
                      <Table.Th scope="col">Typ</Table.Th>
                      <Table.Th scope="col">Enhet</Table.Th>
                      <Table.Th scope="col">Steg</Table.Th>
                      <Table.Th scope="col">Rapporterat</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.lines.map((l) => (
                      <Table.Tr key={l.caseNumber} data-testid="sammanstallningsrad">
                        <Table.Td>{l.caseNumber}</Table.Td>
                        <Table.Td>{CASE_TYPE_LABELS[l.type as CaseType] ?? l.type}</Table.Td>
                        <Table.Td>{unitName(l.unitId)}</Table.Td>
                        <Table.Td>{CASE_STAGE_LABELS[l.stage as CaseStage] ?? l.stage}</Table.Td>
                        <Table.Td className={l.overdue ? 'overdue' : undefined}>
                          {formatDate(l.reportedAt)}
                          {l.overdue && (
                            <Badge color="red.9" variant="filled" size="sm" ml={6}>
                              Försenad
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            {(d.linesTotal ?? 0) > d.lines.length && (
              <Group gap="sm" wrap="wrap">
                <Text size="sm" data-testid="visade-rader">
                  Visar {formatNumber(d.lines.length)} av {formatNumber(d.linesTotal ?? 0)} ärenden, försenade
                  och nyaste först.
                </Text>
                {d.lines.length < LINES_MAX ? (
                  <Button
                    variant="default"
                    size="sm"
                    loading={digest.isFetching}
                    onClick={() => setLineCount((n) => Math.min(n + 5 * LINES_PAGE, LINES_MAX))}
                  >
                    Visa fler ärenden
                  </Button>
                ) : (
                  <Text size="sm">Alla ärenden finns i PDF:en.</Text>
                )}
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

function useStatistics(groupBy: string, from: string, to: string) {
  return useQuery({
    queryKey: ['statistics', groupBy, from, to],
    queryFn: () => apiJson<Statistics>(`/api/v1/reports/statistics?from=${from}&to=${to}&groupBy=${groupBy}`),
  });
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

function StatisticsSection() {
  const thisYear = currentTertial().year;
  const [year, setYear] = useState(thisYear);
  const [period, setPeriod] = useState<StatisticsPeriod>('year');
  const [unitId, setUnitId] = useState('');
  const { from, to } = statisticsRange(year, period);
  const periodLabel = statisticsPeriodLabel(year, period);
  const unitName = useUnitName();
  const unitOptions = useUnitOptions();
  const units = useUnits();
  // Units roll up the tree, so one unit's figures are its groups by unit and month (or type).
  const byUnitFirst = unitId ? 'unit,' : '';
  const byMonth = useStatistics(`${byUnitFirst}month`, from, to);
  const byType = useStatistics(`${byUnitFirst}type`, from, to);
  const byUnit = useStatistics('unit', from, to);
  const shownUnits = unitId ? unitAndBelow(units.data ?? [], unitId) : null;
  const inUnit = (s: Statistics): Statistics =>
    unitId ? { ...s, groups: s.groups.filter((g) => g.key['unit'] === unitId) } : s;
  const groupRows = (s: Statistics, dim: string, label: (k: string) => string): ChartRow[] =>
    s.groups
      .filter((g) => dim !== 'unit' || shownUnits === null || shownUnits.has(g.key['unit'] ?? ''))
      .filter((g) => g.measures.reported > 0 || g.measures.overdue > 0)
      .map((g) => ({
        label: label(g.key[dim] ?? ''),
        rapporterade: g.measures.reported,
        försenade: g.measures.overdue,
      }));
  const series = [
    { key: 'rapporterade', label: 'Rapporterade', color: BLUE },
    { key: 'försenade', label: 'Försenade', color: ORANGE },
  ];
  return (
    <Section title={`Statistik ${periodLabel}${unitId ? ` – ${unitName(unitId)}` : ''}`}>
      <Stack>
        <Group align="end" wrap="wrap" role="group" aria-label="Urval för statistiken">
          <NativeSelect
            label="År"
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: String(y) }))}
          />
          <NativeSelect
            label="Period"
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value as StatisticsPeriod)}
            data={STATISTICS_PERIOD_OPTIONS}
          />
          <NativeSelect
            label="Enhet"
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            data={[{ value: '', label: 'Alla enheter' }, ...unitOptions]}
          />
        </Group>
        <div>
          <Title order={4} size="h5" mb="xs">
            Per månad
          </Title>
          <QueryState query={byMonth} loadingLabel="Hämtar statistik…" unavailableMessage={NOT_YET}>
            {(s) => (
              <BarChartWithTable
                title={`Rapporterade och avslutade ärenden per månad, ${periodLabel}`}
                rows={[...inUnit(s).groups]
                  .sort((a, b) => (a.key['month'] ?? '').localeCompare(b.key['month'] ?? ''))
                  .map((g) => ({
                    label: MONTHS[Number((g.key['month'] ?? '').slice(5, 7)) - 1] ?? g.key['month'] ?? '',
                    rapporterade: g.measures.reported,
                    avslutade: g.measures.closed,
                  }))}
                series={[
                  { key: 'rapporterade', label: 'Rapporterade', color: BLUE },
                  { key: 'avslutade', label: 'Avslutade', color: GREEN },
                ]}
              />
            )}
          </QueryState>
        </div>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            <Title order={4} size="h5" mb="xs">
              Per ärendetyp
            </Title>
            <QueryState query={byType} loadingLabel="Hämtar statistik…" unavailableMessage={NOT_YET}>
              {(s) => (
                <BarChartWithTable
                  title={`Ärenden per typ, ${periodLabel}`}
                  layout="vertical"
                  rows={groupRows(inUnit(s), 'type', (k) => CASE_TYPE_LABELS[k as CaseType] ?? k)}
                  series={series}
                />
              )}
            </QueryState>
          </div>
          <div>
            <Title order={4} size="h5" mb="xs">
              Per enhet
            </Title>
            <QueryState query={byUnit} loadingLabel="Hämtar statistik…" unavailableMessage={NOT_YET}>
              {(s) => (
                <BarChartWithTable
                  title={`Ärenden per enhet, ${periodLabel}`}
                  layout="vertical"
                  rows={groupRows(s, 'unit', unitName)}
                  series={series}
                />
              )}
            </QueryState>
          </div>
        </SimpleGrid>
        <div>
          <Title order={4} size="h5" mb="xs">
            Lex Sarah – från rapport till anmälan
          </Title>
          <QueryState query={byType} loadingLabel="Hämtar statistik…" unavailableMessage={NOT_YET}>
            {(s) =>
              s.lexSarahFunnel ? (
                <BarChartWithTable
                  title={`Lex Sarah-trappan, ${periodLabel}${unitId ? ' (alla enheter)' : ''}`}
                  layout="vertical"
                  height={200}
                  rows={[
                    { label: 'Rapporter', antal: s.lexSarahFunnel.reports },
                    { label: 'Utredda', antal: s.lexSarahFunnel.investigated },
                    { label: 'Allvarliga', antal: s.lexSarahFunnel.serious },
                    { label: 'Anmälda till IVO', antal: s.lexSarahFunnel.notifiedToIvo },
                  ]}
                  series={[{ key: 'antal', label: 'Antal', color: '#862e9c' }]}
                />
              ) : (
                <Text size="sm">Statistiken saknar lex Sarah-uppgifter.</Text>
              )
            }
          </QueryState>
        </div>
      </Stack>
    </Section>
  );
}

function RiskMatrixSection() {
  const matrix = useQuery({
    queryKey: ['risk-matrix'],
    queryFn: () => apiJson<RiskMatrix>('/api/v1/risk-assessments/matrix'),
  });
  return (
    <Section title="Riskmatris – värmekarta">
      <QueryState
        query={matrix}
        loadingLabel="Hämtar riskmatrisen…"
        unavailableMessage="Riskanalyser finns inte i systemet ännu."
      >
        {(m) => (
          <Stack gap="xs">
            <ScrollTable
              label="Riskmatris: antal risker per sannolikhet och allvarlighetsgrad"
              minWidth={480}
            >
              <Table
                withTableBorder
                withColumnBorders
                aria-label="Riskmatris: antal risker per sannolikhet och allvarlighetsgrad"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">
                      {m.rowHeading} ↓ / {m.columnHeading} →
                    </Table.Th>
                    {m.columns.map((c) => (
                      <Table.Th scope="col" key={c.severity} ta="center">
                        {c.label} ({c.severity})
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.rows.map((r) => (
                    <Table.Tr key={r.probability}>
                      <Table.Th scope="row">
                        {r.label} ({r.probability})
                      </Table.Th>
                      {r.cells.map((c) => {
                        const colors = LEVEL_COLORS[c.level] ?? { bg: '#f1f3f5', fg: '#212529' };
                        const level = m.levels.find((l) => l.level === c.level)?.label ?? c.level;
                        return (
                          <Table.Td
                            key={c.severity}
                            className="heat-cell"
                            style={{ background: colors.bg, color: colors.fg }}
                            data-testid="riskcell"
                          >
                            {c.count > 0 ? (
                              <Anchor
                                component={Link}
                                to={`/riskanalyser?sannolikhet=${c.probability}&allvarlighet=${c.severity}`}
                                c="inherit"
                                fw={700}
                                underline="always"
                                display="block"
                                aria-label={`${c.count} st: ${c.count === 1 ? 'risk' : 'risker'} med sannolikhet ${r.label.toLowerCase()} och allvarlighetsgrad ${m.columns.find((col) => col.severity === c.severity)?.label.toLowerCase() ?? c.severity} – visa riskanalyserna`}
                              >
                                {c.count} st
                              </Anchor>
                            ) : (
                              <div>{c.count} st</div>
                            )}
                            <Text span size="xs" c="inherit">
                              poäng {c.score} · {level}
                            </Text>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            <Group gap="md" wrap="wrap">
              {m.levels.map((l) => (
                // A div: the badge is a div, which a paragraph may not hold.
                <Text size="sm" component="div" key={l.level}>
                  <Badge
                    color="gray.8"
                    variant="outline"
                    mr={4}
                    style={{ background: LEVEL_COLORS[l.level]?.bg, color: LEVEL_COLORS[l.level]?.fg }}
                  >
                    {l.label}
                  </Badge>
                  {l.demand}
                </Text>
              ))}
            </Group>
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

function ReportsSection({ sections }: { sections: OverviewSections }) {
  const now = currentTertial();
  const [year, setYear] = useState(String(now.year));
  const [tertial, setTertial] = useState(String(now.tertial));
  const lastYear = String(now.year - 1);
  const tertialReport = useQuery({
    queryKey: ['tertial', year, tertial],
    queryFn: () =>
      apiJson<{ label?: string; totals?: DigestTotals }>(
        `/api/v1/reports/tertial?year=${year}&tertial=${tertial}`,
      ),
  });
  const years = [now.year, now.year - 1, now.year - 2].map(String);
  return (
    <Section title="Rapporter till nämnden">
      <Stack>
        <Group align="end" wrap="wrap">
          <NativeSelect
            label="År"
            value={year}
            onChange={(e) => setYear(e.currentTarget.value)}
            data={years}
          />
          <NativeSelect
            label="Tertial"
            value={tertial}
            onChange={(e) => setTertial(e.currentTarget.value)}
            data={[
              { value: '1', label: 'T1 (januari–april)' },
              { value: '2', label: 'T2 (maj–augusti)' },
              { value: '3', label: 'T3 (september–december)' },
            ]}
          />
          <DownloadButton
            path={`/api/v1/reports/tertial?year=${year}&tertial=${tertial}`}
            filename={`tertialrapport-${year}-T${tertial}.pdf`}
            label="Ladda ned tertialrapport (PDF)"
          />
        </Group>
        <QueryState
          query={tertialReport}
          loadingLabel="Hämtar tertialrapporten…"
          unavailableMessage={NOT_YET}
        >
          {(r) =>
            r.totals ? (
              <Text size="sm" data-testid="tertial-sammanfattning">
                {capitalise(r.label ?? `Tertial ${tertial} ${year}`)}: {r.totals.reported} rapporterade,{' '}
                {r.totals.closed} avslutade, {r.totals.open} öppna, {r.totals.overdue} försenade.
              </Text>
            ) : (
              <Text size="sm">Tertialrapporten är hämtad.</Text>
            )
          }
        </QueryState>
        {(sections.patientsakerhetsberattelse || sections.kvalitetsberattelse) && (
          <Alert color="blue" variant="light" title="Berättelser för föregående år">
            <Text size="sm" mb="xs">
              Utkast byggda ur ärendena. Analysen skrivs av människor innan nämnden får dem.
            </Text>
            <Group>
              {sections.patientsakerhetsberattelse && (
                <DownloadButton
                  path={`/api/v1/reports/patientsakerhetsberattelse?year=${lastYear}`}
                  filename={`patientsakerhetsberattelse-${lastYear}.pdf`}
                  label={`Patientsäkerhetsberättelse ${lastYear} (PDF)`}
                />
              )}
              {sections.kvalitetsberattelse && (
                <DownloadButton
                  path={`/api/v1/reports/kvalitetsberattelse?year=${lastYear}`}
                  filename={`kvalitetsberattelse-${lastYear}.pdf`}
                  label={`Kvalitetsberättelse ${lastYear} (PDF)`}
                />
              )}
            </Group>
          </Alert>
        )}
      </Stack>
    </Section>
  );
}

export function OverviewPage() {
  usePageTitle('Översikt');
  const { me } = useAuth();
  const sections = overviewSectionsFor(me?.roles ?? []);
  const [firstScreenDone, setFirstScreenDone] = useState(!sections.reports);
  const onDigestSettled = useCallback(() => setFirstScreenDone(true), []);
  return (
    <Stack>
      <Title order={2}>Översikt</Title>
      <Text>Sammanställningar utan personuppgifter: antal, frister och trender.</Text>
      {sections.reports && <DigestSection onSettled={onDigestSettled} />}
      {sections.reports && (
        <LazySection waitFor={firstScreenDone} title={`Statistik ${currentTertial().year}`}>
          <StatisticsSection />
        </LazySection>
      )}
      {sections.riskMatrix && (
        <LazySection waitFor={firstScreenDone} title="Riskmatris – värmekarta">
          <RiskMatrixSection />
        </LazySection>
      )}
      {sections.reports && (
        <LazySection waitFor={firstScreenDone} title="Rapporter till nämnden">
          <ReportsSection sections={sections} />
        </LazySection>
      )}
      {!sections.reports && !sections.riskMatrix && <Text>Din roll har inga sammanställningar här.</Text>}
      <LazySection waitFor={firstScreenDone} title="Nämndens sammanträden">
        <Section title="Nämndens sammanträden">
          <MeetingCalendarEditor kind={NAMND} readOnly />
        </Section>
      </LazySection>
    </Stack>
  );
}
