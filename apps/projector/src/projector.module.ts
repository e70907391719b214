import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { createKafka, parseBrokers } from '@kvalitet/messaging';
import { openDataSource } from '@kvalitet/persistence';
import { databaseTls, kafkaSecurity, validateConfig } from '@kvalitet/runtime';
import { projectorConfigSchema, type ProjectorConfig } from './config/projector-config.schema';
import { ProjectorService } from './projector.service';
import { PROJECTOR_DATA_SOURCE, PROJECTOR_KAFKA } from './projector.tokens';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (env) => validateConfig(projectorConfigSchema, env),
    }),
  ],
  providers: [
    {
      provide: PROJECTOR_DATA_SOURCE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ProjectorConfig, true>) =>
        openDataSource({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          applicationName: 'kvalitet-projector',
          ssl: databaseTls((name) => config.get(name, { infer: true })),
        }),
    },
    {
      provide: PROJECTOR_KAFKA,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ProjectorConfig, true>) =>
        createKafka({
          brokers: parseBrokers(config.get('KAFKA_BROKERS', { infer: true })),
          clientId: 'kvalitet-projector',
          ...kafkaSecurity((name) => config.get(name, { infer: true })),
        }),
    },
    ProjectorService,
  ],
})
export class ProjectorModule {}
