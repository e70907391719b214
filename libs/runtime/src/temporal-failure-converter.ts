import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`failureConverterPath`) in the workflow bundle and in every client and worker: a
 * failure's message and stack trace go into its encoded attributes, a payload, so the codec encrypts
 * them too — an activity error can quote a recipient's address or a case's text (ADR 0028). Imports
 * nothing but `@temporalio/common`: it runs inside the workflow sandbox as well.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
