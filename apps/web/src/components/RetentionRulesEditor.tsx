import { Checkbox, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  CASE_TYPES,
  CASE_TYPE_LABELS,
  RETENTION_FROM,
  RETENTION_FROM_LABELS,
  type CaseType,
} from '@kvalitet/domain';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../api/client';
import type { FieldError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { READABLE_INPUT_STYLES } from '../lib/readable-input-styles';
import { useVersionedDocumentDrafts } from '../lib/use-versioned-document-drafts';
import { QueryState } from './QueryState';
import { ScrollTable } from './ScrollTable';
import { TableHead } from './TableHead';
import { DocumentVersionLine, ListErrorText, VersionedSaveFooter } from './VersionedSaveNotices';

interface RetentionRule {
  caseType: string;
  keepYears: number;
  from: string;
}

export interface RetentionRulesDocument {
  version: number;
  rules: RetentionRule[];
  changedAt?: string;
  changedBy?: string;
}

interface RuleDraft {
  caseType: CaseType;
  enabled: boolean;
  keepYears: string;
  from: string;
}

const fetchRules = () => apiJson<RetentionRulesDocument>('/api/v1/retention');
const saveRules = (body: { version: number; rules: unknown[] }) =>
  apiJson<RetentionRulesDocument>('/api/v1/retention', { method: 'PUT', body });

/** One row per case type, in the order of the intake; a type without a rule is unchecked. */
function toDrafts(document: RetentionRulesDocument): RuleDraft[] {
  return CASE_TYPES.map((caseType) => {
    const rule = document.rules.find((r) => r.caseType === caseType);
    return {
      caseType,
      enabled: rule !== undefined,
      keepYears: rule ? String(rule.keepYears) : '',
      from: rule?.from ?? 'closed',
    };
  });
}

function fromDrafts(drafts: RuleDraft[], version: number) {
  return {
    version,
    rules: drafts
      .filter((d) => d.enabled)
      .map((d) => ({
        caseType: d.caseType,
        keepYears: /^\d+$/.test(d.keepYears.trim()) ? Number(d.keepYears.trim()) : d.keepYears,
        from: d.from,
      })),
  };
}

/** The api's message for a row: rules are sent in the order of the checked rows. */
function rowError(errors: readonly FieldError[], drafts: RuleDraft[], caseType: string, field: string) {
  const index = drafts.filter((d) => d.enabled).findIndex((d) => d.caseType === caseType);
  if (index < 0) return undefined;
  return errors.find((e) => e.field === `rules[${index}].${field}`)?.message;
}

const INTRO =
  'Hur länge personuppgifter och fritext i ett avslutat ärende sparas innan de gallras (dokumenthanteringsplanen). Gallringen körs varje natt; ärendenummer, typ, enhet, datum och statistik finns kvar. Ett ärende med spärr mot gallring gallras aldrig.';
const NO_RULE = 'Ingen regel: ärenden av typen gallras aldrig.';

const HEADERS = ['Ärendetyp', 'Gallras', 'Antal år', 'Räknat från'];

function ReadOnly({ document }: { document: RetentionRulesDocument }) {
  return (
    <Stack>
      <Text size="sm">{INTRO}</Text>
      <DocumentVersionLine document={document} unsaved="Demoreglerna (inget sparat ännu)." />
      <ScrollTable label="Gallringsregler" minWidth={560}>
        <Table aria-label="Gallringsregler">
          <TableHead headers={HEADERS} />
          <Table.Tbody>
            {toDrafts(document).map((d) => (
              <Table.Tr key={d.caseType} data-testid="gallringsregel">
                <Table.Td>{CASE_TYPE_LABELS[d.caseType]}</Table.Td>
                {d.enabled ? (
                  <>
                    <Table.Td>Ja</Table.Td>
                    <Table.Td>{d.keepYears} år</Table.Td>
                    <Table.Td>{RETENTION_FROM_LABELS[d.from as 'closed']}</Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3}>{NO_RULE}</Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Text size="sm" c="dimmed">
        Reglerna ändras av dataskyddsombudet och kvalitetssamordnaren.
      </Text>
    </Stack>
  );
}

function Editor({ document }: { document: RetentionRulesDocument }) {
  const { drafts, setDrafts, save, errors, stale, reload, submit } = useVersionedDocumentDrafts({
    document,
    queryKey: ['retention'],
    fetchDocument: fetchRules,
    saveDocument: saveRules,
    draftsOf: toDrafts,
    bodyOf: fromDrafts,
  });
  const update = (caseType: string, change: Partial<RuleDraft>) =>
    setDrafts(drafts.map((d) => (d.caseType === caseType ? { ...d, ...change } : d)));
  const listError = errors.find((e) => e.field === 'rules' || /^rules\[\d+\]$/.test(e.field))?.message;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="gallring-rubrik">
      <Stack>
        <Text size="sm" id="gallring-rubrik">
          {INTRO}
        </Text>
        <DocumentVersionLine document={document} unsaved="Demoreglerna (inget sparat ännu)." />
        <ScrollTable label="Gallringsregler" minWidth={720}>
          <Table aria-label="Gallringsregler">
            <TableHead headers={HEADERS} />
            <Table.Tbody>
              {drafts.map((d) => {
                const label = CASE_TYPE_LABELS[d.caseType];
                return (
                  <Table.Tr key={d.caseType} data-testid="gallringsregel">
                    <Table.Td>{label}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${label}: gallras`}
                        checked={d.enabled}
                        onChange={(e) =>
                          update(d.caseType, {
                            enabled: e.currentTarget.checked,
                            ...(e.currentTarget.checked && d.keepYears === '' ? { keepYears: '2' } : {}),
                          })
                        }
                      />
                    </Table.Td>
                    {d.enabled ? (
                      <>
                        <Table.Td>
                          <TextInput
                            aria-label={`${label}: antal år`}
                            inputMode="numeric"
                            w={110}
                            value={d.keepYears}
                            onChange={(e) => update(d.caseType, { keepYears: e.currentTarget.value })}
                            styles={READABLE_INPUT_STYLES}
                            error={rowError(errors, drafts, d.caseType, 'keepYears')}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NativeSelect
                            aria-label={`${label}: räknat från`}
                            value={d.from}
                            data={RETENTION_FROM.map((value) => ({
                              value,
                              label: RETENTION_FROM_LABELS[value],
                            }))}
                            onChange={(e) => update(d.caseType, { from: e.currentTarget.value })}
                            error={rowError(errors, drafts, d.caseType, 'from')}
                          />
                        </Table.Td>
                      </>
                    ) : (
                      <Table.Td colSpan={2}>
                        <Text size="sm">{NO_RULE}</Text>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <ListErrorText message={listError} />
        <VersionedSaveFooter
          save={save}
          stale={stale}
          reload={reload}
          subject="Gallringsreglerna"
          savedText={(version) =>
            `Gallringsreglerna är sparade som version ${version}. De gäller från nästa gallring.`
          }
          submitLabel="Spara gallringsreglerna"
        />
      </Stack>
    </form>
  );
}

/** The retention rules (DATA-2; ADR 0027): dataskydd and kvalitet edit them, the director reads them. */
export function RetentionRulesEditor() {
  const { me } = useAuth();
  const rules = useQuery({ queryKey: ['retention'], queryFn: fetchRules });
  const editable = (me?.roles ?? []).some(
    (r) => r === 'quality_coordinator' || r === 'data_protection_officer',
  );
  return (
    <QueryState query={rules} loadingLabel="Hämtar gallringsreglerna…">
      {(document) => (editable ? <Editor document={document} /> : <ReadOnly document={document} />)}
    </QueryState>
  );
}
