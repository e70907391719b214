import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { ApiConfig } from '../config/api-config.schema';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CachingTokenVerifier } from './caching-token-verifier';
import { DevTokenService } from './dev-token.service';
import { DirectoryRecordingVerifier } from './directory-recording-verifier';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { SessionController } from './session/session.controller';
import { SessionService } from './session/session.service';
import { TokenVerifier } from './token-verifier';

@Module({
  controllers: [AuthController, SessionController],
  providers: [
    DevTokenService,
    SessionService,
    {
      provide: TokenVerifier,
      inject: [ConfigService, DevTokenService, DATA_SOURCE],
      useFactory: (
        config: ConfigService<ApiConfig, true>,
        dev: DevTokenService,
        dataSource: DataSource,
      ): TokenVerifier =>
        new CachingTokenVerifier(
          config.get('AUTH_MODE', { infer: true }) === 'dev'
            ? dev
            : new DirectoryRecordingVerifier(new OidcTokenVerifier(config), dataSource, (message) =>
                new Logger('DirectoryRecordingVerifier').warn(message),
              ),
          { maxAgeMs: 60_000, maxEntries: 10_000 },
        ),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
