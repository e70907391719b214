import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useUserSearch, type DirectoryUser, type UserSearch } from '../api/users';
import { useUnitName } from '../api/hooks';
import { roleLabel } from '../lib/labels';

/** Case and accents folded away, so "strom" finds "Ström" as the api's search does. */
function folded(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFD').replace(/\p{M}/gu, '');
}

/** While the api's answer is on its way, the options already shown narrow to the typed words. */
const matchesTyped: OptionsFilter = ({ options, search }) => {
  const words = folded(search).split(/\s+/).filter(Boolean);
  return (options as ComboboxItem[]).filter((option) =>
    words.every((word) => folded(`${option.label} ${option.value}`).includes(word)),
  );
};

function describe(user: DirectoryUser, unitName: (id: string) => string): string {
  const roles = user.roles.map(roleLabel).join(', ');
  const units = user.unitIds.map(unitName).join(', ');
  return [user.name, [roles, units].filter((part) => part !== '').join(', ')]
    .filter((part) => part !== '')
    .join(' – ');
}

/**
 * Picks a person of the organisation by name (issue 21, "People"): searches the user directory as
 * one types and gives the form the username the api expects. `unitId` narrows the list to those who
 * work for the unit; `handlersOnly` leaves out staff and ledning, who cannot be given a case.
 */
export function UserPicker({
  label,
  value,
  onChange,
  error,
  description,
  required,
  unitId,
  handlersOnly,
}: {
  label: string;
  value: string;
  onChange: (username: string) => void;
  error?: string | null | undefined;
  description?: string;
  required?: boolean;
  unitId?: string | undefined;
  handlersOnly?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Record<string, DirectoryUser>>({});
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const chosen = value ? known[value] : undefined;
  const unitName = useUnitName();
  const filter: UserSearch = {
    ...(unitId ? { unitId } : {}),
    // The typed text is the chosen person's label until one types something else.
    ...(debounced && (!chosen || debounced !== describe(chosen, unitName)) ? { q: debounced } : {}),
  };
  const found = useUserSearch(filter);
  const selected = useUserSearch(value && !chosen ? { q: value } : {});
  const people = [
    ...(found.data?.items ?? []),
    ...(selected.data?.items.filter((u) => u.username === value) ?? []),
  ].filter(
    (user) =>
      !handlersOnly ||
      user.roles.some((role) => role !== 'staff' && role !== 'management_team') ||
      user.username === value,
  );
  const byUsername = { ...known, ...Object.fromEntries(people.map((user) => [user.username, user])) };
  const options = Object.values(byUsername)
    .filter((user) => people.includes(user) || user.username === value)
    .map((user) => ({ value: user.username, label: describe(user, unitName) }));
  return (
    <Select
      label={label}
      description={description}
      placeholder="Sök på namn"
      searchable
      clearable
      withAsterisk={required}
      nothingFoundMessage={found.isFetching ? 'Söker …' : 'Ingen person med det namnet'}
      data={options}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={matchesTyped}
      onChange={(username) => {
        if (username && byUsername[username]) setKnown((k) => ({ ...k, [username]: byUsername[username]! }));
        onChange(username ?? '');
      }}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
