import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { renderReportMarkdown } from './report-markdown';
import { sampleReport, sampleSentences } from './testing/sample-report';

describe('renderReportMarkdown', () => {
  const signed = renderReportMarkdown(sampleReport());
  const draft = renderReportMarkdown(sampleReport({ signed: false }));

  it('follows seed 000: title, visit, patient, the SOAP sections in order', () => {
    expect(signed.startsWith('# گزارش ملاقات پزشکی\n')).toBe(true);
    const order = [
      '## اطلاعات ویزیت',
      '## اطلاعات بیمار',
      '## شکایت اصلی',
      '## گزارش SOAP',
      '### شرح حال (Subjective)',
      '### معاینه (Objective)',
      '### ارزیابی (Assessment)',
      '### برنامه درمان (Plan)',
      '## نسخه پزشکی',
      '## آزمایشات درخواستی',
      '## پیگیری',
    ].map((heading) => signed.indexOf(`\n${heading}\n`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('numbers the prescription with the drug in bold and its dose, route and amount', () => {
    expect(signed).toContain(
      [
        '1. **Amoxicillin**',
        '   - دوز: 500 mg',
        '   - روش مصرف: خوراکی',
        '   - تعداد/مدت: هر ۸ ساعت، ۷ روز',
      ].join('\n'),
    );
    expect(signed).toContain('2. **Metformin**\n   - دوز: 1000 mg');
    expect(signed).toContain('4. **Salbutamol (Ventolin)**\n   - دوز: 100 mcg');
  });

  it('keeps the doctor’s text exactly: Latin digits stay Latin, Persian stay Persian', () => {
    for (const sentence of Object.values(sampleSentences)) {
      // The bracket sentence contains no markup characters, so nothing is escaped in any of them.
      expect(signed).toContain(sentence);
    }
    expect(signed).toContain('- **فشار خون**: 120/80 mmHg');
    expect(signed).toContain('- فارنژیت حاد، نامشخص (J02.9)');
  });

  it('prints generated dates, times and ages with Persian digits', () => {
    expect(signed).toContain('- **تاریخ**: ۱۴۰۵/۰۹/۰۱');
    expect(signed).toContain('- **ساعت**: ۱۰:۳۰');
    expect(signed).toContain('- **سن**: ۳۶ سال');
    expect(signed).toContain('**تاریخ تایید**: ۱۴۰۵/۰۹/۰۱ ۱۱:۴۰');
  });

  it('a signed report ends with the approval and the grouped fingerprint', () => {
    expect(signed).toContain('**تایید شده توسط**: دکتر علی رضایی');
    expect(signed).toContain('`9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c');
    expect(signed).toContain('**دلیل اصلاح**: اصلاح دوز Amoxicillin از 250 mg به 500 mg');
    expect(signed).not.toContain('پیش‌نویس — امضا نشده');
  });

  it('a draft says so and carries no approval', () => {
    expect(draft).toContain('> **پیش‌نویس — امضا نشده**');
    expect(draft).not.toContain('تایید شده توسط');
    expect(draft).not.toContain('اثر انگشت امضا');
  });

  it('escapes what Markdown would take for markup, so it reads as written', () => {
    const input = sampleReport();
    const markdown = renderReportMarkdown({
      ...input,
      report: {
        ...input.report,
        content: {
          ...input.report.content,
          assessment: '# نه یک عنوان\n*تاکید* و [پیوند](x) و <b>',
        },
      },
    });
    expect(markdown).toContain('\\# نه یک عنوان  \n\\*تاکید\\* و \\[پیوند\\](x) و \\<b\\>');
  });

  it('leaves out lists that are empty', () => {
    const input = sampleReport();
    const markdown = renderReportMarkdown({
      ...input,
      report: {
        ...input.report,
        content: { ...input.report.content, medications: [], labOrders: [], followUp: null },
      },
    });
    expect(markdown).not.toContain('## نسخه پزشکی');
    expect(markdown).not.toContain('## آزمایشات درخواستی');
    expect(markdown).not.toContain('## پیگیری');
  });

  it('refuses input that does not validate', () => {
    const input = sampleReport();
    let error: unknown;
    try {
      renderReportMarkdown({ ...input, patient: { ...input.patient, age: -1 } });
    } catch (caught) {
      error = caught;
    }
    expect(isAppError(error) && error.code).toBe('validation');
  });
});
