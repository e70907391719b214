const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]*$/i;

export interface ResolvedRecipients {
  readonly addresses: string[];
  readonly usernames: string[];
}

/**
 * Addresses stay as they are; a username becomes `username@domain` (the directory's address rule in
 * the demo organisation). Duplicates are dropped, order kept.
 */
export function resolveRecipients(to: readonly string[], domain: string): ResolvedRecipients {
  const addresses: string[] = [];
  const usernames: string[] = [];
  for (const raw of to) {
    const entry = raw.trim();
    if (ADDRESS.test(entry)) {
      if (!addresses.includes(entry.toLowerCase())) addresses.push(entry.toLowerCase());
    } else if (USERNAME.test(entry)) {
      const username = entry.toLowerCase();
      if (!usernames.includes(username)) usernames.push(username);
      const address = `${username}@${domain}`;
      if (!addresses.includes(address)) addresses.push(address);
    } else {
      throw new RangeError(`Ogiltig mottagare: "${raw}"`);
    }
  }
  if (addresses.length === 0) throw new RangeError('Meddelandet saknar mottagare');
  return { addresses, usernames };
}
