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
   * For anyone (load balancers, probes): 200 `{ status: 'ready' }`, 200 `{ status: 'degraded' }` while
   * Postgres answers but Temporal or Kafka does not (issue 20), 503 `{ status: 'unavailable' }`
   * without Postgres. Which server is down and why is logged (readiness.service.ts), and answered
   * only to a caller with `Authorization: Bearer <METRICS_TOKEN>` (issue 24, review L-8).
   */
  @Get('ready')
  @ApiOperation({
    summary:
      'Redo när Postgres svarar; Temporal och Kafka som inte svarar ger status degraded (detaljer endast med METRICS_TOKEN)',
  })
  async ready(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { status, ...result } = await this.readiness.check();
    response.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (holdsMetricsToken(request.headers.authorization, this.config.get('METRICS_TOKEN', { infer: true })))
      return { status, ...result };
    return { status };
  }
}
