/**
 * Makes the keys that keep React's identity of an editable row while it is being typed in: unique
 * within the page's life, never sent anywhere. `prefix` keeps two editors' keys apart.
 */
export function rowKeys(prefix: string): () => string {
  let last = 0;
  return () => {
    last += 1;
    return `${prefix}${last}`;
  };
}
