import { Alert, Text } from '@mantine/core';
import { containsPersonnummer } from '@kvalitet/domain';
import { useMemo } from 'react';

/**
 * Shown under a free-text field as soon as its text holds a personnummer or samordningsnummer (real
 * date and check digit; issue 21). A warning, not a block: the report can still be sent, a report
 * must never be lost over its wording, and the number is shown only on the case and masked in lists,
 * mail and printouts.
 */
export function PersonnummerWarning({
  text,
  advice,
  testId,
}: {
  text: string;
  advice: string;
  testId?: string;
}) {
  const found = useMemo(() => containsPersonnummer(text), [text]);
  if (!found) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      role="status"
      data-testid={testId ?? 'personnummer-varning'}
      py="xs"
    >
      <Text size="sm">Texten verkar innehålla ett personnummer. Skriv inte personnummer här – {advice}</Text>
    </Alert>
  );
}
