import { Button, Card, Group } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/** A form behind a button, so a register page stays readable until a step is taken. */
export function FormDisclosure({
  label,
  initiallyOpen = false,
  children,
}: {
  label: string;
  initiallyOpen?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  if (!open)
    return (
      <Group>
        <Button variant="default" size="xs" onClick={() => setOpen(true)}>
          {label}
        </Button>
      </Group>
    );
  return (
    <Card withBorder padding="sm" bg="gray.0">
      {children(() => setOpen(false))}
    </Card>
  );
}

export function FormButtons({
  pending,
  submit,
  onCancel,
}: {
  pending: boolean;
  submit: string;
  onCancel?: () => void;
}) {
  return (
    <Group>
      <Button type="submit" size="xs" loading={pending}>
        {submit}
      </Button>
      {onCancel && (
        <Button variant="subtle" size="xs" onClick={onCancel}>
          Avbryt
        </Button>
      )}
    </Group>
  );
}
