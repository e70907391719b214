import { Button, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import {
  DECISION_OPTIONS,
  ROLE_OPTIONS,
  decisionLabel,
  emptyDraft,
  fromDrafts,
  listError,
  rowError,
  toDrafts,
  type DelegationDraft,
  type DelegationRegisterDocument,
} from '../lib/delegations-form';
import { roleLabel } from '../lib/labels';
import { READABLE_INPUT_STYLES } from '../lib/readable-input-styles';
import { useVersionedDocumentDrafts } from '../lib/use-versioned-document-drafts';
import { QueryState } from './QueryState';
import { RemovableRowsTable } from './RemovableRowsTable';
import { ScrollTable } from './ScrollTable';
import { TableHead } from './TableHead';
import { DocumentVersionLine, ListErrorText, VersionedSaveFooter } from './VersionedSaveNotices';

const fetchRegister = () => apiJson<DelegationRegisterDocument>('/api/v1/delegations');
const saveRegister = (body: ReturnType<typeof fromDrafts>) =>
  apiJson<DelegationRegisterDocument>('/api/v1/delegations', { method: 'PUT', body });

const INTRO =
  'Vem som får fatta besluten om lex Sarah och lex Maria på nämndens vägnar (delegationsordningen). Den som saknar en delegation som gäller i dag kan inte besluta, anmäla till IVO eller göra MAS bedömning av lex Maria.';

function ReadOnly({ register }: { register: DelegationRegisterDocument }) {
  return (
    <Stack>
      <Text size="sm">{INTRO}</Text>
      <DocumentVersionLine document={register} unsaved="Demoförteckningen (inget sparat ännu)." />
      <ScrollTable label="Delegationer" minWidth={720}>
        <Table aria-label="Delegationer">
          <TableHead headers={['Beslut', 'Roll eller person', 'Giltig från', 'Giltig till', 'Nämndbeslut']} />
          <Table.Tbody>
            {register.items.map((item, index) => (
              <Table.Tr key={index} data-testid="delegation-rad">
                <Table.Td>{decisionLabel(item.decision)}</Table.Td>
                <Table.Td>{item.role ? roleLabel(item.role) : `Person: ${item.username ?? ''}`}</Table.Td>
                <Table.Td>{item.validFrom}</Table.Td>
                <Table.Td>{item.validTo ?? 'tills vidare'}</Table.Td>
                <Table.Td>{item.boardDecision ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {register.items.length === 0 && <Text size="sm">Inga delegationer: ingen kan fatta besluten.</Text>}
      <Text size="sm" c="dimmed">
        Förteckningen ändras av kvalitetssamordnaren.
      </Text>
    </Stack>
  );
}

function Editor({ register }: { register: DelegationRegisterDocument }) {
  const { drafts, setDrafts, save, errors, stale, reload, submit } = useVersionedDocumentDrafts({
    document: register,
    queryKey: ['delegations'],
    fetchDocument: fetchRegister,
    saveDocument: saveRegister,
    draftsOf: (r: DelegationRegisterDocument) => toDrafts(r.items),
    bodyOf: fromDrafts,
  });

  function update(index: number, change: Partial<DelegationDraft>) {
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="delegation-rubrik">
      <Stack>
        <Text size="sm" id="delegation-rubrik">
          {INTRO}
        </Text>
        <DocumentVersionLine document={register} unsaved="Demoförteckningen (inget sparat ännu)." />
        {drafts.length === 0 ? (
          <Text size="sm">Inga delegationer: ingen kan fatta besluten.</Text>
        ) : (
          <RemovableRowsTable
            label="Delegationer"
            minWidth={1360}
            headers={[
              'Beslut',
              'Roll eller person',
              'Giltig från',
              'Giltig till (valfri)',
              'Nämndbeslut (valfritt)',
            ]}
            rows={drafts}
            rowTestId="delegation-rad"
            removeLabel={(draft, index) =>
              `Ta bort delegation ${index + 1}${draft.decision ? ` (${decisionLabel(draft.decision)})` : ''}`
            }
            onRemove={(index) => setDrafts(drafts.filter((_, i) => i !== index))}
            cells={(draft, index) => (
              <>
                <Table.Td>
                  <Select
                    aria-label={`Beslut för delegation ${index + 1}`}
                    placeholder="Välj beslut"
                    miw={270}
                    data={DECISION_OPTIONS}
                    value={draft.decision || null}
                    onChange={(value) => update(index, { decision: value ?? '' })}
                    allowDeselect={false}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'decision')}
                  />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <SegmentedControl
                      size="xs"
                      aria-label={`Roll eller person för delegation ${index + 1}`}
                      data={[
                        { value: 'role', label: 'Roll' },
                        { value: 'username', label: 'Person' },
                      ]}
                      value={draft.holderKind}
                      onChange={(value) =>
                        update(index, { holderKind: value === 'username' ? 'username' : 'role' })
                      }
                    />
                    {draft.holderKind === 'role' ? (
                      <Select
                        aria-label={`Roll för delegation ${index + 1}`}
                        placeholder="Välj roll"
                        miw={330}
                        data={ROLE_OPTIONS}
                        value={draft.role || null}
                        onChange={(value) => update(index, { role: value ?? '' })}
                        allowDeselect={false}
                        styles={READABLE_INPUT_STYLES}
                        error={rowError(errors, index, 'role')}
                      />
                    ) : (
                      <TextInput
                        aria-label={`Användarnamn för delegation ${index + 1}`}
                        placeholder="användarnamn"
                        maxLength={200}
                        value={draft.username}
                        onChange={(e) => update(index, { username: e.currentTarget.value })}
                        styles={READABLE_INPUT_STYLES}
                        error={rowError(errors, index, 'username')}
                      />
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={`Giltig från för delegation ${index + 1}`}
                    required
                    value={draft.validFrom}
                    onChange={(e) => update(index, { validFrom: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'validFrom')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={`Giltig till för delegation ${index + 1}`}
                    value={draft.validTo}
                    onChange={(e) => update(index, { validTo: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'validTo')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Nämndbeslut för delegation ${index + 1}`}
                    placeholder="t.ex. SN 2025-12-10 § 141"
                    maxLength={200}
                    value={draft.boardDecision}
                    onChange={(e) => update(index, { boardDecision: e.currentTarget.value })}
                    styles={READABLE_INPUT_STYLES}
                    error={rowError(errors, index, 'boardDecision')}
                  />
                </Table.Td>
              </>
            )}
          />
        )}
        <ListErrorText message={listError(errors)} />
        <VersionedSaveFooter
          save={save}
          stale={stale}
          reload={reload}
          subject="Delegationsförteckningen"
          savedText={(version) =>
            `Delegationsförteckningen är sparad som version ${version}. Den gäller beslut från och med nu.`
          }
          submitLabel="Spara delegationerna"
        >
          <Button variant="default" onClick={() => setDrafts([...drafts, emptyDraft()])}>
            Lägg till delegation
          </Button>
        </VersionedSaveFooter>
      </Stack>
    </form>
  );
}

/**
 * The delegation register (AUD-6, LC-6 S5, LC-8; ADR 0023): kvalitet edits it, everyone else reads
 * it. The api decides in any case.
 */
export function DelegationEditor() {
  const { me } = useAuth();
  const register = useQuery({ queryKey: ['delegations'], queryFn: fetchRegister });
  const editable = (me?.roles ?? []).includes('quality_coordinator');
  return (
    <QueryState query={register} loadingLabel="Hämtar delegationsförteckningen…">
      {(r) => (editable ? <Editor register={r} /> : <ReadOnly register={r} />)}
    </QueryState>
  );
}
