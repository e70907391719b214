import type { Logger } from '@kvalitet/runtime';
import type { ApiConfig } from '../config/api-config.schema';
import { isLoopbackHost } from '../config/loopback-host';
import { devAuthSecret } from './dev-auth-secret';

/**
 * AUTH_MODE=dev, once per start in the first process (before the cluster forks): warns loudly if
 * ALLOW_DEV_AUTH_ON_NETWORK=1 put dev tokens on a network address, and makes sure the installation's
 * secret exists, so that every api process reads the same one.
 */
export function prepareDevAuth(config: ApiConfig, logger: Logger): void {
  if (config.AUTH_MODE !== 'dev') return;
  if (!isLoopbackHost(config.HOST)) {
    logger.warn(
      { host: config.HOST, ALLOW_DEV_AUTH_ON_NETWORK: config.ALLOW_DEV_AUTH_ON_NETWORK },
      `VARNING / WARNING: AUTH_MODE=dev på ${config.HOST} (ALLOW_DEV_AUTH_ON_NETWORK=1): vem som helst som ` +
        'når porten kan hämta en token för vilken demoanvändare som helst, utan lösenord. Bara för test, ' +
        'aldrig med riktiga uppgifter / anyone who can reach the port can get a token for any demo user ' +
        'without a password. For testing only, never with real data.',
    );
  }
  const secret = devAuthSecret(config);
  if (secret.source === 'created') {
    logger.info({ file: secret.file }, `ny signeringsnyckel för dev-token skapad i ${secret.file}`);
  }
}
