import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';

/** Records a user the identity provider has just vouched for, with the name, roles and units of the claims. */
export async function rememberSignedInUser(dataSource: DataSource, principal: Principal): Promise<void> {
  await dataSource.query(
    `INSERT INTO directory_users (username, name, roles, unit_ids, last_seen_at)
          VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (username) DO UPDATE
           SET name = EXCLUDED.name, roles = EXCLUDED.roles, unit_ids = EXCLUDED.unit_ids, last_seen_at = now()`,
    [principal.username, principal.name, [...principal.roles], [...principal.unitIds]],
  );
}
