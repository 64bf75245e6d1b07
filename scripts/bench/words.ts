// Vocabulary of the synthetic cases: the names, places, vendors and technologies of Central Asian
// surveillance reporting, in Cyrillic and in Latin spellings, so the bench indexes text shaped like
// a real case (mixed scripts, transliteration variants, long compound names).
//
// The words the search operations look for are kept out of these lists on purpose: generate.ts
// plants them at known rates, so "rare", "mid", "prefix" and "common" mean the same at every size.

export const people = [
  'Алексей Смирнов',
  'Ерлан Садыков',
  'Айгерим Нурланова',
  'Дильноза Каримова',
  'Тимур Абдуллаев',
  'Мадина Жумабаева',
  'Бахтиёр Исмоилов',
  'Гульнара Искакова',
  'Нурсултан Бекмуханов',
  'Жанар Тулегенова',
  'Sardor Rakhimov',
  'Elena Petrova',
  'Nurlan Bekov',
  'Kanat Ospanov',
  'Zarina Tokhtarova',
  'Ivan Kuznetsov',
  'Rustam Yuldashev',
  'Aibek Dzhumabaev',
  'Dilshod Toshmatov',
  'Asel Mukhamedova',
  'Jamshid Qodirov',
  'Ainur Seitkali',
];

export const places = [
  'Ташкент',
  'Алматы',
  'Астана',
  'Бишкек',
  'Душанбе',
  'Ашхабад',
  'Самарканд',
  'Караганда',
  'Шымкент',
  'Фергана',
  'Нукус',
  'Ош',
  'Tashkent',
  'Toshkent',
  'Almaty',
  'Astana',
  'Bishkek',
  'Dushanbe',
  'Ashgabat',
  'Samarkand',
  'Shymkent',
  'Andijan',
  'Jalal-Abad',
  'Khujand',
];

export const countries = [
  'Kazakhstan',
  'Kyrgyzstan',
  'Uzbekistan',
  'Tajikistan',
  'Turkmenistan',
  'Russia',
  'China',
];
export const countriesRu = [
  'Казахстан',
  'Кыргызстан',
  'Узбекистан',
  'Таджикистан',
  'Туркменистан',
  'Россия',
  'Китай',
];

export const vendors = [
  'Huawei',
  'ZTE',
  'Hikvision',
  'Dahua',
  'Protei',
  'Протей',
  'Норси-Транс',
  'Norsi-Trans',
  'Citadel',
  'Цитадель',
  'Сергек',
  'Sergek',
  'Speech Technology Center',
  'ЦРТ',
  'Vocord',
  'NtechLab',
  'Hikvision Digital',
  'iFlytek',
];

export const agencies = [
  'ГКНБ',
  'СГБ Узбекистана',
  'КНБ Казахстана',
  'ГКНБ Кыргызстана',
  'Министерство внутренних дел',
  'Ministry of Internal Affairs',
  'State Security Service',
  'National Security Committee',
  'акимат города',
  'the city administration',
  'Министерство цифрового развития',
  'Ministry of Digital Development',
];

export const technologiesEn = [
  'lawful interception gateways',
  'deep packet inspection',
  'facial recognition cameras',
  'IMSI catchers',
  'a Safe City platform',
  'license plate recognition',
  'data retention servers',
  'biometric passport readers',
  'mobile forensics kits',
  'voice identification',
];

export const technologiesRu = [
  'оборудование законного перехвата',
  'глубокая инспекция пакетов',
  'камеры распознавания лиц',
  'IMSI-перехватчики',
  'платформа «Безопасный город»',
  'распознавание номеров',
  'серверы хранения данных',
  'биометрические считыватели',
  'комплексы мобильной криминалистики',
  'голосовая идентификация',
];

export const publishers = [
  'Reuters',
  'OCCRP',
  'RFE/RL',
  'Радио Азаттык',
  'Vlast.kz',
  'Kloop',
  'Eurasianet',
  'The Diplomat',
  'Газета.uz',
  'Фергана',
  'Citizen Lab',
  'Access Now',
  'Privacy International',
  'Human Rights Watch',
  'Новая газета',
  'Kun.uz',
];

export const tags = [
  'экспорт',
  'export',
  'procurement',
  'закупки',
  'tender',
  'тендер',
  'Safe City',
  'интернет',
  'telecom',
  'biometrics',
  'лицензия',
  'court',
  'leak',
  'follow-up',
];

/** English sentences; slots in braces are filled from the lists above. */
export const sentencesEn = [
  '{vendor} supplied {tech} to {agency} in {place} in {year}.',
  'According to {person}, the contract with {vendor} was worth about {amount} million dollars.',
  'Procurement records from {place} list {tech} delivered by {vendor} in {year}.',
  '{person} told us the equipment was installed at a data centre near {place}.',
  'The tender, published in {year}, named {vendor} as the only bidder for {tech}.',
  'Engineers from {vendor} trained officers of {agency} for {number} weeks.',
  'A leaked invoice shows {number} units shipped to {place} via an intermediary in Dubai.',
  '{agency} did not respond to questions about {tech}.',
  'Local activists in {place} photographed new cameras on {number} intersections.',
  'The deployment in {country} was announced by {agency} in {year}.',
  '{vendor} denied that its products were used to monitor journalists in {place}.',
  'Court documents filed in {place} mention {tech} as the source of the intercepted calls.',
];

/** Russian sentences; same slots. */
export const sentencesRu = [
  'Компания {vendor} поставила {techRu} для {agency} в {year} году.',
  'По словам {person}, контракт с {vendor} стоил около {amount} млн долларов.',
  'В документах о закупках ({place}) указаны {techRu} от {vendor}.',
  '{person} сообщил, что оборудование установлено в дата-центре под городом {place}.',
  'Тендер {year} года выиграла {vendor} без конкурентов.',
  'Инженеры {vendor} обучали сотрудников {agency} в течение {number} недель.',
  'Утечка счетов показывает поставку {number} единиц в {place} через посредника.',
  '{agency} не ответил на вопросы о закупке.',
  'Активисты в городе {place} насчитали новые камеры на {number} перекрёстках.',
  'О внедрении в стране {countryRu} объявили в {year} году.',
  'Представители {vendor} отрицают слежку за журналистами в {place}.',
  'В материалах суда ({place}) упоминаются {techRu} как источник перехваченных звонков.',
];

/** Words the search operations look for; planted by generate.ts at fixed rates, absent from the lists above. */
export const planted = {
  /** About 40% of documents: the word every report of this kind repeats. */
  common: {
    en: 'The SORM equipment was connected to the operator network.',
    ru: 'Оборудование СОРМ подключено к сети оператора.',
  },
  /** About 1% of documents. */
  mid: { en: 'Signatek engineers configured the system.', ru: 'Специалисты Сигнатек настроили систему.' },
  /** About 2% of documents; searched by its first letters, as someone typing. */
  prefix: {
    en: 'Oniks-Line delivered the monitoring servers.',
    ru: 'Оникс-Лайн поставил серверы мониторинга.',
  },
  /** One document in 50,000 (at least one per case). */
  rare: { en: 'A shipment also went to Muynak.', ru: 'Одна партия ушла в Муйнак.' },
} as const;

/** What the bench types into search for each planted word (mixed scripts on purpose). */
export const searchTerms = {
  rare: 'Муйнак',
  mid: 'Signatek',
  prefix: 'Оник',
  common: 'sorm',
} as const;
