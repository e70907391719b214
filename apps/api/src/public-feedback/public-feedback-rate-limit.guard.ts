import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { createLogger } from '@kvalitet/runtime';
import { ApiProblem } from '../common/problem/api-problem';
import type { ApiConfig } from '../config/api-config.schema';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { SharedRateLimiter, type RateVerdict } from './shared-rate-limit';
import { TokenBuckets } from './token-bucket';

const WINDOW_MS = 60_000;
const logger = createLogger('api');

/**
 * PUBLIC_FEEDBACK_RATE_LIMIT requests per minute per client address, shared by every api instance
 * through Postgres (`SharedRateLimiter`). The address is the socket's, or the one X-Forwarded-For
 * names when TRUST_PROXY=true (express `trust proxy`, set in configureApp). If the database cannot
 * answer, the process's own token buckets decide meanwhile (the limit then holds per instance).
 */
@Injectable()
export class PublicFeedbackRateLimitGuard implements CanActivate {
  private readonly shared: SharedRateLimiter;
  private readonly local: TokenBuckets;

  constructor(config: ConfigService<ApiConfig, true>, @Inject(DATA_SOURCE) dataSource: DataSource) {
    const limit = config.get('PUBLIC_FEEDBACK_RATE_LIMIT', { infer: true });
    this.shared = new SharedRateLimiter(dataSource, limit, WINDOW_MS);
    this.local = new TokenBuckets(limit, WINDOW_MS);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = request.ip ?? 'unknown';
    let verdict: RateVerdict;
    try {
      verdict = await this.shared.take(`public-feedback:${client}`);
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'delad begränsning otillgänglig; lokal gäller',
      );
      verdict = this.local.take(client, Date.now());
    }
    if (!verdict.allowed) {
      throw new ApiProblem(
        'RATE_LIMITED',
        'För många synpunkter från din adress; vänta en stund och försök igen.',
        {
          headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
        },
      );
    }
    return true;
  }
}
