import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderReportHtml, type ReportDocument } from '@kvalitet/domain';
import { renderReportPdf } from '@kvalitet/reporting';

export type ReportFormat = 'json' | 'html' | 'pdf';

/** `Accept` → format: PDF or HTML when asked for (and preferred over JSON), JSON otherwise. */
export function negotiateFormat(request: Request): ReportFormat {
  const best = request.accepts(['application/json', 'text/html', 'application/pdf']);
  if (best === 'application/pdf') return 'pdf';
  if (best === 'text/html') return 'html';
  return 'json';
}

/**
 * `inline` shows a report in the browser; `attachment` makes it a download in every format, for
 * case material that should not sit open in a browser tab or its history (the IVO anmälan, issue 24).
 */
export type ReportDisposition = 'inline' | 'attachment';

const EXTENSIONS: Readonly<Record<ReportFormat, string>> = { json: 'json', html: 'html', pdf: 'pdf' };

/** Answers with the data as JSON, or the document as an HTML page or a PDF (api.md "by Accept"). */
export async function sendReport<T>(
  request: Request,
  response: Response,
  composed: { data: T; document: ReportDocument },
  filename: string,
  disposition: ReportDisposition = 'inline',
): Promise<T | string | StreamableFile> {
  response.setHeader('Vary', 'Accept');
  const format = negotiateFormat(request);
  const contentDisposition = `${disposition}; filename="${filename}.${EXTENSIONS[format]}"`;
  if (format === 'pdf') {
    const pdf = await renderReportPdf(composed.document);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: contentDisposition,
      length: pdf.length,
    });
  }
  if (disposition === 'attachment') response.setHeader('Content-Disposition', contentDisposition);
  if (format === 'html') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    return renderReportHtml(composed.document);
  }
  return composed.data;
}

export const REPORT_CONTENT = (jsonSchema: Record<string, unknown>) => ({
  'application/json': { schema: jsonSchema },
  'text/html': { schema: { type: 'string' } },
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
});
