import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { rememberSignedInUser } from '../users/directory-store';
import { TokenVerifier } from './token-verifier';

/**
 * Records each user the identity provider vouches for in the user directory (issue 21, "People"),
 * so the pickers and the checks of assignees know people who are not in the organisation file.
 * Sits inside the token cache: a user is recorded about once a minute, not on every request. A
 * failed write never refuses the sign-in.
 */
export class DirectoryRecordingVerifier extends TokenVerifier {
  constructor(
    private readonly inner: TokenVerifier,
    private readonly dataSource: DataSource,
    private readonly warn: (message: string) => void,
  ) {
    super();
  }

  async verify(token: string): Promise<Principal> {
    const principal = await this.inner.verify(token);
    await rememberSignedInUser(this.dataSource, principal).catch((error: unknown) =>
      this.warn(`kunde inte spara användaren i katalogen: ${String(error)}`),
    );
    return principal;
  }
}
