import { useQuery } from '@tanstack/react-query';
import { apiJson } from './client';
import type { ApiSchemas, Page } from './types';

export type DirectoryUser = ApiSchemas['DirectoryUserDto'];

export interface UserSearch {
  q?: string;
  unitId?: string;
  role?: string;
}

/** `/api/v1/users` with the picker's filters (issue 21, "People"). */
export function usersPath(search: UserSearch, pageSize = 50): string {
  const params = new URLSearchParams({ pageSize: String(pageSize) });
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  return `/api/v1/users?${params.toString()}`;
}

export function useUserSearch(search: UserSearch) {
  return useQuery({
    queryKey: ['users', search],
    queryFn: () => apiJson<Page<DirectoryUser>>(usersPath(search)),
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

/** The whole directory, once: a municipality's few thousand names are cheaper to hold than to ask for one by one. */
function useDirectory() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => apiJson<Page<DirectoryUser>>(usersPath({}, 500)),
    staleTime: 10 * 60_000,
  });
}

/** username → the person's name; a username the directory does not know is shown as it is. */
export function useUserName(): (username: string | null | undefined) => string {
  const directory = useDirectory();
  const names = new Map((directory.data?.items ?? []).map((user) => [user.username, user.name]));
  return (username) => (username ? (names.get(username) ?? username) : '');
}
