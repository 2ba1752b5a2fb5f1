import type { Consent } from '../../../shared/schemas/consent';
import { PdfLayout } from '../pdf/pdfLayout';
import { printTexts, type PrintLanguage } from '../pdf/printTexts';

export interface ConsentReceiptData {
  language: PrintLanguage;
  organisation: string;
  printedAt: Date;
  client: { code: string; firstName: string; lastName: string };
  consent: Consent;
}

/**
 * W10: the printable receipt of one consent for the client — what they agreed to, with whom, which parts of the
 * record, since and until when, how to withdraw it — with room for both signatures.
 */
export async function renderConsentReceiptPdf(data: ConsentReceiptData): Promise<{ pdf: Buffer; pages: number }> {
  const { t: tp, date, longDate } = printTexts(data.language);
  const t = (key: string, params: Record<string, string | number> = {}) => tp(`handover:${key}`, params);
  const c = data.consent;
  const title = t('receiptPdf.title');
  const layout = new PdfLayout({
    title,
    headerLeft: data.organisation,
    headerRight: data.client.code,
    footerLeft: tp('print.printedOn', { date: longDate(data.printedAt) }),
    pageLabel: (page, pages) => tp('print.page', { page, pages }),
    language: data.language,
    author: data.organisation,
  });
  layout.title(title, t(`consent.kinds.${c.kind}`));
  layout.paragraph(t('receiptPdf.intro'));
  const what =
    c.kind === 'sharing'
      ? t('receiptPdf.sharingText', { from: data.organisation, to: c.organisation ?? '' })
      : c.kind === 'processing'
        ? t('receiptPdf.processingText', { from: data.organisation })
        : t('receiptPdf.evaluationText');
  layout.notice(what);
  const facts: [string, string][] = [
    [t('receiptPdf.client'), `${data.client.firstName} ${data.client.lastName}`],
    [t('receiptPdf.code'), data.client.code],
    [t('receiptPdf.kind'), t(`consent.kinds.${c.kind}`)],
  ];
  if (c.kind === 'sharing') {
    facts.push([t('receiptPdf.organisation'), c.organisation ?? ''], [t('receiptPdf.sections'), c.sections.map((s) => t(`sections.${s}`)).join(', ')]);
  }
  facts.push([t('receiptPdf.givenOn'), date(c.givenOn)], [t('receiptPdf.expiresOn'), c.expiresOn ? date(c.expiresOn) : t('receiptPdf.noExpiry')]);
  if (c.withdrawnOn) facts.push([t('receiptPdf.withdrawnOn'), date(c.withdrawnOn)]);
  facts.push([t('receiptPdf.status'), t(`consent.status.${c.status}`)]);
  if (c.recordedByName) facts.push([t('receiptPdf.recordedBy'), c.recordedByName]);
  if (c.note) facts.push([t('receiptPdf.note'), c.note]);
  layout.facts(facts);
  layout.paragraph(t('receiptPdf.withdrawText'), { muted: true });
  layout.heading(t('receiptPdf.signatureClient'), 60, 3);
  layout.paragraph('\n\n________________________________________');
  layout.heading(t('receiptPdf.signatureWorker'), 60, 3);
  layout.paragraph('\n\n________________________________________');
  return layout.finish();
}
