import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import type { ApiConfig } from '../config/api-config.schema';
import { holdsMetricsToken } from '../metrics/metrics-token';
import { ReadinessService } from './readiness.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly config: ConfigService<ApiConfig, true>,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Processen lever' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 `{ status: 'ready' }` or 503 `{ status: 'unavailable' }` for anyone (load balancers, probes).
   * Which server is down and why is logged (readiness.service.ts), and answered only to a caller with
   * `Authorization: Bearer <METRICS_TOKEN>` (issue 24, review L-8).
   */
  @Get('ready')
  @ApiOperation({ summary: 'Postgres, Temporal och Kafka svarar (detaljer endast med METRICS_TOKEN)' })
  async ready(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result = await this.readiness.check();
    response.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    const status = result.ready ? 'ready' : 'unavailable';
    if (holdsMetricsToken(request.headers.authorization, this.config.get('METRICS_TOKEN', { infer: true })))
      return { status, ...result };
    return { status };
  }
}
