import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '../access/principal';

export const PUBLIC_ROUTE = 'kvalitet:public';
export const AUTHORIZE = 'kvalitet:authorize';

/** No token needed (health, public feedback, dev tokens). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Role-level rule from the access policy, checked by the AuthGuard before pipes run (403 before 400). */
export type Authorization = (principal: Principal) => boolean;
export const Authorize = (rule: Authorization): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTHORIZE, rule);

export type AuthenticatedRequest = { user: Principal };

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
  if (!request.user) throw new Error('CurrentUser utan inloggad användare (saknas @Public?)');
  return request.user;
});
