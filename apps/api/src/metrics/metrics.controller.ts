import { Controller, Get, Header, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import type { ApiConfig } from '../config/api-config.schema';
import { assertMetricsToken } from './metrics-token';
import { MetricsService } from './metrics.service';

/**
 * `/metrics` for Prometheus, outside /api/v1 and outside the OpenAPI document. Behind the bearer
 * token `METRICS_TOKEN` (issue 24): without it configured the route is 404, without the token 401.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ConfigService<ApiConfig, true>,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Req() request: Request): Promise<string> {
    assertMetricsToken(request.headers.authorization, this.config.get('METRICS_TOKEN', { infer: true }));
    return this.metrics.scrape();
  }
}
