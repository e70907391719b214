import { Injectable } from '@nestjs/common';
import {
  classificationErrors,
  normaliseClassifications,
  unlistedClassificationErrors,
  type ClassificationLists,
} from '@kvalitet/domain';
import { ClassificationsRepository, type SavedClassifications } from '@kvalitet/persistence';
import { reclassificationRefusal, type CaseFacts } from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import type { ClassifyDto } from '../cases/dto/case-command.dto';

/**
 * The managed lists of categories and lagrum (issue 24) and the two checks a `classify` passes
 * before the decider sees it: the caller's right to change the type or the unit (403, the access
 * policy), then that category and lagrum are codes of the current lists (400).
 */
@Injectable()
export class ClassificationsService {
  constructor(private readonly lists: ClassificationsRepository) {}

  current(): Promise<SavedClassifications> {
    return this.lists.current();
  }

  async change(
    principal: Principal,
    body: ClassificationLists & { version?: number },
    info: RequestInfo,
  ): Promise<SavedClassifications> {
    const lists = normaliseClassifications(body);
    const errors = classificationErrors(lists);
    if (errors.length > 0)
      throw ApiProblem.validation(errors.map((e) => ({ field: e.field, code: e.code, message: e.message })));
    return this.lists.change(lists, principal.username, {
      ...(body.version === undefined ? {} : { expectedVersion: body.version }),
      requestId: info.requestId,
    });
  }

  async checkClassify(principal: Principal, facts: CaseFacts, body: ClassifyDto): Promise<void> {
    const refusal = reclassificationRefusal(principal, facts, {
      ...(body.type === undefined ? {} : { type: body.type }),
      ...(body.unitId === undefined ? {} : { unitId: body.unitId }),
    });
    if (refusal) throw ApiProblem.forbidden(refusal);
    const errors = unlistedClassificationErrors(await this.lists.current(), body);
    if (errors.length > 0)
      throw ApiProblem.validation(
        errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
        errors.every((e) => e.code === 'OTHER_TEXT_REQUIRED')
          ? errors.map((e) => e.message).join(' ')
          : 'Kategori och lagrum väljs från listorna som kvalitetssamordnaren förvaltar; se errors.',
      );
  }
}
