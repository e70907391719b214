import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useClassifications } from '../api/classifications';
import { ApiError, apiJson, newIdempotencyKey } from '../api/client';
import { useUnits } from '../api/hooks';
import type { CaseView } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { availableCommands, commandLabelFor, type CommandName } from '../lib/case-commands';
import { commandForm, isShown, type FieldSpec } from '../lib/command-forms';
import { ErrorNotice, fieldError } from './QueryState';
import { UserPicker } from './UserPicker';
import { todayInStockholm } from '../lib/format';

function Field({
  spec,
  value,
  onChange,
  error,
}: {
  spec: FieldSpec;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const common = {
    label: spec.label,
    description: spec.description,
    withAsterisk: spec.required,
    error,
    name: spec.name,
  };
  switch (spec.kind) {
    case 'textarea':
    case 'lines':
      return (
        <Textarea
          {...common}
          autosize
          minRows={spec.kind === 'lines' ? 2 : 3}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          data={spec.options ?? []}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'yesno':
      return (
        <Radio.Group {...common} value={value} onChange={onChange}>
          <Group mt="xs">
            <Radio value="ja" label="Ja" />
            <Radio value="nej" label="Nej" />
          </Group>
        </Radio.Group>
      );
    case 'date':
      return (
        <TextInput {...common} type="date" value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'person':
      return (
        <UserPicker
          label={spec.label}
          {...(spec.description ? { description: spec.description } : {})}
          {...(spec.required ? { required: true } : {})}
          unitId={spec.unitId}
          {...(spec.handlersOnly ? { handlersOnly: true } : {})}
          value={value}
          onChange={onChange}
          error={error}
        />
      );
    case 'datetime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return <TextInput {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

function CommandFormCard({
  command,
  view,
  onDone,
  onCancel,
}: {
  command: CommandName;
  view: CaseView;
  onDone: (label: string) => void;
  onCancel: () => void;
}) {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  // The classify form's selects (issue 24); the form opens once the lists are here (see CommandPanel).
  const classifications = useClassifications();
  const units = useUnits();
  const form = commandForm(command, view, { username: me?.username ?? '' }, todayInStockholm(), {
    ...(classifications.data ? { classifications: classifications.data } : {}),
    ...(units.data ? { units: units.data } : {}),
  });
  const [values, setValues] = useState<Record<string, string>>(form.initial);
  const navigate = useNavigate();
  const label = commandLabelFor(command, view);
  // The escalation creates a case: a repeated click or a retry gets the first answer, not a second case.
  const idempotencyKey = useRef(newIdempotencyKey());
  const run = useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      apiJson<CaseView>(`/api/v1/cases/${view.id}/${command}`, {
        method: 'POST',
        body: form.prepare ? await form.prepare(body, (path) => apiJson(path)) : body,
        ...(command === 'escalate' ? { idempotencyKey: idempotencyKey.current } : {}),
      }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['case-events', view.id] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      if (updated.id !== view.id) {
        // The escalation answers with the new case: go there (LC-2).
        void queryClient.invalidateQueries({ queryKey: ['case', view.id] });
        void navigate(`/arenden/${updated.id}`);
        return;
      }
      queryClient.setQueryData(['case', view.id], updated);
      // A protected case answers without its text: the page that shows it (read with a reason) reads again.
      if (updated.personalDataWithheld)
        void queryClient.invalidateQueries({ queryKey: ['case', view.id], exact: false });
      onDone(label);
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: ['case', view.id] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // No expectedVersion: the worker appends deadline and task events to the case at any time, which
    // would turn most human commands into spurious 409s. The domain refuses what no longer fits.
    run.mutate(form.toBody(values));
  }

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={`form-${command}`}
      data-testid="kommandoformular"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={4} id={`form-${command}`}>
            {label}
          </Title>
          {form.fields.length === 0 && <Text size="sm">Bekräfta för att gå vidare.</Text>}
          {form.fields
            .filter((spec) => isShown(spec, values))
            .map((spec) => (
              <Field
                key={spec.name}
                spec={spec}
                value={values[spec.name] ?? ''}
                onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))}
                error={fieldError(run.error, spec.name)}
              />
            ))}
          {run.error !== null && <ErrorNotice error={run.error} title="Det gick inte att genomföra" />}
          {run.error instanceof ApiError && run.error.code === 'DELEGATION_MISSING' && (
            <Text size="sm">
              <Anchor component={Link} to="/delegation" underline="always">
                Se delegationsförteckningen
              </Anchor>{' '}
              – kvalitetssamordnaren ändrar den.
            </Text>
          )}
          <Group>
            <Button type="submit" loading={run.isPending}>
              {form.submitLabel}
            </Button>
            <Button variant="default" onClick={onCancel}>
              Avbryt
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The commands the user's role allows on the case (api `allowedCommands`), as forms. */
export function CommandPanel({ view }: { view: CaseView }) {
  const [open, setOpen] = useState<CommandName | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const commands = availableCommands(view);
  // Asked at once, so the classify form opens with its lists and the case's values already chosen.
  const lists = useClassifications();
  const units = useUnits();
  const waiting = open === 'classify' && (!lists.data || units.isPending);
  return (
    <Stack gap="sm">
      {done && (
        <Alert
          color="green"
          variant="light"
          role="status"
          title="Klart"
          withCloseButton
          closeButtonLabel="Stäng meddelandet"
          onClose={() => setDone(null)}
        >
          {done} är registrerat.
        </Alert>
      )}
      {commands.length === 0 ? (
        <Text size="sm" c="dimmed">
          Du har inga åtgärder att göra i ärendet just nu.
        </Text>
      ) : (
        <Group gap="xs">
          {commands.map((command) => (
            <Button
              key={command}
              variant={open === command ? 'filled' : 'default'}
              size="sm"
              aria-expanded={open === command}
              onClick={() => {
                setDone(null);
                setOpen(open === command ? null : command);
              }}
            >
              {commandLabelFor(command, view)}
            </Button>
          ))}
        </Group>
      )}
      {open && waiting && (
        <Text size="sm" role="status">
          {lists.isError
            ? 'Listorna över kategorier och lagrum kunde inte hämtas.'
            : 'Hämtar listorna över kategorier och lagrum…'}
        </Text>
      )}
      {open && !waiting && (
        <CommandFormCard
          key={open}
          command={open}
          view={view}
          onCancel={() => setOpen(null)}
          onDone={(label) => {
            setOpen(null);
            setDone(label);
          }}
        />
      )}
    </Stack>
  );
}
