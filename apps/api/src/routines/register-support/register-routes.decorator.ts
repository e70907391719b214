import { applyDecorators, type Type } from '@nestjs/common';
import { Authorize, type Authorization } from '../../auth/auth.decorators';
import { CommandRoute, CreateRoute, DetailRoute } from '../../common/http/resource-routes.decorator';
import { RegisterItemAccess, type ItemRule } from './register-access.guard';

export const REGISTER_ID_PARAM = {
  name: 'id',
  description: 'Id (UUID)',
  schema: { type: 'string', format: 'uuid' },
} as const;

/** The register item `:id` a route acts on: its aggregate type, what to call it in a refusal, and the rule. */
export type RegisterItem = readonly [aggregateType: string, what: string, rule: ItemRule];

export interface RegisterRouteDoc {
  rule: Authorization;
  summary: string;
  type: Type<unknown>;
  /** Checked before the body is (403/404 before 400); without it the role rule is all. */
  item?: RegisterItem;
}

export interface RegisterDetailDoc extends RegisterRouteDoc {
  /** Where it is read; `:id` unless the controller keeps its items under a sub-path. */
  path?: string;
}

export interface RegisterCreateDoc extends Omit<RegisterDetailDoc, 'item'> {
  /** How the Location header is described, e.g. 'Planens adress'. */
  location: string;
  problems: number[];
}

const itemAccess = (item: RegisterItem | undefined) => (item ? [RegisterItemAccess(...item)] : []);

/** Registers a new item: 201 with Location, replayable with an Idempotency-Key (see CreateRoute). */
export const RegisterCreate = ({ path, rule, summary, type, location, problems }: RegisterCreateDoc) =>
  applyDecorators(
    Authorize(rule),
    CreateRoute(
      {
        summary,
        response: { type, headers: { Location: { description: location, schema: { type: 'string' } } } },
        problems,
      },
      path,
    ),
  );

/** Reads one register item. */
export const RegisterDetail = ({ path, rule, summary, type, item }: RegisterDetailDoc) =>
  applyDecorators(
    Authorize(rule),
    DetailRoute({ summary, idParam: REGISTER_ID_PARAM, response: { type } }, path),
    ...itemAccess(item),
  );

/** Runs one command on a register item and answers with its new state. */
export const RegisterCommand = (path: string, { rule, summary, type, item }: RegisterRouteDoc) =>
  applyDecorators(
    Authorize(rule),
    CommandRoute(path, { summary, idParam: REGISTER_ID_PARAM, response: { type } }),
    ...itemAccess(item),
  );
