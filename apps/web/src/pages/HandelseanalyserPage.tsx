import { Anchor, Badge, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { resolveCaseRef } from '../lib/case-link-lookup';
import { formatDate } from '../lib/format';
import { ANALYSIS_STATUS_LABELS } from '../lib/handelseanalys';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';
import { UserPicker } from '../components/UserPicker';

type Analysis = ApiSchemas['EventAnalysisDto'];
type AnalysisSummary = ApiSchemas['EventAnalysisSummaryDto'];

/** "Lisa Berg, Sjuksköterska" per line → the team (RA-11: people and their roles). */
export function parseTeam(text: string): { name: string; role: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', ...role] = line.split(',');
      return { name: name.trim(), role: role.join(',').trim() };
    });
}

function NewAnalysisForm({ initialCase, onDone }: { initialCase: string; onDone: () => void }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(me?.username ?? '');
  const [caseRefs, setCaseRefs] = useState(initialCase);
  const [team, setTeam] = useState('');
  const idempotencyKey = useRef(newIdempotencyKey());
  const start = useMutation({
    mutationFn: async () => {
      const refs = caseRefs
        .split(/[\s,]+/)
        .map((r) => r.trim())
        .filter((r) => r !== '');
      const caseIds = await Promise.all(refs.map((ref) => resolveCaseRef(ref, (path) => apiJson(path))));
      return apiJson<Analysis>('/api/v1/handelseanalyser', {
        method: 'POST',
        body: { title: title.trim(), owner: owner.trim(), caseIds, team: parseTeam(team) },
        idempotencyKey: idempotencyKey.current,
      });
    },
    onSuccess: (analysis) => navigate(`/ledningssystem/handelseanalyser/${analysis.id}`),
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ny-handelseanalys">
      <Stack gap="xs">
        <Title order={3} size="h4" id="ny-handelseanalys">
          Starta en händelseanalys
        </Title>
        <TextInput
          label="Rubrik"
          withAsterisk
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(start.error, 'title')}
        />
        <Group grow align="start">
          <UserPicker
            label="Analysledare"
            required
            value={owner}
            onChange={setOwner}
            error={fieldError(start.error, 'owner')}
          />
          <TextInput
            label="Ärenden"
            description="Ett eller flera ärendenummer, till exempel AV-2026-0031 AV-2026-0032"
            withAsterisk
            value={caseRefs}
            onChange={(e) => setCaseRefs(e.currentTarget.value)}
            error={fieldError(start.error, 'caseIds') ?? fieldError(start.error, 'caseId')}
          />
        </Group>
        <Textarea
          label="Analysteam"
          description="En person per rad: namn, roll"
          autosize
          minRows={2}
          value={team}
          onChange={(e) => setTeam(e.currentTarget.value)}
          error={fieldError(start.error, 'team')}
        />
        {start.error != null && <ErrorNotice error={start.error} title="Analysen kunde inte startas" />}
        <FormButtons pending={start.isPending} submit="Starta analysen" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/**
 * Händelseanalyser (RA-11): those in progress first. Started here or from a case ("Starta
 * händelseanalys" opens this page with the case filled in).
 */
export function HandelseanalyserPage() {
  usePageTitle('Händelseanalyser');
  const unitName = useUnitName();
  const [params] = useSearchParams();
  const fromCase = params.get('arende') ?? '';
  const analyses = useQuery({
    queryKey: ['event-analyses'],
    queryFn: () => apiJson<Page<AnalysisSummary>>('/api/v1/handelseanalyser?pageSize=200'),
  });
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Händelseanalyser</Title>
      <Text c="dimmed">
        En händelseanalys går på djupet i vad som hände, varför och vad som ska ändras. Den kan gälla flera
        ärenden, också på olika enheter. Orsakerna sorteras i kategorier så att de kan följas över tid.
      </Text>
      <FormDisclosure label="Starta en händelseanalys" initiallyOpen={fromCase !== ''}>
        {(close) => <NewAnalysisForm initialCase={fromCase} onDone={close} />}
      </FormDisclosure>
      <QueryState query={analyses} loadingLabel="Hämtar händelseanalyser…">
        {(page) =>
          page.items.length === 0 ? (
            <Text role="status">Inga händelseanalyser ännu.</Text>
          ) : (
            <ScrollTable label="Händelseanalyser" minWidth={720}>
              <Table striped aria-label="Händelseanalyser">
                <TableHead headers={['Analys', 'Ärenden', 'Enheter', 'Startad', 'Orsaker', 'Status']} />
                <Table.Tbody>
                  {page.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="handelseanalys-rad">
                      <Table.Td>
                        <Anchor component={Link} to={`/ledningssystem/handelseanalyser/${a.id}`}>
                          {a.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {a.reference}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.caseNumbers.join(', ')}</Table.Td>
                      <Table.Td>{a.unitIds.map(unitName).join(', ')}</Table.Td>
                      <Table.Td>{formatDate(a.startedAt)}</Table.Td>
                      <Table.Td>{a.causeCount}</Table.Td>
                      <Table.Td>
                        <Badge
                          color={a.status === 'completed' ? 'gray.8' : 'blue.8'}
                          variant="filled"
                          styles={{ root: { textTransform: 'none' } }}
                        >
                          {ANALYSIS_STATUS_LABELS[a.status] ?? a.status}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
      <CauseTrend />
    </Stack>
  );
}

/** The year's causes per category (IMP-5), so recurring root causes show. */
function CauseTrend() {
  const year = new Date().getFullYear();
  const trend = useQuery({
    queryKey: ['event-analysis-causes', year],
    queryFn: () =>
      apiJson<ApiSchemas['CauseTrendDto']>(
        `/api/v1/handelseanalyser/causes?from=${year}-01-01&to=${year}-12-31`,
      ),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Orsaker {year}
      </Title>
      <QueryState query={trend} loadingLabel="Räknar orsaker…">
        {(t) =>
          t.analyses === 0 ? (
            <Text size="sm">Inga analyser startade i år.</Text>
          ) : (
            <ScrollTable label={`Orsaker ${year}`} minWidth={480}>
              <Table aria-label={`Orsaker ${year}`}>
                <TableHead headers={['Kategori', 'Grundorsaker', 'Bidragande orsaker']} />
                <Table.Tbody>
                  {t.categories.map((c) => (
                    <Table.Tr key={c.category}>
                      <Table.Td>{c.label}</Table.Td>
                      <Table.Td>{c.root}</Table.Td>
                      <Table.Td>{c.contributing}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}
