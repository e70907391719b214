import { Injectable } from '@nestjs/common';
import type { ReportCaseData } from '@kvalitet/domain';
import { CaseCommandService } from '@kvalitet/persistence';
import { AttachmentsService, PUBLIC_UPLOADER } from '../attachments/attachments.service';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { CENTRAL_UNIT_ID } from '../org/org-units';
import { feedbackContactErrors, givenContact } from './feedback-contact';
import { personnummerWarnings } from '../cases/personnummer-warnings';
import type { PublicFeedbackDto, PublicFeedbackReceiptDto } from './public-feedback.dto';

/** The actor recorded on events of citizen feedback (no account). */
const PUBLIC_ACTOR = { username: 'allmanheten', roles: [] as string[] };

/**
 * A citizen's complaint, synpunkt or beröm (AUD-21: the citizen need not categorise). Without a
 * kind it is registered as an unclassified complaint, without a unit at the förvaltning; staff
 * classify it centrally (LC-4). Channel `web`.
 */
@Injectable()
export class PublicFeedbackService {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly attachments: AttachmentsService,
  ) {}

  async submit(
    body: PublicFeedbackDto,
    info: RequestInfo,
    caseId?: string,
  ): Promise<PublicFeedbackReceiptDto> {
    const name = body.name?.trim();
    const contactErrors = feedbackContactErrors(body.contact, body.wantsAnswer);
    if (contactErrors.length > 0) throw ApiProblem.validation(contactErrors, contactErrors[0]!.message);
    await this.attachments.checkPending(PUBLIC_UPLOADER, body.attachmentIds, caseId);
    const contact = givenContact(body.contact);
    const data: Omit<ReportCaseData, 'caseId' | 'caseNumber'> = {
      type: body.kind ?? 'complaint',
      unclassified: body.kind === undefined,
      ...(body.kind === undefined ? {} : { kind: body.kind }),
      unitId: body.unitId ?? CENTRAL_UNIT_ID,
      description: body.message,
      channel: 'web',
      reporter: name ? { name } : {},
      ...(body.occurredAt === undefined ? {} : { occurredAt: body.occurredAt }),
      ...(contact === undefined ? {} : { contact }),
      ...(body.wantsAnswer === undefined ? {} : { wantsAnswer: body.wantsAnswer }),
      ...(body.protectedIdentity === true ? { protectedIdentity: true } : {}),
    };
    const { state } = await createOnce({
      idempotentId: caseId,
      create: () =>
        this.cases.report(data, PUBLIC_ACTOR, {
          requestId: info.requestId,
          ...(caseId === undefined ? {} : { caseId }),
        }),
      load: (id) => this.cases.load(id),
    });
    await this.attachments.claim(PUBLIC_UPLOADER, body.attachmentIds, state.id);
    return {
      reference: state.caseNumber,
      ...personnummerWarnings({ message: body.message, name: body.name }),
    };
  }
}
