import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateConfig } from '@kvalitet/runtime';
import { apiConfigSchema } from './config/api-config.schema';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (env) => validateConfig(apiConfigSchema, env) }),
    InfrastructureModule,
    HealthModule,
  ],
})
export class AppModule {}
