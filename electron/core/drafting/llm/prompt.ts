import type { SoapContent, SoapSection } from '../../../shared/soap';
import { normalizeText } from '../../../shared/text/normalize';
import type { DraftLimits } from './output-schema';

/**
 * The prompts, in Persian (the clinics' language, and what the note is written in). The model
 * sees the transcript as numbered lines "[12] …" and cites them by that number; the JSON keys stay
 * English because the grammar fixes them anyway.
 */

export const SECTION_LABELS: Readonly<Record<SoapSection, string>> = {
  subjective: 'شرح حال (Subjective)',
  objective: 'معاینه و یافته‌ها (Objective)',
  assessment: 'ارزیابی (Assessment)',
  plan: 'برنامهٔ درمان (Plan)',
};

/** One line of the transcript as the model sees it: the segment's number and its text. */
export interface TranscriptLine {
  /** 1-based position of the segment in the visit (what evidence cites). */
  readonly number: number;
  readonly text: string;
}

/** "[12] text" — one line, no line breaks inside (a break would look like a new line number). */
export function formatLine(line: TranscriptLine): string {
  return `[${line.number}] ${normalizeText(line.text)}`;
}

function templateBlock(templatePrompt: string): string {
  const prompt = normalizeText(templatePrompt, { keepLineBreaks: true });
  return prompt ? `\n\nدستورالعمل قالب تخصصی:\n${prompt}` : '';
}

function partHeader(part: number, parts: number): string {
  return parts > 1
    ? `متن گفت‌وگو (بخش ${part} از ${parts}؛ فقط همین بخش را خلاصه کنید):`
    : 'متن گفت‌وگو:';
}

export function draftSystemPrompt(
  templatePrompt: string,
  sections: readonly SoapSection[],
  limits: DraftLimits,
): string {
  const wanted = sections
    .map((section) => `«${SECTION_LABELS[section]}» حداکثر ${limits.sections[section]} نویسه`)
    .join('، ');
  return `شما دستیار مستندسازی بالینی در یک درمانگاه هستید. از روی متن پیاده‌شدهٔ گفت‌وگوی پزشک و بیمار، پیش‌نویس یادداشت SOAP را به فارسی بنویسید.
قواعد:
- فقط آنچه در گفت‌وگو آمده است را بنویسید؛ چیزی اضافه نکنید و حدس نزنید. اگر چیزی گفته نشده، آن را خالی بگذارید.
- هر خط گفت‌وگو با شماره‌ای در کروشه شروع می‌شود، مانند [12].
- برای هر علامت حیاتی، تشخیص، دارو، آزمایش و پیگیری شاهد بیاورید: segment شمارهٔ خط است و quote عین عبارتی کوتاه (حداکثر ${limits.quote} نویسه) از همان خط، بدون هیچ تغییری.
- بخش‌ها: ${wanted}. شکایت اصلی (chiefComplaint) در یک عبارت کوتاه.
- نام دارو به لاتین (نام ژنریک)؛ دوز، راه مصرف، دفعات و مدت همان‌طور که گفته شده است.
- کد ICD-10 (مانند J02.9) را فقط وقتی بنویسید که مطمئن هستید؛ وگرنه خالی بگذارید.
- مقدار علائم حیاتی با رقم انگلیسی (مانند 120/80 یا 38.5).
- پاسخ فقط یک شیء JSON در قالب خواسته‌شده است.${templateBlock(templatePrompt)}`;
}

export function draftUserPrompt(lines: readonly string[], part: number, parts: number): string {
  return `${partHeader(part, parts)}\n${lines.join('\n')}`;
}

export function mergeSystemPrompt(templatePrompt: string, limits: DraftLimits): string {
  return `شما دستیار مستندسازی بالینی در یک درمانگاه هستید. گفت‌وگوی یک ویزیت طولانی در چند بخش پیش‌نویس شده است و پیش‌نویس SOAP هر بخش به صورت JSON آمده است. آن‌ها را در یک پیش‌نویس یکپارچه ادغام کنید.
قواعد:
- بخش‌ها را به ترتیب زمانی و بدون تکرار ترکیب کنید.
- هر دارو، تشخیص، آزمایش و علامت حیاتی تکراری را یک بار بیاورید و شواهدش را نگه دارید.
- شواهد (segment و quote، حداکثر ${limits.quote} نویسه) را عیناً از پیش‌نویس‌ها بردارید.
- چیزی که در پیش‌نویس‌ها نیست اضافه نکنید.
- پاسخ فقط یک شیء JSON در همان قالب است.${templateBlock(templatePrompt)}`;
}

/** One part's draft (JSON) in a merge prompt; `index` is 0-based. */
export function mergeDraftBlock(index: number, json: string): string {
  return `پیش‌نویس بخش ${index + 1}:\n${json}`;
}

export function mergeUserPrompt(drafts: readonly string[]): string {
  return drafts.map((draft, i) => mergeDraftBlock(i, draft)).join('\n\n');
}

/** One version of a section in a section-merge prompt; `index` is 0-based. */
export function sectionVersionBlock(index: number, text: string): string {
  return `نسخهٔ ${index + 1}:\n${text}`;
}

function currentNote(content: SoapContent, section: SoapSection): string {
  const others = (['subjective', 'objective', 'assessment', 'plan'] as const)
    .filter((name) => name !== section && content[name].trim() !== '')
    .map((name) => `${SECTION_LABELS[name]}:\n${content[name]}`);
  const current = content[section].trim()
    ? `\n\nمتن فعلی «${SECTION_LABELS[section]}» (برای بازنویسی):\n${content[section]}`
    : '';
  return `یادداشت فعلی:\n${others.length ? others.join('\n\n') : '(خالی)'}${current}`;
}

export function sectionSystemPrompt(
  templatePrompt: string,
  section: SoapSection,
  maxChars: number,
): string {
  return `شما دستیار مستندسازی بالینی در یک درمانگاه هستید. فقط بخش «${SECTION_LABELS[section]}» یادداشت SOAP را از روی متن گفت‌وگوی پزشک و بیمار، به فارسی و حداکثر در ${maxChars} نویسه، از نو بنویسید.
قواعد:
- فقط آنچه در گفت‌وگو آمده است را بنویسید؛ چیزی اضافه نکنید و حدس نزنید.
- بخش‌های دیگر یادداشت فعلی فقط برای هماهنگی آمده‌اند؛ آن‌ها را تکرار نکنید.
- پاسخ فقط یک شیء JSON در قالب خواسته‌شده است.${templateBlock(templatePrompt)}`;
}

export function sectionUserPrompt(
  content: SoapContent,
  section: SoapSection,
  lines: readonly string[],
  part: number,
  parts: number,
): string {
  return `${currentNote(content, section)}\n\n${partHeader(part, parts)}\n${lines.join('\n')}`;
}

export function sectionMergeSystemPrompt(section: SoapSection, maxChars: number): string {
  return `شما دستیار مستندسازی بالینی در یک درمانگاه هستید. بخش «${SECTION_LABELS[section]}» یادداشت SOAP یک ویزیت طولانی، جدا برای هر بخش از گفت‌وگو نوشته شده است. نسخه‌ها را به ترتیب زمانی، بدون تکرار و بدون افزودن چیز تازه، در یک متن یکپارچه به فارسی و حداکثر در ${maxChars} نویسه ادغام کنید. پاسخ فقط یک شیء JSON در قالب خواسته‌شده است.`;
}
