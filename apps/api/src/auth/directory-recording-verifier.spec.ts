import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { DirectoryRecordingVerifier } from './directory-recording-verifier';
import { TokenVerifier } from './token-verifier';

const NINA: Principal = {
  username: 'nina.norr',
  name: 'Nina Norrman',
  roles: ['unit_manager'],
  unitIds: ['hemtjanst-norr'],
};

class Fixed extends TokenVerifier {
  verify(): Promise<Principal> {
    return Promise.resolve(NINA);
  }
}

describe('DirectoryRecordingVerifier (issue 21, "People")', () => {
  it('records the signed-in user with the name, roles and units of the claims', async () => {
    const query = jest.fn().mockResolvedValue([]);
    const warn = jest.fn();
    const verifier = new DirectoryRecordingVerifier(new Fixed(), { query } as unknown as DataSource, warn);
    expect(await verifier.verify('token')).toBe(NINA);
    expect(query).toHaveBeenCalledWith(expect.stringContaining('INSERT INTO directory_users'), [
      'nina.norr',
      'Nina Norrman',
      ['unit_manager'],
      ['hemtjanst-norr'],
    ]);
  });

  it('lets the user in when the directory cannot be written', async () => {
    const query = jest.fn().mockRejectedValue(new Error('databasen svarar inte'));
    const warn = jest.fn();
    const verifier = new DirectoryRecordingVerifier(new Fixed(), { query } as unknown as DataSource, warn);
    expect(await verifier.verify('token')).toBe(NINA);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('databasen svarar inte'));
  });
});
