import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { openDataSource } from '@kvalitet/persistence';
import { databaseTls, validateConfig } from '@kvalitet/runtime';
import { workerConfigSchema, type WorkerConfig } from './config/worker-config.schema';
import { WorkerService } from './worker.service';
import { WORKER_DATA_SOURCE } from './worker.tokens';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (env) => validateConfig(workerConfigSchema, env),
    }),
  ],
  providers: [
    {
      provide: WORKER_DATA_SOURCE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerConfig, true>) =>
        openDataSource({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          applicationName: 'kvalitet-worker',
          ssl: databaseTls((name) => config.get(name, { infer: true })),
        }),
    },
    WorkerService,
  ],
})
export class WorkerModule {}
