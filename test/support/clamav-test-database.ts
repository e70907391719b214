import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EICAR } from './photo-with-location';

/** True when Debian's ClamAV (clamscan) is installed on this machine. */
export function clamscanInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v clamscan'], { stdio: 'ignore' }).status === 0;
}

/**
 * A ClamAV signature database of one body signature, the EICAR test string anywhere in a file: a
 * real scan by the real scanner, without the virus database that cannot be downloaded here.
 */
export function eicarSignatureDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kvalitet-clamav-'));
  writeFileSync(
    join(dir, 'eicar.ndb'),
    `Eicar-Test-Signature:0:*:${Buffer.from(EICAR, 'latin1').toString('hex')}\n`,
  );
  return dir;
}
