import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_ORGANISATION_FILE,
  loadOrganisationFile,
  organisationFileFromEnv,
} from './organisation-file';

describe('the organisation file loader (ADR 0030)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'organisation-'));

  it('reads config/organisation.json unless ORGANISATION_FILE names another file', () => {
    expect(organisationFileFromEnv({})).toBe(DEFAULT_ORGANISATION_FILE);
    expect(organisationFileFromEnv({ ORGANISATION_FILE: '/etc/kvalitet/org.json' })).toBe(
      '/etc/kvalitet/org.json',
    );
    expect(loadOrganisationFile(DEFAULT_ORGANISATION_FILE).has('solgarden')).toBe(true);
  });

  it('stops with every fault and its path for a bad file, and with the parse error for broken JSON', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ municipality: 'X', boards: [], forvaltningar: [], units: [], users: [] }),
    );
    expect(() => loadOrganisationFile(bad)).toThrow(/är ogiltig:\nboards saknas eller är tom/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "municipality": ');
    expect(() => loadOrganisationFile(broken)).toThrow(/kan inte läsas som JSON/);
  });
});
