import { useUserName } from '../api/users';

/** A person by name instead of username (issue 21, "People"). */
export function PersonName({ username }: { username: string | null | undefined }) {
  const nameOf = useUserName();
  return <>{nameOf(username)}</>;
}
