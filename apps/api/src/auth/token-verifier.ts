import type { Principal } from '../access/principal';

/** Turns a bearer token into the caller, or throws an ApiProblem (401, or 503 if the issuer is unreachable). */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Principal>;
}
