/** Turkish wording of every coded message (see en.ts): typed against the English, so none is missing. */
import type { MessageResources } from './types'

export const messagesTr: MessageResources = {
  internal: 'Uygulamada beklenmeyen bir hata oldu. Ayrıntılar günlük dosyasına yazıldı.',
  files: {
    notFound: '{{file}} dosyası bulunamadı (taşınmış, adı değiştirilmiş ya da silinmiş olabilir).',
    folder: '{{file}} bir klasör, dosya değil. İçindeki dosyalardan birini seçin.',
    pipe: '{{file}} bir dosya değil, bir kanal (pipe): yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    device: '{{file}} bir dosya değil, bir aygıt: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    socket: '{{file}} bir dosya değil, bir soket: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    notRegular: '{{file}} normal bir dosya değil: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    noPermission: '{{file}} dosyası açılamıyor: erişim izni yok.',
    busy: '{{file}} dosyası başka bir programda açık; o programı (örneğin Excel’i) kapatıp tekrar deneyin.',
    unreadable: '{{file}} dosyası okunamadı ({{reason}}).',
    tooLarge:
      '{{file}} dosyası {{size}} MiB; bir seferde en fazla {{max}} MiB içe aktarılabilir. Doğru dosya olduğunu kontrol edin ya da dosyayı bölün.',
    changed:
      '{{file}} dosyası okunurken değişti (başka bir program hâlâ ona yazıyor). Dosya tamamlanınca yeniden içe aktarın.',
    noChooser: 'Dosya seçme penceresi yalnızca uygulama penceresinde açılabilir; dosyayı buraya sürükleyip bırakın.',
  },
  importFile: {
    empty: '{{file}} dosyası boş.',
    separatorLine:
      '{{file}} dosyasının “sep=” satırı “,”, “;” ya da sekme dışında bir ayırıcı istiyor; yalnızca bu üçü desteklenir.',
    columnTwice:
      '{{file}} dosyasının başlık satırında {{column}} sütunu iki kez var ({{first}}. ve {{second}}. sütun); birini silin.',
    noHotelColumn:
      '{{file}} CSV dosyasında hotel_name (ya da hotel_id) sütunu yok. İlk satır sütunların adlarını vermeli; bu satırda {{columns}} sütun var (ayırıcı olarak {{separator}} ile okundu), tanınanlar: {{known}}.',
    noDateColumn:
      '{{file}} CSV dosyasında tarih sütunu yok (date_from ve date_to, ya da date_ranges). İlk satır sütunların adlarını vermeli; bu satırda {{columns}} sütun var (ayırıcı olarak {{separator}} ile okundu), tanınanlar: {{known}}.',
    headerTooLong: '{{file}} dosyasının ilk satırı 1 MiB’den uzun: bu bir satış durdurma CSV dosyası değil.',
    noHeader: '{{file}} dosyasında sütun adlarını veren bir başlık satırı yok (hotel_name, date_from, date_to, …).',
    quoteNotClosed:
      '{{file}} dosyasında {{line}}. satırda başlayan kayıtta açılan tırnak (") hiç kapanmıyor, bu yüzden dosyanın geri kalanı okunamıyor. O satırdaki tırnakları düzeltip dosyayı yeniden içe aktarın.',
    rowTooLong:
      '{{file}} dosyasında {{line}}. satırda başlayan kayıt 1 MiB’den uzun; büyük olasılıkla orada açılan bir tırnak (") kapanmıyor.',
    csvBroken:
      '{{file}} CSV dosyası {{line}}. satır civarında okunamıyor: oradaki tırnakları ve ayırıcıları kontrol edin.',
    recordTooLarge:
      '{{file}} dosyasının {{record}}. kaydı 1 MiB’den büyük: bu bir satış durdurma dosyası değil ya da bir tırnak (") eksik.',
    notJson: '{{file}} dosyası JSON değil: “[” ya da “{” ile başlamalı.',
    notAList:
      '{{file}} JSON dosyası bir satış durdurma listesi ([ {...}, {...} ]) ya da “stopSales” listesi olan bir nesne içermeli.',
    noStopSalesList: '{{file}} dosyasındaki JSON nesnesinde “stopSales” listesi yok.',
    stopSalesNotList: '{{file}} dosyasında “stopSales” bir liste [ ... ] olmalı.',
    twoStopSalesLists: '{{file}} JSON dosyasında iki “stopSales” listesi var; yalnızca birini bırakın.',
    jsonSyntax:
      '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırda beklenmeyen bir şey var ({{after}}. kayıttan sonra).',
    jsonSyntaxAt: '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırda beklenmeyen bir şey var.',
    truncated:
      '{{file}} dosyası JSON’un ortasında bitiyor ({{after}}. kayıttan sonra): kesik görünüyor. Dosyanın tamamını alıp yeniden içe aktarın.',
    textAfterEnd: '{{file}} dosyası geçerli bir JSON değil: JSON bittikten sonra metin var ({{line}}. satır).',
    brokenName: '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırdaki bir alan adı bozuk.',
    utf16:
      '{{file}} dosyası UTF-16 (“Unicode Metin”) olarak kaydedilmiş, içe aktarılamaz. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    workbook:
      '{{file}} dosyası bir Excel çalışma kitabı (ya da başka bir zip dosyası), CSV değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    oldWorkbook:
      '{{file}} dosyası eski bir Excel çalışma kitabı (.xls), CSV değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    brokenUtf8:
      '{{file}} dosyası UTF-8 işaretiyle başlıyor ama geçerli UTF-8 değil; bozulmuş ya da başka bir kodlamayla düzenlenmiş. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    mixedEncodings:
      '{{file}} dosyasında iki farklı metin kodlaması var: UTF-8 olarak başlıyor ama {{line}}. satır UTF-8 değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
  },
  reservationFile: {
    noRecords: '{{file}} dosyasında hiç rezervasyon yok.',
    tooManyRecords: '{{file}} dosyasında {{count}} kayıt var; bir seferde en fazla {{max}} kayıt içe aktarılabilir.',
    wrongShape:
      '{{file}} dosyası bir rezervasyon listesi, { "reservations": [...] } ya da tek bir rezervasyon nesnesi içermeli.',
  },
  backup: {
    notFound: 'Geri yüklenecek {{file}} dosyası bulunamadı.',
    notDatabase: '{{file}} bir veritabanı dosyası değil. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    damaged:
      '{{file}} bozuk (SQLite’ın bulduğu: {{detail}}). Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi. Başka bir yedek seçin.',
    foreign: '{{file}} bir Sedna Stop Sales veritabanı değil. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    newer:
      '{{file}}, Sedna Stop Sales’in daha yeni bir sürümüyle alınmış; bu sürüm onu okuyamaz. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi. Geri yüklemek için uygulamanın yeni sürümünü kurun.',
    upgradeFailed:
      '{{file}} uygulamanın bu sürümüne uyarlanamadı ({{detail}}). Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    writeFailed:
      'Yedek {{dir}} klasörüne yazılamadı ({{detail}}). Hiçbir şey değişmedi. Diskte yer olduğunu ve klasöre yazılabildiğini kontrol edin.',
    restoreFailed:
      '{{file}} veritabanına kopyalanamadı ({{detail}}). Mevcut veriler değişmedi; bir kopyası {{backup}} dosyasında.',
    sourceDamaged:
      'Veritabanı bozuk (SQLite’ın bulduğu: {{detail}}); bu yüzden alınan kopya kontrolden geçmedi ve saklanmadı. En yeni yedeği geri yükleyin.',
    exists: '{{file}} zaten var: başka bir ad seçin. Hiçbir şey yazılmadı.',
    noFolder: '{{dir}} klasörü yok. Hiçbir şey yazılmadı.',
    unknown: '{{dir}} klasöründe {{name}} adında bir yedek yok.',
    notAbsolute: 'Geri yüklenecek dosyayı tam yoluyla seçin ({{file}} değil).',
  },
  diagnostics: {
    exists: '{{file}} zaten var: başka bir ad seçin. Hiçbir şey yazılmadı.',
    noFolder: '{{dir}} klasörü yok. Hiçbir şey yazılmadı.',
    notAbsolute: 'Tanılama dosyasının kaydedileceği yeri tam yoluyla seçin ({{file}} değil).',
    noChooser:
      'Kaydetme penceresi yalnızca uygulama penceresinde açılabilir; komut satırında “sedna-stop-sales diagnostics --to DOSYA” komutunu kullanın.',
    writeFailed:
      'Tanılama dosyası {{file}} konumuna yazılamadı ({{detail}}). Diskte yer olduğunu ve klasöre yazılabildiğini kontrol edin.',
  },
  db: {
    busy: 'Veritabanı şu an meşgul: uygulamanın başka bir kopyası ya da komut satırı (sedna-stop-sales) ona yazıyor. Hiçbir şey kaydedilmedi; birazdan tekrar deneyin.',
    diskFull:
      '{{dir}} veri klasörünün bulunduğu diskte yer kalmadı. Hiçbir şey kaydedilmedi: o diskte biraz yer açın, sonra tekrar deneyin.',
    readOnly:
      '{{dir}} veri klasöründeki veritabanı okunabiliyor ama yazılamıyor (dosya ya da klasör salt okunur, veya disk yazmaya kapalı). Hiçbir şey kaydedilmedi: veri klasörünü bu kullanıcı için yazılabilir yapın, sonra uygulamayı yeniden başlatın.',
    damaged:
      '{{dir}} veri klasöründeki veritabanı bozulmuş. Hiçbir şey kaydedilmedi: bir yedeği geri yükleyin (Ayarlar → Yedekler ya da “sedna-stop-sales restore”), sonra tekrar deneyin.',
    io: '{{dir}} veri klasöründeki veritabanı okunamadı ya da yazılamadı (disk veya ağ sürücüsü hatası). Hiçbir şey kaydedilmedi: veri klasörünün bulunduğu diskin takılı ve çalışır durumda olduğunu kontrol edin, sonra tekrar deneyin.',
  },
  profiles: {
    httpNeedsConfirmation:
      '{{address}} adresi http:// ile başlıyor; Sedna şifresi şifrelenmeden gider. https:// kullanın ya da http:// adresini bilerek kullandığınızı onaylayın.',
    noPassword:
      '{{address}} adresindeki {{username}} için kayıtlı Sedna şifresi yok ("{{name}}"). Şifreyi Ayarlar’dan girin.',
  },
  sedna: {
    certificate:
      '{{host}} adresindeki Sedna sunucusuna güvenilmedi, bu yüzden hiçbir şey gönderilmedi: sunucunun sertifikası $t(errors.sedna.certificateProblem.{{problem}})',
    certificateProblem: {
      selfSigned:
        'kendinden imzalı (bir sertifika kuruluşu değil, sunucunun kendisi oluşturmuş). Şirketiniz kendi sertifikalarını kullanıyorsa bilgi işlemden şirket sertifikasını bu bilgisayara yüklemesini isteyin; kullanmıyorsa Sedna adresini kontrol edin.',
      untrusted:
        'bu bilgisayarın güvenmediği bir kuruluş tarafından verilmiş. Bilgi işlemden şirket sertifikasını bu bilgisayara yüklemesini isteyin ya da Sedna adresini kontrol edin.',
      expired:
        'artık geçerli değil, süresi dolmuş. Sedna sunucusunu yöneten kişiden sertifikayı yenilemesini isteyin; bu bilgisayarın tarih ve saatinin doğru olduğunu da kontrol edin.',
      notYetValid: 'henüz geçerli değil. Bu bilgisayarın tarih ve saatinin doğru olduğunu kontrol edin.',
      wrongName:
        '{{host}} için değil, başka bir ad için verilmiş. Sedna adresini kontrol edin (IP adresi yerine sertifikadaki adı kullanın) ya da bilgi işleme danışın.',
      revoked:
        'onu veren kuruluş tarafından iptal edilmiş. Sedna sunucusunu yöneten kişiye ya da bilgi işleme danışın.',
      invalid: 'doğrulanamadı. Bilgi işleme danışın ya da Sedna adresini kontrol edin.',
    },
    tooLarge:
      'Sedna’nın {{action}} isteğine verdiği yanıt, uygulamanın bu istek için kabul ettiği {{limit}} sınırından büyük; bu yüzden okunmadı.',
    deadline:
      '{{host}} adresindeki Sedna, {{action}} isteğinin yanıtını {{seconds}} saniye içinde tamamlamadı; uygulama beklemeyi bıraktı.',
    cancelled:
      'Sedna’ya giden istek ({{action}}) tamamlanmadan durduruldu: uygulama kapanıyor ya da istek iptal edildi. Yeniden denenecek.',
    proxyInvalid:
      '{{source}} içindeki proxy adresi kullanılamıyor (http://sunucu:port biçiminde olmalı). Düzeltin ya da Sedna’ya doğrudan bağlanmak için silin.',
    proxyRefused:
      '{{proxy}} proxy sunucusu, {{host}} adresindeki Sedna’ya bağlanmayı reddetti (HTTP {{status}}). Bilgi işleme danışın; proxy kullanıcı adı ve şifre istiyorsa bunları proxy adresine yazın (http://kullanıcı:şifre@proxy:port).',
    proxyNoRoute: '{{proxy}} proxy sunucusu {{host}} adresindeki Sedna’ya ulaşamadı (HTTP {{status}}).',
    proxyUnreachable:
      '{{proxy}} proxy sunucusuna ulaşılamadı. Proxy ayarını ({{source}}) ve sunucunun çalıştığını kontrol edin.',
  },
  importRow: {
    label: {
      field: '{{field}}',
      item: '{{field}} {{item}}. öğe',
      fieldFrom: '{{field}} (from)',
      fieldTo: '{{field}} (to)',
      itemFrom: '{{field}} {{item}}. öğe (from)',
      itemTo: '{{field}} {{item}}. öğe (to)',
    },
    separator: { semicolon: '“;”', comma: '“,”', tab: 'sekme' },
    missing: '{{field}} eksik',
    notText: '{{field}} metin olmalı ({{value}} verilmiş)',
    tooLong: '{{field}} {{max}} karakterden uzun ({{length}} karakter)',
    notAHotelId: 'hotel_id {{value}} bir Sedna otel numarası değil (0’dan büyük bir tam sayı olmalı)',
    notRealDate: '$t(errors.importRow.label.{{at}}): {{value}} geçerli bir tarih değil',
    outsideYears: '$t(errors.importRow.label.{{at}}): {{value}}, {{min}}–{{max}} yılları dışında',
    datesBackwards: 'date_to {{to}}, date_from {{from}} tarihinden önce',
    rangeBackwards: '$t(errors.importRow.label.{{at}}): bitiş (to) {{to}}, başlangıç (from) {{from}} tarihinden önce',
    datesTwice: 'ya date_from/date_to ya da date_ranges verin, ikisini birden değil',
    notARange: '$t(errors.importRow.label.{{at}}): {{value}}, 15.06.2025-20.06.2025 gibi bir tarih aralığı değil',
    rangeNotObject: '{{field}} {{item}}. öğe, from ve to içeren bir aralık değil ({{value}} verilmiş)',
    rangeEndMissing: '{{field}} {{item}}. öğe: {{end}} eksik',
    rangesEmpty: 'date_ranges boş',
    rangesNotList: 'date_ranges bir aralık listesi olmalı ({{value}} verilmiş)',
    notACode: '$t(errors.importRow.label.{{at}}) bir kod olmalı ({{value}} verilmiş)',
    codesNotList: '{{field}} bir kod listesi ya da metin olmalı ({{value}} verilmiş)',
    codeTooLong: '{{field}}: {{value}} kodu {{max}} karakterden uzun',
    codesDisagree:
      '{{plural}} {{pluralValue}} ile {{singular}} {{singularValue}} birbirini tutmuyor; yalnızca birini bırakın',
    isCloseInvalid: 'is_close true ya da false olmalı ({{value}} verilmiş)',
    marketsNotList: 'markets bir pazar numarası listesi olmalı ({{value}} verilmiş)',
    notAMarket: 'markets: {{value}} bir pazar numarası değil (0’dan büyük bir tam sayı olmalı)',
    notADateTime: 'received_at {{value}}, 2025-04-10T09:12:00+03:00 gibi bir tarih-saat değil',
    notARecord: 'kayıt, stop sale alanları içeren bir nesne değil ({{value}} verilmiş)',
    notARecordList: 'kayıt, stop sale alanları içeren bir nesne değil (bir liste verilmiş)',
    fieldTwice: '{{field}} iki kez verilmiş ({{first}} ve {{second}} olarak)',
    cellCount:
      'satırda {{cells}} hücre var ama başlıkta {{columns}} sütun var; fazla ya da eksik bir $t(errors.importRow.separator.{{separator}}) ayırıcısı ya da tırnak (") olup olmadığına bakın',
  },
  reservationRow: {
    field: {
      voucherNo: 'Voucher numarası',
      hotelName: 'Otel adı',
      checkIn: 'Giriş tarihi',
      checkOut: 'Çıkış tarihi',
      roomCode: 'Oda tipi',
      boardCode: 'Pansiyon tipi',
      adults: 'Yetişkin sayısı',
      children: 'Çocuk sayısı',
      currency: 'Para birimi',
      saleDate: 'Satış tarihi',
    },
    guestField: {
      title: 'unvan',
      firstName: 'ad',
      lastName: 'soyad',
      passportNo: 'pasaport numarası',
      nationality: 'uyruk',
    },
    value: { plain: '{{value}}', list: 'bir liste', object: 'bir nesne' },
    adults_one: '{{count}} yetişkin',
    adults_other: '{{count}} yetişkin',
    children_one: '{{count}} çocuk',
    children_other: '{{count}} çocuk',
    missing: '$t(errors.reservationRow.field.{{field}}) eksik.',
    notText:
      '$t(errors.reservationRow.field.{{field}}) metin olmalı; $t(errors.reservationRow.value.{{kind}}) verilmiş.',
    tooLong: '$t(errors.reservationRow.field.{{field}}) {{max}} karakterden uzun.',
    notACount:
      '$t(errors.reservationRow.field.{{field}}) {{min}} ile {{max}} arasında bir tam sayı olmalı ($t(errors.reservationRow.value.{{kind}}) verilmiş).',
    notADate:
      '$t(errors.reservationRow.field.{{field}}): $t(errors.reservationRow.value.{{kind}}) geçerli bir tarih değil (2025-01-15 ya da 15.01.2025 biçiminde yazın).',
    notAHotelId: 'Otel numarası $t(errors.reservationRow.value.{{kind}}) bir Sedna otel numarası değil.',
    checkOutNotAfter: 'Çıkış tarihi {{checkOut}}, giriş tarihi {{checkIn}} sonrasında değil.',
    stayTooLong: '{{checkIn}} – {{checkOut}} konaklaması bir yıldan uzun.',
    outsideYears: '{{date}}, {{min}}–{{max}} yılları dışında.',
    notAnAmount: 'Toplam fiyat $t(errors.reservationRow.value.{{kind}}) bir tutar değil.',
    notACurrency: 'Para birimi "{{value}}", EUR gibi üç harfli bir kod değil.',
    sourceNotText: 'Kaynak e-posta numarası metin ya da sayı olmalı.',
    tooManyGuests:
      '$t(errors.reservationRow.adults, {"count": {{adults}} }) ve $t(errors.reservationRow.children, {"count": {{children}} }) için {{guests}} misafir yazılmış.',
    noGuests: 'Hiç misafir yazılmamış (adı ve soyadı olan en az bir misafir gerekli).',
    guestsNotList: 'Misafirler bir liste olmalı; $t(errors.reservationRow.value.{{kind}}) verilmiş.',
    guestNotObject: '{{guest}}. misafir bir nesne değil ($t(errors.reservationRow.value.{{kind}})).',
    guestFieldNotText:
      '{{guest}}. misafir: $t(errors.reservationRow.guestField.{{field}}) metin olmalı; $t(errors.reservationRow.value.{{kind}}) verilmiş.',
    guestFieldTooLong: '{{guest}}. misafir: $t(errors.reservationRow.guestField.{{field}}) {{max}} karakterden uzun.',
    guestNoFirstName: '{{guest}}. misafirin adı yok.',
    guestNoLastName: '{{guest}}. misafirin soyadı yok.',
    guestBirthNotDate:
      '{{guest}}. misafir: doğum tarihi $t(errors.reservationRow.value.{{kind}}) geçerli bir tarih değil.',
    guestBornAfterCheckIn: '{{guest}}. misafir: doğum tarihi {{birthDate}}, giriş tarihinden sonra.',
    guestUnknownTitle:
      '{{guest}}. misafir: "{{title}}" unvanını Sedna tanımıyor (Mr, Mrs, Ms, Miss, Chd, Inf olabilir).',
    guestNoAdultTitle: '{{guest}}. misafirin unvanı yok (Mr ya da Mrs).',
    guestNoTitle:
      '{{guest}}. misafirin unvanı yok (Mr, Mrs ya da çocuk için Chd/Inf; doğum tarihi de çocuk olduğunu gösterir).',
    notARecord: '{{record}}. kayıt bir nesne değil ($t(errors.reservationRow.value.{{kind}})).',
  },
  import: {
    status: { committed: 'içe aktarılmış', discarded: 'vazgeçilmiş' },
    notFound: '{{importId}} numaralı içe aktarma yok.',
    reservationsNotFound: '{{importId}} numaralı rezervasyon içe aktarması yok.',
    alreadyDone: '{{file}} dosyasının {{importId}} numaralı içe aktarması zaten $t(errors.import.status.{{status}}).',
    previewGone:
      '{{file}} önizlemesi artık açık değil (uygulama kapatıldı ya da yeni önizlemeler onun yerini aldı). Dosyayı yeniden önizleyin.',
    duplicateOf: 'Zaten {{id}} numaralı stop sale olarak alınmış.',
    sameAsEarlierRow: 'Bu dosyanın önceki bir satırıyla aynı.',
  },
  reservationImport: {
    duplicateOf: 'Zaten {{id}} numaralı rezervasyon olarak alınmış (voucher {{voucher}}).',
    duplicateOfEmail: 'Zaten {{id}} numaralı rezervasyon olarak alınmış (voucher {{voucher}}, e-posta {{email}}).',
    sameAsRow: 'Bu dosyanın {{row}}. satırıyla aynı voucher ve kaynak e-posta.',
    duplicateMeanwhile: 'Bu arada {{id}} numaralı rezervasyon olarak alınmış.',
    differs: {
      hotel: 'Bunun oteli farklı.',
      dates: 'Bunun tarihleri farklı.',
      room: 'Bunun oda tipi farklı.',
      board: 'Bunun pansiyon tipi farklı.',
      pax: 'Bunun kişi sayısı farklı.',
      guests: 'Bunun misafirleri farklı.',
      price: 'Bunun fiyatı farklı.',
    },
    keptStored: 'Kayıtlı olan korunuyor.',
    keptEarlier: 'Önceki satır korunuyor.',
    sameVoucherStored:
      '{{voucher}} voucher’ı {{email}} e-postasından {{id}} numaralı rezervasyon olarak zaten alınmış: göndermeden önce aynı rezervasyon olmadığını kontrol edin.',
    sameVoucherStoredElsewhere:
      '{{voucher}} voucher’ı başka bir kaynaktan {{id}} numaralı rezervasyon olarak zaten alınmış: göndermeden önce aynı rezervasyon olmadığını kontrol edin.',
    sameVoucherInFile:
      '{{voucher}} voucher’ı {{row}}. satırda başka bir e-postadan da geliyor: göndermeden önce aynı rezervasyon olmadığını kontrol edin.',
  },
  resolution: {
    needsMapping_one: 'Gönderilmeden önce eşleştirilmesi gerekiyor: $t(errors.resolution.unknown.{{kind}}).',
    needsMapping_other:
      'Gönderilmeden önce eşleştirilmesi gerekiyor: $t(errors.resolution.unknown.{{kind}}), ayrıca {{more}} eksik daha var (ayrıntıya bakın).',
    unknown: {
      hotel: '"{{name}}" oteli Sedna’da tanınmıyor',
      hotelClosest: '"{{name}}" oteli Sedna’da tanınmıyor (en yakını: {{closest}})',
      room: '"{{code}}" oda kodu {{hotelId}} numaralı otelde tanınmıyor',
      board: '"{{code}}" pansiyon kodu tanınmıyor',
      hotelRooms: '{{hotelId}} numaralı otelin hiçbir oda tipi henüz bilinmiyor (tanım verilerini yenileyin)',
      boards: 'hiçbir pansiyon tipi henüz bilinmiyor (tanım verilerini yenileyin)',
      nationality: '"{{value}}" uyruğu Sedna’daki ülkelerden biri değil',
      countries: 'henüz hiçbir uyruk (ülke) bilinmiyor (tanım verilerini yenileyin)',
    },
    noAccount:
      'Tanımlı bir Sedna hesabı yok: bu kaydın neye karşılık geldiğini görmek için Ayarlar’dan bir hesap ekleyin.',
    notResolved: 'Henüz eşleştirilmedi.',
  },
  mapping: {
    noAccount: 'Tanımlı bir Sedna hesabı yok: önce Ayarlar’dan bir hesap ekleyin, sonra eşleştirin.',
    nothingToRemember: '"{{value}}" içinde hatırlanacak bir harf ya da rakam yok.',
    hotelNotInList:
      '{{hotelId}} numaralı otel, "{{account}}" Sedna hesabının otel listesinde yok. Listeden bir otel seçin; Sedna’ya yeni eklendiyse tanım verilerini yenileyin.',
    roomNotOfHotel:
      '{{roomTypeId}} numaralı oda tipi, "{{account}}" Sedna hesabında {{hotel}} ({{hotelId}} numaralı otel) için tanımlı değil. Listeden birini seçin; Sedna’ya yeni eklendiyse tanım verilerini yenileyin.',
    boardNotInList:
      '{{boardId}} numaralı pansiyon tipi, "{{account}}" Sedna hesabının pansiyon listesinde yok. Listeden birini seçin; Sedna’ya yeni eklendiyse tanım verilerini yenileyin.',
    countryNotInList:
      '{{countryId}} numaralı ülke, "{{account}}" Sedna hesabının ülke listesinde yok. Listeden birini seçin; Sedna’ya yeni eklendiyse tanım verilerini yenileyin.',
    notTheRecordsCode: '{{code}} bu kaydın kodlarından biri değil ({{codes}}).',
    notTheRecordsNationality: '{{value}}, bu rezervasyondaki misafirlerin uyruklarından biri değil.',
    hotelFirst: 'Bu kaydın oteli Sedna’da henüz tanınmıyor: önce oteli, sonra oda kodlarını eşleştirin.',
    nationalityOfStopSale: 'Stop sale’in misafiri yoktur: uyruklar bir rezervasyondan eşleştirilir.',
  },
  record: {
    stopSaleNotFound: '{{id}} numaralı stop sale yok (silinmiş olabilir).',
    reservationNotFound: '{{id}} numaralı rezervasyon yok (silinmiş olabilir).',
    stored: '{{text}}',
  },
  detail: {
    accountGone: 'Bu kaydın Sedna hesabı artık yok.',
    noOperatorCode: '"{{account}}" Sedna hesabında operatör kodu yok (örneğin 7STAR). Ayarlar’dan girin.',
    operatorIdUnknown:
      '"{{account}}" hesabının operatör numarası Sedna’ya ilk girişte öğrenilir: Ayarlar’da “Bağlantıyı sına”ya basın.',
    guestDataRemoved: 'Misafirlerin kişisel bilgileri silindi; bu yüzden gösterilecek bir istek yok.',
    recIdPending: '2. aşama, Sedna’nın 1. aşamada verdiği RecId ile gönderilir.',
  },
  connection: {
    connected: 'Bağlantı kuruldu. Sedna’ya göre bu hesap {{operatorId}} numaralı operatör.',
    connectedChanged:
      'Bağlantı kuruldu. Sedna’ya göre bu hesap {{operatorId}} numaralı operatör (önceden {{previous}}).',
  },
  account: {
    recordsInFlight_one:
      '“{{name}}” hesabıyla Sedna’ya gönderilmekte olan {{count}} kayıt var. Bu kayıt yalnızca bu hesapla tamamlanabilir: gönderilmesini bekleyin (Kuyruk’a bakın), sonra hesabı silin.',
    recordsInFlight_other:
      '“{{name}}” hesabıyla Sedna’ya gönderilmekte olan {{count}} kayıt var. Bu kayıtlar yalnızca bu hesapla tamamlanabilir: gönderilmelerini bekleyin (Kuyruk’a bakın), sonra hesabı silin.',
    notFound: '{{id}} numaralı Sedna hesabı yok.',
    demoReadOnly: 'Deneme hesabı değiştirilemez.',
    passwordRequired: 'Yeni hesap için Sedna şifresini girin.',
    badAddress:
      '{{address}} bir Sedna adresi değil: https://test.kodsedna.com/SednaAgencyb2bApi gibi yazın (http:// ya da https:// ile başlamalı, içinde kullanıcı adı ya da şifre olmamalı).',
  },
  reference: {
    refreshFailed: 'Tanım verileri alınamadı: {{detail}}',
  },
  // ---- the outbox: sending to Sedna exactly once, its queue and the sync summary ---------------------
  outbox: {
    crashed: 'Beklenmeyen bir hata nedeniyle durduruldu; yeniden denenecek.',
    databaseFailed: 'Veritabanına yazılamadığı için durduruldu; yeniden denenecek.',
    unexpected: 'Beklenmeyen hata: {{detail}}',
    willLook: '$t(errors.{{failure}}) (Sonucu belli değil: yeniden göndermeden önce Sedna’da var mı diye bakılacak.)',
    recIdTaken:
      'Sedna’daki {{recId}} numaralı kayıt az önce bu uygulamadaki başka bir satış durdurmaya bağlandı; Sedna’ya yeniden bakılacak.',
    attempt: {
      created: 'RecId {{recId}} olarak oluşturuldu',
      saved: 'Odalar, operatör, pansiyonlar ve pazarlar RecId {{recId}} kaydına işlendi',
      reservationCreated: 'Sedna’da RecId {{recId}} olarak oluşturuldu',
      cancelled: 'Sedna’da iptal edildi (SourceId {{sourceId}})',
      cancelledLocally: 'Sedna’ya hiç gönderilmeden iptal edildi: orada iptal edilecek bir şey yok.',
      found: 'Sedna’da RecId {{recId}} olarak bulundu: bu kayıt benimsendi, yeniden gönderilmedi',
      absent: 'Sedna’da yok: gönderilmesinde sakınca yok',
      reservationAdopted:
        'Sedna’da zaten RecId {{recId}} olarak var (aynı rezervasyon: {{voucher}} voucher’ı; otel, tarihler, oda, pansiyon ve kişi sayısı aynı): bu kayıt benimsendi, yeniden rezervasyon yapılmadı',
      adopted:
        'Sedna’da zaten RecId {{recId}} olarak var ({{recordUser}} girmiş, bildirim tarihi {{declareDate}}): bu kayıt benimsendi, hiçbir şey yazılmadı',
      reopenedSince:
        'Sedna’da aynı durdurma ({{ids}}) daha önceki bir tarihle var, ancak o zamandan beri bu gecelerin bir kısmında satış açılmış: yeniden gönderildi',
      overlaps:
        'Sedna’da birebir yok; Sedna’daki {{ids}} numaralı kayıt(lar) bu gecelerin bir kısmını zaten kapsıyor ({{from}} – {{to}})',
      shownCancelled: 'Sedna’da iptal edilmiş görünüyor',
      notShownCancelled: 'Sedna’da iptal edilmiş görünmüyor',
    },
    cancel: {
      already: '#{{id}} numaralı rezervasyon zaten iptal edilmişti.',
      local: 'İptal edildi. Sedna’ya hiç gönderilmemişti, bu yüzden Sedna’da bir şey iptal edilmedi.',
      done: 'Sedna’da iptal edildi (RecId {{recId}}, SourceId {{sourceId}}).',
      notCancelled: 'İptal edilmedi (durum: {{status}}).',
      checkFirst:
        '#{{id}} numaralı rezervasyon (voucher {{voucher}}) Sedna’da olabilir de olmayabilir de: önce Sedna’dan kontrol edin (ayrıntısına bakın).',
      beingSent:
        '#{{id}} numaralı rezervasyon (voucher {{voucher}}) şu anda Sedna’ya gönderiliyor; eşitlendikten sonra iptal edin.',
    },
    sendAnyway: {
      notAsked:
        '#{{id}} numaralı rezervasyon (voucher {{voucher}}) Sedna’daki sürümle ilgili bir karar beklemiyor; hiçbir şey değiştirilmedi.',
    },
  },
  park: {
    noAccount: 'Tanımlı bir Sedna hesabı yok. Ayarlar’dan bir hesap ekleyin (ya da demo sunucusunu deneyin).',
    accountDeleted: 'Gönderildiği Sedna hesabı silinmiş. Sedna’da kontrol edin, gerekirse hesabı yeniden oluşturun.',
    noOperatorCode: '"{{account}}" Sedna hesabının operatör kodu yok (ör. 7STAR). Ayarlar’dan girin.',
    cancelAccountGone: 'Bu rezervasyonun gönderildiği Sedna hesabı artık yok: iptali doğrudan Sedna’dan yapın.',
    failedWithRecord:
      '$t(errors.{{failure}}) Kayıt Sedna’da RecId {{recId}} olarak duruyor; yeniden gönderildiğinde tamamlanır.',
    cancelledInSedna:
      'Sedna bu rezervasyonu (RecId {{recId}}, SourceId {{sourceId}}) iptal edilmiş olarak gösteriyor; yeniden göndermeden önce Sedna’dan kontrol edin.',
    cancelRefused:
      'Sedna iptali kabul etmedi: $t(errors.{{failure}}) Rezervasyon Sedna’da RecId {{recId}} olarak hâlâ kayıtlı.',
  },
  lookup: {
    stopSaleNoDeclareDate_one:
      'Sedna bu geceler için {{ids}} numaralı kaydı DeclareDate olmadan listeliyor; bu satış durdurma olup olmadığı anlaşılamıyor.',
    stopSaleNoDeclareDate_other:
      'Sedna bu geceler için {{ids}} numaralı kayıtları DeclareDate olmadan listeliyor; hangisinin bu satış durdurma olduğu anlaşılamıyor.',
    stopSaleSeveral:
      'Sedna’da bu satış durdurmayla birebir eşleşen birden çok kayıt var ({{ids}}); birini bırakın ve uygulamaya hangisi olduğunu bildirin.',
    stopSaleUnreadable_one:
      'Sedna bu geceler için uygulamanın okuyamadığı (kayıt numarası olmayan) bir satış durdurma listeledi; bu satış durdurma olup olmadığı anlaşılamıyor. Sedna’dan kontrol edin.',
    stopSaleUnreadable_other:
      'Sedna bu geceler için uygulamanın okuyamadığı (kayıt numarası olmayan) {{count}} satış durdurma listeledi; hangisinin bu satış durdurma olduğu anlaşılamıyor. Sedna’dan kontrol edin.',
    stopSaleUnclear_one:
      'Sedna bu geceler için {{ids}} numaralı kaydı listeliyor, ancak türünü, operatörünü, odalarını ya da pansiyonlarını tam vermediği için bu satış durdurma olup olmadığı anlaşılamıyor.',
    stopSaleUnclear_other:
      'Sedna bu geceler için {{ids}} numaralı kayıtları listeliyor, ancak türlerini, operatörlerini, odalarını ya da pansiyonlarını tam vermediği için hangisinin bu satış durdurma olduğu anlaşılamıyor.',
    reservationNoSourceId_one:
      'Sedna {{voucher}} voucher’ı için {{ids}} numaralı rezervasyonu SourceId olmadan listeliyor; bu rezervasyon (SourceId {{sourceId}}) olup olmadığı anlaşılamıyor.',
    reservationNoSourceId_other:
      'Sedna {{voucher}} voucher’ı için {{ids}} numaralı rezervasyonları SourceId olmadan listeliyor; hangisinin bu rezervasyon (SourceId {{sourceId}}) olduğu anlaşılamıyor.',
    reservationNoRecId:
      'Sedna’da {{voucher}} voucher’ı için SourceId’si {{sourceId}} olan bir rezervasyon var, ancak yanıtta kayıt numarası yok.',
    reservationLinked:
      'Sedna’daki SourceId’si {{sourceId}} olan rezervasyon bu uygulamadaki başka bir rezervasyona zaten bağlı.',
    reservationSeveral:
      'Sedna’da bu rezervasyonun SourceId’siyle ({{sourceId}}, voucher {{voucher}}) birden çok rezervasyon var: {{ids}}; birini bırakın ve uygulamaya hangisi olduğunu bildirin.',
    reservationInSednaCancelled:
      'Sedna’da {{voucher}} voucher’ı iptal edilmiş olarak zaten var (RecId {{ids}}). Detayda iki sürümü karşılaştırın; sonra bizimkini yine de gönderin ya da burada iptal edin.',
    reservationInSednaDiffers:
      'Sedna’da {{voucher}} voucher’ı zaten var (RecId {{ids}}), ancak bu rezervasyonla aynı değil. Detayda iki sürümü karşılaştırın; sonra bizimkini yine de gönderin ya da burada iptal edin.',
    reservationInSednaLinked:
      'Sedna’daki {{ids}} numaralı rezervasyon ({{voucher}} voucher’ı) bununla aynı ve bu uygulamadaki başka bir rezervasyona zaten bağlı: bu, ikinci bir kopya gibi görünüyor. Burada iptal edin ya da yine de gönderin.',
    reservationInSednaSeveral:
      'Sedna’da aynı rezervasyon ({{voucher}} voucher’ı) birden çok kez var: RecId {{ids}}. Sedna’da birini bırakın, bunu da burada iptal edin.',
    reservationInSednaNoRecId:
      'Sedna bu rezervasyonun aynısını ({{voucher}} voucher’ı) kayıt numarası olmadan listeliyor, bu yüzden bağlanamıyor. Sedna’da kontrol edin; oradaysa bunu burada iptal edin.',
    reservationSameHere:
      'Aynı rezervasyon ({{voucher}} voucher’ı; otel, tarihler, oda, pansiyon ve kişi sayısı aynı) bu uygulamada zaten #{{id}} numaralı rezervasyon olarak var: bu, ikinci bir kopya gibi görünüyor. Burada iptal edin ya da yine de gönderin.',
  },
  queue: {
    why: {
      sending: 'Şu anda gönderiliyor.',
      sendingElsewhere: 'Başka bir işlem tarafından gönderiliyor (pid {{pid}}).',
      waitingForSedna: 'Sedna’ya ulaşılamıyor; Sedna yeniden yanıt verdiğinde kendiliğinden gönderilecek.',
      retryLater: 'Bir sonraki deneme: {{at}}.',
      due: 'Sırada: eşitleme sırası ona geldiğinde gönderilecek.',
      cancelWaitingForSedna:
        'Sedna’ya ulaşılamıyor; iptal isteği Sedna yeniden yanıt verdiğinde kendiliğinden gönderilecek.',
      cancelRetryLater: 'İptal isteği yeniden denenecek. Bir sonraki deneme: {{at}}.',
    },
  },
  mirror: {
    never: 'Sedna’daki stop sale’ler henüz okunmadı.',
    age: {
      justNow: 'Sedna’daki stop sale’ler az önce okundu ({{at}}).',
      minutes_one: 'Sedna’daki stop sale’ler {{count}} dakika önce okundu ({{at}}).',
      minutes_other: 'Sedna’daki stop sale’ler {{count}} dakika önce okundu ({{at}}).',
      hours_one: 'Sedna’daki stop sale’ler {{count}} saat önce okundu ({{at}}).',
      hours_other: 'Sedna’daki stop sale’ler {{count}} saat önce okundu ({{at}}).',
      days_one: 'Sedna’daki stop sale’ler {{count}} gün önce okundu ({{at}}).',
      days_other: 'Sedna’daki stop sale’ler {{count}} gün önce okundu ({{at}}).',
    },
    pullFailed: 'Sedna’daki stop sale’ler okunamadı: $t(errors.{{failure}}) Daha önce okunanlar korunuyor.',
    progress: 'Sedna’daki stop sale’ler okunuyor: {{total}} ayın {{done}} ayı tamam, şu ana kadar {{received}} kayıt.',
    pulledFull:
      'Sedna’daki {{from}} – {{to}} geceleri için tüm stop sale’ler okundu: {{received}} kayıt geldi, {{changed}} yeni ya da değişmiş, {{gone}} Sedna’da silinmiş; uygulamadaki kopyada {{records}} kayıt var ({{seconds}} sn).',
    pulledChanges:
      'Sedna’da {{since}} tarihinden bu yana değişenler okundu: {{received}} kayıt geldi, {{changed}} yeni ya da değişmiş; uygulamadaki kopyada {{records}} kayıt var ({{seconds}} sn).',
    skipped_one: 'Sedna’nın yanıtındaki {{count}} kayıt okunamadı (RecId ya da tarih yok), dışarıda bırakıldı.',
    skipped_other: 'Sedna’nın yanıtındaki {{count}} kayıt okunamadı (RecId ya da tarih yok), dışarıda bırakıldı.',
    goneNotChecked: 'Bu yüzden bu sefer hiçbir kayıt Sedna’da silinmiş sayılmadı.',
    closing: 'Uygulama kapanıyor: Sedna’dan artık okuma yapılmıyor.',
  },
  drift: {
    flaggedChanged:
      'Sedna okunduğunda oradaki kopyasının (RecId {{recId}}) değiştirildiği görüldü: ayrıntıda iki sürümü karşılaştırıp hangisinin kalacağını seçin.',
    flaggedMissing:
      'Sedna okunduğunda RecId {{recId}} artık bulunamadı: kayıt orada silinmiş. Sedna’da hâlâ olması gerekiyorsa ayrıntıdan yeniden gönderin.',
    inLineAgain: 'Sedna’daki kopyası (RecId {{recId}}) yeniden bu kayıtla aynı.',
    accepted:
      'Sedna’daki sürüm alındı (RecId {{recId}}): $t(errors.drift.kind.{{kind}}), geceler {{from}} – {{to}}, $t(errors.drift.rooms.{{roomScope}}), $t(errors.drift.boards.{{boardScope}}).',
    kind: { close: 'satış durdurma', open: 'satışa açma' },
    rooms: { all: 'tüm odalar', some: 'odalar {{rooms}}' },
    boards: { all: 'tüm pansiyonlar', some: 'pansiyonlar {{boards}}' },
    resendQueued:
      'Bizdeki sürüm RecId {{recId}} üzerine yeniden gönderilecek (2. aşama) ve Sedna’da değiştirilen sürümün yerine geçecek: bir kullanıcının seçimi.',
    recreateQueued: 'Sedna’da yeniden oluşturulacak (RecId {{recId}} orada silinmişti): bir kullanıcı onayladı.',
    confirmNeeded:
      '{{id}} numaralı stop sale artık Sedna’da yok (RecId {{recId}} orada silinmiş). Yeniden göndermek Sedna’da yeni bir kayıt oluşturur: önce bunu onaylayın. Hiçbir şey değiştirilmedi.',
    notChanged:
      '{{id}} numaralı stop sale Sedna’da değişmiş olarak işaretli değil; kabul edilecek bir Sedna sürümü yok. Hiçbir şey değiştirilmedi.',
    notDrifted:
      '{{id}} numaralı stop sale ne Sedna’da değiştirilmiş ne de orada silinmiş; yeniden gönderilecek bir şey yok. Hiçbir şey değiştirilmedi.',
    noSednaCopy:
      '{{id}} numaralı stop sale’in Sedna’daki kopyası (RecId {{recId}}) okunmamış ya da artık orada değil: önce Sedna’yı yeniden okuyun. Hiçbir şey değiştirilmedi.',
    unknownRooms:
      '{{id}} numaralı stop sale’in Sedna’daki sürümünde, uygulamanın bu otelde tanımadığı oda tipleri var ({{ids}}): Ayarlar’dan referans verilerini yenileyip tekrar deneyin. Hiçbir şey değiştirilmedi.',
    unknownBoards:
      '{{id}} numaralı stop sale’in Sedna’daki sürümünde, uygulamanın tanımadığı pansiyon tipleri var ({{ids}}): Ayarlar’dan referans verilerini yenileyip tekrar deneyin. Hiçbir şey değiştirilmedi.',
    reconciledRead: 'Sedna’daki tüm stop sale’ler okundu: {{pulled}} kayıt geldi.',
    reconciledNone: 'Buradan gönderilen tüm stop sale’ler Sedna’daki kopyalarıyla aynı.',
    reconciledChanged_one: '{{count}} stop sale Sedna’da değiştirilmiş:',
    reconciledChanged_other: '{{count}} stop sale Sedna’da değiştirilmiş:',
    reconciledMissing_one: '{{count}} stop sale artık Sedna’da yok:',
    reconciledMissing_other: '{{count}} stop sale artık Sedna’da yok:',
    reconciledAdopted_one:
      'Bu hesabın {{count}} stop sale’i ilk gönderilmeden önce Sedna’da zaten bulundu (o kayda bağlandı, hiçbir şey yazılmadı).',
    reconciledAdopted_other:
      'Bu hesabın {{count}} stop sale’i ilk gönderilmeden önce Sedna’da zaten bulundu (o kayıtlara bağlandı, hiçbir şey yazılmadı).',
  },
  preview: {
    statusName: {
      pending: 'bekliyor',
      queued: 'kuyrukta',
      creating: 'Sedna’da oluşturuluyor',
      created: 'Sedna’da oluşturuldu, odaları ve pansiyonları henüz gönderilmedi',
      updating: 'odaları ve pansiyonları gönderiliyor',
      synced: 'zaten senkronize edildi',
      changed_in_sedna: 'Sedna’da değişti',
      missing_in_sedna: 'artık Sedna’da yok',
      needs_attention: 'ilgilenilmesi gerekiyor',
      needs_review: 'inceleme gerekiyor',
      failed: 'başarısız',
    },
    unknownIds_one: '#{{ids}} numaralı satış durdurma yok: önizleme yapılmadı.',
    unknownIds_other: '{{ids}} numaralı satış durdurmalar yok: önizleme yapılmadı.',
    notSendable:
      'Senkronizasyon bu kaydı bu haliyle göndermez (durumu: $t(errors.preview.statusName.{{status}})). Kaydın ayrıntısında ne yapılabileceği yazıyor.',
    mirrorOnly_one:
      "{{hotels}} için Sedna şu an okunamadı: bu otel için Sedna'daki satış durdurmaların uygulamadaki son kopyası kullanıldı ($t(errors.{{failure}})). Güncel olmayabilir.",
    mirrorOnly_other:
      "{{count}} otel için Sedna şu an okunamadı ({{hotels}}): bu oteller için Sedna'daki satış durdurmaların uygulamadaki son kopyası kullanıldı ($t(errors.{{failure}})). Güncel olmayabilir.",
    stale_one:
      'Önizlemeden sonra {{count}} kayıt değişti (ya da silindi): hiçbir şey gönderilmedi. Önizlemeyi yenileyip öyle gönderin.',
    stale_other:
      'Önizlemeden sonra {{count}} kayıt değişti (ya da silindi): hiçbir şey gönderilmedi. Önizlemeyi yenileyip öyle gönderin.',
    nothing: 'Önizlemede ne satış durdurma ne de rezervasyon var: gönderilecek bir şey yok.',
  },
  calendar: {
    noAccount:
      'Henüz bir Sedna hesabı tanımlanmamış, bu yüzden gösterilecek bir takvim yok. Ayarlar’dan bir hesap ekleyin.',
    unknownHotel:
      '{{hotelId}} numaralı otel bu Sedna hesabının bilinen otelleri arasında yok. Ayarlar’dan referans verilerini yenileyin ya da başka bir otel seçin.',
    tooManyNights: 'Takvimde bir seferde en fazla {{max}} gece gösterilebilir: daha kısa bir dönem seçin.',
    badDate: '{{date}} geçerli bir tarih değil: dönemi yeniden seçin.',
  },
  updates: {
    unsupported:
      'Güncellemeleri yalnızca kurulu uygulama yükler; geliştirme sırasında veya komut satırından yüklenmez.',
    noFolder:
      'Güncelleme klasörü ayarlanmamış. Acentenizin yeni sürümleri yayımladığı adresi girin, sonra yeniden kontrol edin.',
    nothingToDownload: 'İndirilecek daha yeni bir sürüm yok: önce güncellemeleri kontrol edin.',
    checkFailed:
      'Güncelleme klasörü {{url}} okunamadı ({{detail}}). Adresi ve bu bilgisayarın oraya ulaşabildiğini kontrol edin.',
    downloadFailed: '{{version}} sürümü indirilemedi ({{detail}}). Hiçbir şey yüklenmedi; yeniden deneyin.',
  },
  tray: {
    waiting_one: 'Sedna’ya gönderilmeyi bekleyen {{count}} kayıt var.',
    waiting_other: 'Sedna’ya gönderilmeyi bekleyen {{count}} kayıt var.',
    sending_one: 'Sedna’ya gönderiliyor… ({{count}} kayıt bekliyor)',
    sending_other: 'Sedna’ya gönderiliyor… ({{count}} kayıt bekliyor)',
    notSent_one: 'Hepsi gönderildi. İçe aktarılan {{count}} kayıt henüz gönderilmedi.',
    notSent_other: 'Hepsi gönderildi. İçe aktarılan {{count}} kayıt henüz gönderilmedi.',
    allSent: 'Her şey Sedna’ya gönderildi.',
    sedna: {
      online: 'Sedna yanıt veriyor.',
      offline: 'Sedna yanıt vermiyor: yanıt verdiğinde gönderim kendiliğinden sürer.',
      credentialsRejected: 'Sedna kullanıcı adını veya şifreyi kabul etmedi: Ayarlar’dan kontrol edin.',
      checking: 'Sedna’ya ulaşılıp ulaşılamadığı kontrol ediliyor…',
    },
    menu: {
      open: 'Sedna Stop Sales’i aç',
      syncAll_one: 'Bekleyenlerin hepsini gönder ({{count}})',
      syncAll_other: 'Bekleyenlerin hepsini gönder ({{count}})',
      quit: 'Çıkış',
    },
    close: {
      title: 'Sedna’ya göndermeye devam edilsin mi?',
      waiting_one:
        'Gönderilmeyi bekleyen {{count}} kayıt var. Arka planda uygulama, sistem tepsisindeki simgesiyle göndermeye devam eder; çıkarsanız uygulama bir dahaki açılışta gönderir.',
      waiting_other:
        'Gönderilmeyi bekleyen {{count}} kayıt var. Arka planda uygulama, sistem tepsisindeki simgesiyle göndermeye devam eder; çıkarsanız uygulama bir dahaki açılışta gönderir.',
      sending:
        'Şu anda gönderim yapılıyor. Arka planda uygulama, sistem tepsisindeki simgesiyle gönderimi tamamlar; çıkarsanız gönderilemeyenler bir dahaki açılışta gönderilir.',
      background: 'Arka planda göndermeye devam et',
      quit: 'Çıkış',
      remember: 'Seçimimi hatırla (Ayarlar’dan değiştirebilirsiniz)',
    },
    syncFinished: {
      title: 'Sedna gönderimi bitti',
      body: '{{synced}} gönderildi, {{parked}} kontrol bekliyor, {{retrying}} yeniden denenecek.',
    },
    quit: {
      finishing:
        'Çıkılıyor: süren isteklerin tamamlanması için en fazla {{seconds}} sn beklenir; o zamana kadar gönderilemeyenler (şu anda {{count}} kayıt) kuyrukta kalır ve uygulama bir dahaki açılışta gönderir.',
      leftQueued_one: '{{count}} kayıt kuyrukta kalır ve uygulama bir dahaki açılışta gönderir.',
      leftQueued_other: '{{count}} kayıt kuyrukta kalır ve uygulama bir dahaki açılışta gönderir.',
    },
  },
  sednaFailure: {
    loginAgain: 'Sedna, {{action}} için yeniden oturum açılmasını istedi (HTTP 401).',
    noSuchCall:
      '{{address}} adresindeki Sedna’da {{action}} yok (HTTP 404). Adres büyük olasılıkla yanlış: genellikle /SednaAgencyb2bApi ile biter.',
    methodNotAllowed: 'Sedna, {{action}} için bu tür isteği kabul etmiyor (HTTP 405).',
    busy: 'Sedna şu anda yoğun (HTTP {{status}}).',
    busyWait: 'Sedna şu anda yoğun (HTTP {{status}}). $t(errors.sednaFailure.wait.{{unit}}) beklenmesini istedi.',
    wait: {
      s: '{{amount}} sn',
      min: '{{amount}} dk',
      h: '{{amount}} saat',
      days: '{{amount}} gün',
      year: 'bir yıldan uzun süre',
    },
    gaveUp: 'Sedna isteği beklemekten vazgeçti (HTTP 408).',
    serverError: 'Sedna’da bir iç hata oluştu (HTTP {{status}}).',
    serverErrorSaying: 'Sedna’da bir iç hata oluştu (HTTP {{status}}): {{detail}}.',
    refusedHttp: 'Sedna {{action}} isteğini kabul etmedi (HTTP {{status}}).',
    refusedHttpSaying: 'Sedna {{action}} isteğini kabul etmedi (HTTP {{status}}): {{detail}}.',
    cutOff: 'Sedna’nın {{action}} yanıtı yarıda kesildi (HTTP {{status}}, {{reason}}).',
    cutOffShort: 'Sedna’nın {{action}} yanıtı yarıda kesildi.',
    connectTimeout: '{{host}} adresindeki Sedna bağlantıyı zamanında kabul etmedi.',
    noAnswer: '{{host}} adresindeki Sedna, {{action}} isteğine zamanında yanıt vermedi.',
    connectionRefused:
      '{{host}} adresindeki Sedna’ya ulaşılamadı (bağlantı reddedildi). Adresi ve sunucunun çalıştığını kontrol edin.',
    hostNotFound: 'Sedna adresi {{host}} bulunamadı. Adresi ve internet bağlantısını kontrol edin.',
    noRoute: '{{host}} adresindeki Sedna’ya giden bir ağ yolu yok. İnternet bağlantısını kontrol edin.',
    connectionBroke: '{{action}} sırasında {{host}} adresindeki Sedna ile bağlantı koptu ({{reason}}).',
    loginRejected: 'Sedna kullanıcı adını ya da şifreyi kabul etmedi. Ayarlar’dan kontrol edin.',
    loginRejectedSaying: 'Sedna kullanıcı adını ya da şifreyi kabul etmedi: {{reason}}. Ayarlar’dan kontrol edin.',
    loginNoOperator: 'Sedna girişi kabul etti, ancak bu hesabın hangi operatöre ait olduğunu bildirmedi (RecId yok).',
    loginNoSession:
      'Sedna girişi kabul etti, ancak oturum çerezi göndermedi; bu yüzden sonraki istekler yetkilendirilemez.',
    saveNoRecId: 'Sedna satış durdurma kaydına kayıt numarası vermeden yanıt verdi (RecId: {{value}}).',
    reservationNoRecId: 'Sedna rezervasyona kayıt numarası vermeden yanıt verdi.',
    notAList: 'Sedna’nın {{action}} yanıtı bir liste değil ([...] ya da {"Data": [...]} bekleniyordu).',
    refusedAfterLogin:
      'Sedna, yeniden oturum açıldıktan sonra da isteği reddetti. Kullanıcı adını, şifreyi ve hesabın B2B API’yi kullanma yetkisi olup olmadığını kontrol edin.',
    notJson: 'Sedna’nın {{action}} yanıtı okunamadı (JSON değil: {{snippet}}).',
    unexpectedShape: 'Sedna’nın {{action}} yanıtı beklenmeyen biçimde ({{snippet}}).',
    refused: 'Sedna {{action}} isteğini kabul etmedi: {{reason}} (ErrorType {{errorType}}).',
    refusedNoReason: 'Sedna {{action}} isteğini gerekçe göstermeden kabul etmedi (ErrorType {{errorType}}).',
  },
}
