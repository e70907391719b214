import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../lib/format';
import {
  decisionNotice,
  statusCards,
  type LedningssystemStatus,
  type StatusCard,
} from '../lib/ledningssystem';
import { usePageTitle } from '../lib/use-page-title';

function RegisterCard({ card }: { card: StatusCard }) {
  const id = `ls-kort-${card.key}`;
  const needsAction = card.count !== null && card.count > 0;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={id}
      data-testid={`ls-kort-${card.key}`}
    >
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h4" id={id}>
            {card.title}
          </Title>
          {card.count !== null && (
            <Text
              fw={700}
              size="xl"
              className={needsAction ? 'overdue' : undefined}
              c={needsAction ? undefined : 'green.9'}
              aria-label={needsAction ? `${card.count} att åtgärda` : 'Inget att åtgärda'}
              data-testid="antal"
            >
              {card.count}
            </Text>
          )}
        </Group>
        <Text size="sm" className={needsAction ? 'overdue' : undefined}>
          {card.text}
        </Text>
        <Anchor component={Link} to={card.to} size="sm" mt="auto" underline="always">
          {card.linkLabel}
        </Anchor>
      </Stack>
    </Card>
  );
}

function Scope({ status }: { status: LedningssystemStatus }) {
  const unitName = useUnitName();
  const names = status.unitIds.map(unitName);
  return (
    <Text size="sm" c="dimmed">
      Läget {formatDate(status.on)} för{' '}
      {names.length > 4 ? `${names.length} enheter` : names.join(', ') || 'inga enheter'}.
    </Text>
  );
}

/**
 * Kvalitet's start page (AUD-22): what is missing or overdue in every register of the ledningssystem,
 * one card each with a link to where it is put right; a unit manager sees their own units.
 */
export function LedningssystemPage() {
  usePageTitle('Ledningssystem');
  const status = useQuery({
    queryKey: ['ledningssystem', 'status'],
    queryFn: () => apiJson<LedningssystemStatus>('/api/v1/ledningssystem/status'),
  });
  const forbidden = status.error instanceof ApiError && status.error.status === 403;
  return (
    <Stack>
      <Title order={2}>Ledningssystem</Title>
      <Text maw={760}>
        Det här saknas eller är försenat i ledningssystemet. Uppgifterna som registren skapar hittar du också
        under{' '}
        <Anchor component={Link} to="/uppgifter">
          Mina uppgifter
        </Anchor>
        .
      </Text>
      {forbidden ? (
        <Alert color="gray" variant="light" title="Läget i registren visas för chefer och kvalitet">
          <Text size="sm">
            Du kan läsa{' '}
            <Anchor component={Link} to="/ledningssystem/dokument">
              ledningssystemet och nämndens beslut
            </Anchor>
            .
          </Text>
        </Alert>
      ) : (
        <QueryState query={status} loadingLabel="Hämtar läget i registren…">
          {(s) => {
            const decision = decisionNotice(s.document);
            return (
              <>
                <Scope status={s} />
                {decision.red && (
                  <Alert color="red" variant="light" title={decision.title} data-testid="beslut-saknas">
                    <Text size="sm">{decision.text}</Text>
                    <Anchor
                      component={Link}
                      to="/ledningssystem/dokument"
                      size="sm"
                      underline="always"
                      c="red.9"
                      fw={600}
                    >
                      För in nämndens beslut
                    </Anchor>
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                  {statusCards(s).map((card) => (
                    <RegisterCard key={card.key} card={card} />
                  ))}
                </SimpleGrid>
              </>
            );
          }}
        </QueryState>
      )}
    </Stack>
  );
}
