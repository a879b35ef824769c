/**
 * Name lists for the benchmark's fictional patients. Each entry is `Persian|Latin`; lists are in
 * rough order of popularity (the generator gives them a Zipf-like skew by rank). ZWNJ (U+200C) is
 * written as \u200c so it stays visible in review.
 */

export interface NameEntry {
  readonly fa: string;
  readonly latin: string;
}

const Z = '\u200c';

function parse(list: string): NameEntry[] {
  return list
    .split(/\s+/)
    .filter((item) => item !== '')
    .map((item) => {
      const [fa, latin] = item.split('|');
      if (!fa || !latin) throw new Error(`bad name entry: ${item}`);
      return { fa: fa.replace(/_/g, Z), latin };
    });
}

// `_` stands for ZWNJ in the lists below.
export const MALE_FIRST_NAMES: readonly NameEntry[] = parse(`
محمد|Mohammad علی|Ali حسین|Hossein رضا|Reza مهدی|Mehdi امیر|Amir حسن|Hassan
محمدرضا|Mohammadreza علیرضا|Alireza امیرحسین|Amirhossein ابوالفضل|Abolfazl
محمدحسین|Mohammadhossein محمدعلی|Mohammadali احمد|Ahmad مصطفی|Mostafa مرتضی|Morteza
سعید|Saeed حمید|Hamid مجید|Majid جواد|Javad علی_اصغر|Aliasghar علی_اکبر|Aliakbar
محسن|Mohsen یوسف|Yousef ابراهیم|Ebrahim اسماعیل|Esmaeil عباس|Abbas کاظم|Kazem
جعفر|Jafar صادق|Sadegh هادی|Hadi وحید|Vahid سجاد|Sajjad میلاد|Milad امین|Amin
پویا|Pouya آرش|Arash بهروز|Behrouz داریوش|Dariush کامران|Kamran فرهاد|Farhad
بهزاد|Behzad مهران|Mehran سینا|Sina پارسا|Parsa آرین|Arian کیان|Kian طاها|Taha
یاسین|Yasin امیرمحمد|Amirmohammad محمدمهدی|Mohammadmehdi محمدجواد|Mohammadjavad
محمدامین|Mohammadamin محمدطاها|Mohammadtaha امیرعلی|Amirali امیررضا|Amirreza
ابوالقاسم|Abolghasem غلامرضا|Gholamreza غلامحسین|Gholamhossein غلامعلی|Gholamali
نصرالله|Nasrollah عبدالله|Abdollah حبیب_الله|Habibollah روح_الله|Rouhollah
ولی_الله|Valiollah فرامرز|Faramarz منصور|Mansour ناصر|Naser بهرام|Bahram
کیومرث|Kiumars شهرام|Shahram شهاب|Shahab پیمان|Peyman پدرام|Pedram بابک|Babak
رامین|Ramin کاوه|Kaveh نیما|Nima حمیدرضا|Hamidreza مجتبی|Mojtaba ایمان|Iman
احسان|Ehsan حامد|Hamed یاسر|Yaser عرفان|Erfan عماد|Emad مهدیار|Mahdiar سامان|Saman
سهیل|Soheil شایان|Shayan آریا|Arya رسول|Rasoul قاسم|Ghasem نادر|Nader
منوچهر|Manouchehr جمشید|Jamshid هوشنگ|Houshang فریدون|Fereydoun اکبر|Akbar
اصغر|Asghar تقی|Taghi نقی|Naghi رحیم|Rahim کریم|Karim مسعود|Masoud محمود|Mahmoud
رحمان|Rahman یعقوب|Yaghoub موسی|Mousa عیسی|Isa داوود|Davoud سلیمان|Soleiman
یونس|Younes ایوب|Ayoub اسحاق|Eshagh هاشم|Hashem باقر|Bagher صالح|Saleh
فرشید|Farshid فرزاد|Farzad فرید|Farid فرخ|Farrokh بیژن|Bijan سیاوش|Siavash
سهراب|Sohrab رستم|Rostam اردلان|Ardalan اردشیر|Ardeshir کوروش|Kourosh هومن|Houman
آرمین|Armin آرمان|Arman ماهان|Mahan بردیا|Bardia رادین|Radin حسام|Hesam
میثم|Meysam مازیار|Maziar بهنام|Behnam بهمن|Bahman اسفندیار|Esfandiar ابوذر|Abouzar
عارف|Aref امیرعباس|Amirabbas محمدصادق|Mohammadsadegh محمدباقر|Mohammadbagher
محمدکاظم|Mohammadkazem محمدحسن|Mohammadhassan علی_محمد|Alimohammad حسینعلی|Hosseinali
مهرداد|Mehrdad کیوان|Keyvan شاهین|Shahin افشین|Afshin رامتین|Ramtin آراد|Arad
سپهر|Sepehr سروش|Soroush دانیال|Danial ماهیار|Mahyar نوید|Navid امید|Omid
اشکان|Ashkan ارسلان|Arsalan بهراد|Behrad کامیار|Kamyar مانی|Mani پرهام|Parham
جلال|Jalal کمال|Kamal جمال|Jamal رحمت|Rahmat نعمت|Nemat عزت_الله|Ezzatollah
`);

export const FEMALE_FIRST_NAMES: readonly NameEntry[] = parse(`
فاطمه|Fatemeh زهرا|Zahra مریم|Maryam زینب|Zeinab معصومه|Masoumeh سمیه|Somayeh
نرگس|Narges لیلا|Leila مهسا|Mahsa سارا|Sara الهام|Elham نازنین|Nazanin
فاطمه_زهرا|Fatemehzahra مهناز|Mahnaz شیرین|Shirin پریسا|Parisa نسرین|Nasrin
سمانه|Samaneh طاهره|Tahereh اعظم|Azam اشرف|Ashraf ملیکا|Melika هستی|Hasti
یگانه|Yeganeh نیلوفر|Niloufar آزاده|Azadeh شیوا|Shiva ریحانه|Reyhaneh کوثر|Kowsar
حدیث|Hadis محدثه|Mohaddeseh مائده|Maedeh رقیه|Roghayeh سکینه|Sakineh کبری|Kobra
صغری|Soghra خدیجه|Khadijeh طیبه|Tayebeh عاطفه|Atefeh راضیه|Razieh منیژه|Manijeh
پروین|Parvin شهلا|Shahla فرشته|Fereshteh فریبا|Fariba فرزانه|Farzaneh فرناز|Farnaz
مینا|Mina مژگان|Mojgan ژیلا|Zhila ژاله|Zhaleh نگار|Negar نگین|Negin ترانه|Taraneh
تینا|Tina رویا|Roya رها|Raha آیدا|Aida آیلار|Aylar ستاره|Setareh سپیده|Sepideh
سحر|Sahar سوسن|Sousan صدیقه|Sedigheh عفت|Effat فرح|Farah گلناز|Golnaz گلاره|Golareh
لادن|Ladan لاله|Laleh مرضیه|Marzieh منصوره|Mansoureh مهین|Mahin ناهید|Nahid
نفیسه|Nafiseh هانیه|Hanieh هدی|Hoda یاسمن|Yasaman یسنا|Yasna آتنا|Atena آوا|Ava
باران|Baran بهاره|Bahareh پرستو|Parastoo پگاه|Pegah تارا|Tara حنانه|Hananeh
دریا|Darya دینا|Dina رومینا|Romina زری|Zari سمیرا|Samira سیما|Sima شبنم|Shabnam
شقایق|Shaghayegh شهناز|Shahnaz صبا|Saba عسل|Asal غزاله|Ghazaleh فائزه|Faezeh
کیمیا|Kimia گلی|Goli مبینا|Mobina مرجان|Marjan مهتاب|Mahtab مهرناز|Mehrnaz
نیکی|Niki هما|Homa هلیا|Helia ویدا|Vida آناهیتا|Anahita بنفشه|Banafsheh پریا|Pariya
ثمین|Samin جمیله|Jamileh حمیده|Hamideh خاطره|Khatereh رعنا|Rana زیبا|Ziba
ساناز|Sanaz سودابه|Soudabeh شکوه|Shokouh طناز|Tannaz فروغ|Forough کتایون|Katayoun
ماهرخ|Mahrokh مهشید|Mahshid نسیم|Nasim نوشین|Noushin هاله|Haleh یلدا|Yalda
زهره|Zohreh الهه|Elaheh اکرم|Akram بتول|Batoul فخری|Fakhri ملیحه|Malihe نجمه|Najmeh
نرجس|Narjes آمنه|Ameneh ام_البنین|Omolbanin محبوبه|Mahboubeh مینو|Minoo مهری|Mehri
عذرا|Azra فاطمه_سادات|Fatemehsadat زهرا_سادات|Zahrasadat مهرانگیز|Mehrangiz
گلستان|Golestan آذر|Azar پوران|Pouran توران|Touran ایران|Iran منیر|Monir
شهین|Shahin فرخنده|Farkhondeh قدسی|Ghodsi ثریا|Soraya بدری|Badri نازی|Nazi
سوگند|Sogand ساره|Sareh آیناز|Aynaz النا|Elena ترنم|Tarannom ریما|Rima
آرزو|Arezoo مهرو|Mahrou نیوشا|Niousha سارینا|Sarina آنیتا|Anita ماندانا|Mandana
`);

/** Family names that stand on their own (place names, -ی forms, trades). */
const STANDALONE_LAST_NAMES: readonly NameEntry[] = parse(`
محمدی|Mohammadi حسینی|Hosseini احمدی|Ahmadi رضایی|Rezaei موسوی|Mousavi کریمی|Karimi
جعفری|Jafari رحیمی|Rahimi هاشمی|Hashemi صادقی|Sadeghi قاسمی|Ghasemi ابراهیمی|Ebrahimi
کاظمی|Kazemi اکبری|Akbari حیدری|Heydari نوری|Nouri مرادی|Moradi یوسفی|Yousefi
طاهری|Taheri عباسی|Abbasi سلیمانی|Soleimani رستمی|Rostami مختاری|Mokhtari شریفی|Sharifi
فرهادی|Farhadi اسدی|Asadi جلالی|Jalali زارعی|Zarei امیری|Amiri خسروی|Khosravi
بهرامی|Bahrami نجفی|Najafi سعیدی|Saeedi باقری|Bagheri کرمی|Karami عزیزی|Azizi
میرزایی|Mirzaei ملکی|Maleki شجاعی|Shojaei نظری|Nazari قربانی|Ghorbani صالحی|Salehi
یزدانی|Yazdani مهدوی|Mahdavi رنجبر|Ranjbar کشاورز|Keshavarz دهقان|Dehghan آقایی|Aghaei
افشار|Afshar بیگی|Beigi توکلی|Tavakoli جمالی|Jamali حاتمی|Hatami خلیلی|Khalili
دلاوری|Delavari رحمانی|Rahmani زمانی|Zamani سبحانی|Sobhani شاکری|Shakeri عسگری|Asgari
غفاری|Ghaffari فتحی|Fathi قنبری|Ghanbari کامرانی|Kamrani گودرزی|Goudarzi لطفی|Lotfi
منصوری|Mansouri نادری|Naderi وکیلی|Vakili هادیان|Hadian یگانه|Yeganeh اصفهانی|Esfahani
تهرانی|Tehrani شیرازی|Shirazi کرمانی|Kermani تبریزی|Tabrizi یزدی|Yazdi کاشانی|Kashani
قزوینی|Ghazvini مشهدی|Mashhadi رشتی|Rashti همدانی|Hamedani خراسانی|Khorasani
گیلانی|Gilani مازندرانی|Mazandarani اردبیلی|Ardabili زنجانی|Zanjani سمنانی|Semnani
قمی|Ghomi کردستانی|Kordestani بروجردی|Boroujerdi لاریجانی|Larijani شیرازیان|Shirazian
احمدیان|Ahmadian کریمیان|Karimian رحیمیان|Rahimian محمدیان|Mohammadian صادقیان|Sadeghian
جعفریان|Jafarian ابراهیمیان|Ebrahimian قاسمیان|Ghasemian یوسفیان|Yousefian
عباسیان|Abbasian اکبریان|Akbarian کاظمیان|Kazemian مرادیان|Moradian حیدریان|Heydarian
نوروزی|Nowrouzi بابایی|Babaei فرجی|Faraji سلطانی|Soltani شهابی|Shahabi حبیبی|Habibi
عرب|Arab ترکمان|Torkaman کرد|Kord بلوچ|Balouch لر|Lor طالبی|Talebi مومنی|Momeni
پورمحمدی|Pourmohammadi کیانی|Kiani نیکخواه|Nikkhah خوش_نویس|Khoshnevis نیک_نام|Niknam
پاک_نژاد|Paknejad فرزانه|Farzaneh صفایی|Safaei وفایی|Vafaei ثابتی|Sabeti امینی|Amini
رسولی|Rasouli اسماعیلی|Esmaeili شهبازی|Shahbazi بختیاری|Bakhtiari زندی|Zandi
قاجار|Ghajar افشاری|Afshari صفوی|Safavi طباطبایی|Tabatabaei میرحسینی|Mirhosseini
حاجی_زاده|Hajizadeh میرزاده|Mirzadeh آل_احمد|Aleahmad روحانی|Rouhani خدابنده|Khodabandeh
مطهری|Motahari بهشتی|Beheshti شریعتی|Shariati طالقانی|Taleghani مدنی|Madani
نصیری|Nasiri حمیدی|Hamidi مجیدی|Majidi سعادتی|Saadati عطایی|Ataei فاضلی|Fazeli
عادلی|Adeli کمالی|Kamali جلیلی|Jalili اشرفی|Ashrafi سیفی|Seifi شمسی|Shamsi
قیصری|Gheisari ایزدی|Izadi الهی|Elahi خدایی|Khodaei یاری|Yari دوستی|Dousti
پناهی|Panahi ستاری|Sattari غلامی|Gholami کریمخانی|Karimkhani خانی|Khani
آذری|Azari بهبهانی|Behbahani دزفولی|Dezfouli اهوازی|Ahvazi کرمانشاهی|Kermanshahi
بوشهری|Boushehri شوشتری|Shoushtari نیشابوری|Neyshabouri سبزواری|Sabzevari
قوچانی|Ghouchani بیرجندی|Birjandi زاهدی|Zahedi عابدی|Abedi ساجدی|Sajedi
راستگو|Rastgou درستکار|Dorostkar نیکوکار|Nikoukar کاردان|Kardan دانشور|Daneshvar
فرمانی|Farmani سروری|Sarvari مقدم|Moghaddam تقوی|Taghavi نقوی|Naghavi رضوی|Razavi
علوی|Alavi حسنی|Hassani حسینیان|Hosseinian فاطمی|Fatemi زینالی|Zeinali
ولیزاده|Valizadeh قلی_پور|Gholipour شکوهی|Shokouhi فرخی|Farrokhi بهمنی|Bahmani
اسفندیاری|Esfandiari مهرابی|Mehrabi کاوه|Kaveh آرین|Arian پارسا|Parsa
صفری|Safari جهانگیری|Jahangiri سهرابی|Sohrabi رستگار|Rastegar شفیعی|Shafiei نعمتی|Nemati
ملک_زاده|Malekzadeh سرمدی|Sarmadi پیروزی|Pirouzi فرمانفرما|Farmanfarma شاهرخی|Shahrokhi
خدادادی|Khodadadi اللهیاری|Allahyari کهزادی|Kahzadi بیات|Bayat دارابی|Darabi
معینی|Moeini امیدی|Omidi نیکپور|Nikpour آزادی|Azadi اقبالی|Eghbali ظهیری|Zahiri
سپهری|Sepehri قادری|Ghaderi شعبانی|Shabani رمضانی|Ramezani
`);

const COMPOSITE_ROOTS: readonly NameEntry[] = parse(`
حسن|Hassan علی|Ali محمد|Mohammad رضا|Reza حسین|Hossein کریم|Karim رحیم|Rahim
احمد|Ahmad قاسم|Ghasem عباس|Abbas جعفر|Jafar صادق|Sadegh یوسف|Yousef
ابراهیم|Ebrahim اکبر|Akbar اسماعیل|Esmaeil امین|Amin شریف|Sharif نصیر|Nasir
مهدی|Mahdi تقی|Taghi نقی|Naghi هادی|Hadi موسی|Mousa جواد|Javad باقر|Bagher
کاظم|Kazem حاجی|Haji آقا|Agha ملک|Malek شاه|Shah نیک|Nik بهرام|Bahram
فرهاد|Farhad کیا|Kia امیر|Amir عزیز|Aziz سلیم|Salim نادر|Nader منصور|Mansour
`);

const COMPOSITE_SUFFIXES: readonly NameEntry[] = [
  { fa: 'زاده', latin: 'zadeh' },
  { fa: 'پور', latin: 'pour' },
  { fa: 'نژاد', latin: 'nejad' },
  { fa: 'نیا', latin: 'nia' },
];

// Letters that never join the next one: after them no ZWNJ is needed (محمدزاده, رضاپور).
const NON_JOINING = new Set(['ا', 'آ', 'د', 'ذ', 'ر', 'ز', 'ژ', 'و']);

function composite(root: NameEntry, suffix: NameEntry, index: number): NameEntry {
  const last = [...root.fa].at(-1) ?? '';
  // After a joining letter people write a ZWNJ (حسن‌زاده); one in four types it run together.
  const joiner = NON_JOINING.has(last) || index % 4 === 3 ? '' : Z;
  return { fa: `${root.fa}${joiner}${suffix.fa}`, latin: `${root.latin}${suffix.latin}` };
}

const COMPOSITES: NameEntry[] = COMPOSITE_ROOTS.flatMap((root, r) =>
  COMPOSITE_SUFFIXES.map((suffix, s) => composite(root, suffix, r * 4 + s)),
);

/**
 * All family names: the most common standalone names first, then standalone and composite
 * names interleaved, so composites spread over the long tail.
 */
export const LAST_NAMES: readonly NameEntry[] = (() => {
  const head = STANDALONE_LAST_NAMES.slice(0, 40);
  const restStandalone = STANDALONE_LAST_NAMES.slice(40);
  const tail: NameEntry[] = [];
  const longest = Math.max(restStandalone.length, COMPOSITES.length);
  for (let i = 0; i < longest; i += 1) {
    const a = restStandalone[i];
    const b = COMPOSITES[i];
    if (a) tail.push(a);
    if (b) tail.push(b);
  }
  const seen = new Set<string>();
  return [...head, ...tail].filter((entry) => {
    if (seen.has(entry.fa)) return false;
    seen.add(entry.fa);
    return true;
  });
})();

export const ALLERGIES: readonly string[] = [
  'پنی\u200cسیلین',
  'آموکسی\u200cسیلین',
  'سفالوسپورین',
  'سولفامید',
  'آسپرین',
  'ایبوپروفن',
  'کدئین',
  'لاتکس',
  'بادام\u200cزمینی',
  'تخم\u200cمرغ',
  'گرده گل',
  'ماده حاجب یددار',
  'متامیزول',
  'گلوتن',
];

export const NOTES: readonly string[] = [
  'دیابت نوع ۲',
  'فشار خون بالا',
  'آسم',
  'کم\u200cکاری تیروئید',
  'سابقه جراحی قلب',
  'بارداری',
  'مصرف وارفارین',
  'نارسایی کلیه',
];

export const CITIES: readonly string[] = [
  'تهران',
  'مشهد',
  'اصفهان',
  'شیراز',
  'تبریز',
  'کرج',
  'قم',
  'اهواز',
  'کرمانشاه',
  'رشت',
  'یزد',
  'همدان',
];

export const STREETS: readonly string[] = [
  'انقلاب',
  'آزادی',
  'ولیعصر',
  'امام خمینی',
  'شریعتی',
  'فردوسی',
  'حافظ',
  'سعدی',
  'بهار',
  'نوبهار',
  'گلستان',
  'شهید بهشتی',
];

/** Iranian mobile prefixes, most common first. */
export const MOBILE_PREFIXES: readonly string[] = [
  '0912',
  '0935',
  '0936',
  '0919',
  '0913',
  '0915',
  '0917',
  '0937',
  '0938',
  '0939',
  '0911',
  '0914',
  '0916',
  '0918',
  '0901',
  '0902',
  '0903',
  '0930',
  '0933',
  '0990',
  '0991',
  '0921',
  '0922',
  '0905',
];
