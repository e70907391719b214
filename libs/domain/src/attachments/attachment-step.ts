/** Which step of the case an attachment belongs to (issue 21): the report, the investigation, an action or an external review. */
export type AttachmentStep = 'report' | 'investigation' | 'action' | 'external_review';

export const ATTACHMENT_STEPS: readonly AttachmentStep[] = [
  'report',
  'investigation',
  'action',
  'external_review',
];

export function isAttachmentStep(value: unknown): value is AttachmentStep {
  return typeof value === 'string' && (ATTACHMENT_STEPS as readonly string[]).includes(value);
}
