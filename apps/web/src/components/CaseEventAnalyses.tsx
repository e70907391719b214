import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import type { ApiSchemas, Page } from '../api/types';
import { ANALYSIS_STATUS_LABELS } from '../lib/handelseanalys';

/** The roles that lead or join händelseanalyser (the api's mayUseEventAnalyses). */
const ANALYSTS = [
  'quality_coordinator',
  'lex_sarah_investigator',
  'mas',
  'unit_manager',
  'division_manager',
  'director',
];

export function mayUseEventAnalyses(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((role) => ANALYSTS.includes(role));
}

/** The case's händelseanalyser (RA-11) and "Starta händelseanalys" with the case filled in. */
export function CaseEventAnalyses({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const analyses = useQuery({
    queryKey: ['event-analyses', 'case', caseId],
    queryFn: () =>
      apiJson<Page<ApiSchemas['EventAnalysisSummaryDto']>>(
        `/api/v1/handelseanalyser?caseId=${encodeURIComponent(caseId)}`,
      ),
  });
  const items = analyses.data?.items ?? [];
  return (
    <Stack gap="xs">
      {items.length === 0 ? (
        <Text size="sm">Ingen händelseanalys gäller ärendet.</Text>
      ) : (
        items.map((a) => (
          <Group key={a.id} gap="xs" data-testid="arendets-handelseanalys">
            <Anchor component={Link} to={`/ledningssystem/handelseanalyser/${a.id}`} fw={600}>
              {a.title}
            </Anchor>
            <Text span size="sm">
              {ANALYSIS_STATUS_LABELS[a.status] ?? a.status}
            </Text>
          </Group>
        ))
      )}
      <Group>
        <Button
          component={Link}
          to={`/ledningssystem/handelseanalyser?arende=${encodeURIComponent(caseNumber)}`}
          variant="default"
          size="xs"
        >
          Starta händelseanalys
        </Button>
      </Group>
    </Stack>
  );
}
