import { Alert, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { DECIDING_BODIES, DECIDING_BODY_LABELS } from '@kvalitet/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiJson } from '../api/client';
import { suggestNextVersion, todayInStockholm, type Routine } from '../lib/routines';
import { FormButtons } from './FormDisclosure';
import { ErrorNotice, fieldError } from './QueryState';
import { UserPicker } from './UserPicker';

/** A command on the document: the answer replaces the page's copy, the register list is read again. */
function useRoutineCommand(routine: Routine, step: string, onDone: (message: string) => void, done: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<Routine>(`/api/v1/routines/${routine.id}/${step}`, {
        method: 'POST',
        body: { ...body, expectedVersion: routine.version },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['routine', routine.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['routines'] });
      onDone(done);
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: ['routine', routine.id] });
    },
  });
}

/** The decision's three fields (who, when, the paragraph or decision number), with the api's messages. */
function DecisionFields({
  value,
  onChange,
  error,
}: {
  value: { decidedBy: string; decidedOn: string; reference: string };
  onChange: (v: { decidedBy: string; decidedOn: string; reference: string }) => void;
  error: unknown;
}) {
  return (
    <Group grow align="start">
      <NativeSelect
        label="Beslutat av"
        withAsterisk
        data={[
          { value: '', label: 'Välj' },
          ...DECIDING_BODIES.map((b) => ({ value: b, label: DECIDING_BODY_LABELS[b] })),
        ]}
        value={value.decidedBy}
        onChange={(e) => onChange({ ...value, decidedBy: e.currentTarget.value })}
        error={fieldError(error, 'decision.decidedBy')}
      />
      <TextInput
        label="Beslutsdatum"
        withAsterisk
        type="date"
        value={value.decidedOn}
        onChange={(e) => onChange({ ...value, decidedOn: e.currentTarget.value })}
        error={fieldError(error, 'decision.decidedOn')}
      />
      <TextInput
        label="Paragraf eller diarienummer"
        withAsterisk
        description="Till exempel SN 2026-02-12 § 14"
        value={value.reference}
        onChange={(e) => onChange({ ...value, reference: e.currentTarget.value })}
        error={fieldError(error, 'decision.reference')}
      />
    </Group>
  );
}

const emptyDecision = () => ({ decidedBy: '', decidedOn: todayInStockholm(), reference: '' });

/**
 * PR-4, PR-5: the first version adopts the document; every later one is its revision — the api has
 * no separate "revise", a revision is a new version adopted with its decision.
 */
export function AdoptVersionForm({
  routine,
  onDone,
  onCancel,
}: {
  routine: Routine;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const first = routine.status === 'draft';
  const [version, setVersion] = useState(suggestNextVersion(routine.currentVersion));
  const [decision, setDecision] = useState(emptyDecision);
  const [validFrom, setValidFrom] = useState(todayInStockholm());
  const [changeNote, setChangeNote] = useState(first ? 'Första versionen' : '');
  const adopt = useRoutineCommand(
    routine,
    'adopt-version',
    onDone,
    first
      ? `Version ${version} är fastställd.`
      : `Version ${version} är fastställd – dokumentet är reviderat.`,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    adopt.mutate({ version, decision, validFrom, changeNote });
  };
  const err = adopt.error;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fastistall-rubrik">
      <Stack gap="xs">
        <Title order={3} size="h4" id="fastistall-rubrik">
          {first ? 'Fastställ första versionen' : 'Revidera: fastställ en ny version'}
        </Title>
        <Text size="sm">
          {first
            ? 'Dokumentet börjar gälla när en version är fastställd med beslut.'
            : 'En revidering görs genom att en ny version fastställs med beslut. Alla tidigare versioner sparas, och nästa revideringsdatum räknas från den nya versionens giltighetsdatum.'}
        </Text>
        <Group grow align="start">
          <TextInput
            label="Version"
            withAsterisk
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            error={fieldError(err, 'version')}
          />
          <TextInput
            label="Gäller från"
            withAsterisk
            type="date"
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={fieldError(err, 'validFrom')}
          />
        </Group>
        <DecisionFields value={decision} onChange={setDecision} error={err} />
        <Textarea
          label="Vad som ändrats"
          withAsterisk
          autosize
          minRows={2}
          value={changeNote}
          onChange={(e) => setChangeNote(e.currentTarget.value)}
          error={fieldError(err, 'changeNote')}
        />
        {err != null && <ErrorNotice error={err} title="Versionen kunde inte fastställas" />}
        <FormButtons pending={adopt.isPending} submit="Fastställ versionen" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function RepealForm({
  routine,
  onDone,
  onCancel,
}: {
  routine: Routine;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [decision, setDecision] = useState(emptyDecision);
  const [reason, setReason] = useState('');
  const repeal = useRoutineCommand(
    routine,
    'repeal',
    onDone,
    'Dokumentet är upphävt. Versionerna finns kvar.',
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    repeal.mutate({ decision, reason });
  };
  const err = repeal.error;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="upphav-rubrik">
      <Stack gap="xs">
        <Title order={3} size="h4" id="upphav-rubrik">
          Upphäv dokumentet
        </Title>
        <Alert color="yellow" variant="light" title="Kan inte ångras">
          <Text size="sm">
            Ett upphävt dokument kan inte ändras eller fastställas igen. Versionerna sparas och går att läsa.
          </Text>
        </Alert>
        <DecisionFields value={decision} onChange={setDecision} error={err} />
        <Textarea
          label="Skäl"
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(err, 'reason')}
        />
        {err != null && <ErrorNotice error={err} title="Dokumentet kunde inte upphävas" />}
        <FormButtons pending={repeal.isPending} submit="Upphäv" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function ChangeOwnerForm({
  routine,
  onDone,
  onCancel,
}: {
  routine: Routine;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [owner, setOwner] = useState(routine.owner);
  const [administrator, setAdministrator] = useState(routine.administrator ?? '');
  const change = useRoutineCommand(routine, 'change-owner', onDone, 'Ägaren är bytt.');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({
      owner: owner.trim(),
      ...(administrator.trim() ? { administrator: administrator.trim() } : {}),
    });
  };
  const err = change.error;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="agare-rubrik">
      <Stack gap="xs">
        <Title order={3} size="h4" id="agare-rubrik">
          Byt ägare
        </Title>
        <Text size="sm">Ägaren får revideringsuppgifterna.</Text>
        <Group grow align="start">
          <UserPicker
            label="Ägare"
            required
            value={owner}
            onChange={setOwner}
            error={fieldError(err, 'owner')}
          />
          <UserPicker
            label="Administratör (valfritt)"
            value={administrator}
            onChange={setAdministrator}
            error={fieldError(err, 'administrator')}
          />
        </Group>
        {err != null && <ErrorNotice error={err} title="Ägaren kunde inte bytas" />}
        <FormButtons pending={change.isPending} submit="Byt ägare" onCancel={onCancel} />
      </Stack>
    </form>
  );
}
