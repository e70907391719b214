import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { ApiProblem } from '../common/problem/api-problem';
import type { ApiConfig } from '../config/api-config.schema';
import { TokenBuckets } from './token-bucket';

/**
 * PUBLIC_FEEDBACK_RATE_LIMIT requests per minute per client address. The address is the socket's,
 * or the one X-Forwarded-For names when TRUST_PROXY=true (express `trust proxy`, set in configureApp).
 */
@Injectable()
export class PublicFeedbackRateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(config: ConfigService<ApiConfig, true>) {
    this.buckets = new TokenBuckets(config.get('PUBLIC_FEEDBACK_RATE_LIMIT', { infer: true }), 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const verdict = this.buckets.take(request.ip ?? 'unknown', Date.now());
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
